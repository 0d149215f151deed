import { findPii } from "../text/redact-pii.js";
import type { GuardrailResult } from "./guardrail.js";

export type ContactDataInfo = { foreign: { kind: string; sample: string }[] };

/**
 * An answer may repeat contact or payment data only when it came from this conversation or the
 * sources: an email address, phone or card number from anywhere else is someone else's.
 */
export function contactDataGuard(input: { text: string; allowed: string }): GuardrailResult<ContactDataInfo> {
  const digits = (s: string) => s.replace(/\D/g, "");
  const allowed = input.allowed.toLowerCase();
  const allowedDigits = findPii(input.allowed).map((p) => digits(p.value));
  const foreign: ContactDataInfo["foreign"] = [];
  for (const p of findPii(input.text)) {
    const known = p.kind === "email" ? allowed.includes(p.value.toLowerCase()) : allowedDigits.includes(digits(p.value));
    // Masked on the way in (REDACT_PII): only the last digits are shown to agents, never the whole value.
    if (!known) foreign.push({ kind: p.kind, sample: p.kind === "email" ? p.value.replace(/^[^@]*/, "…") : `…${digits(p.value).slice(-2)}` });
  }
  return { tripwireTriggered: foreign.length > 0, info: { foreign } };
}
