import type { GuardrailResult } from "./guardrail.js";

export type ProtectedKind = "system_prompt" | "reasoning" | "staff_note" | "other_conversation";

/** Text the customer must never see from the model, with how many consecutive words count as a leak. */
export type ProtectedText = { kind: ProtectedKind; text: string; minWords?: number };

export type OutputLeakInput = {
  text: string;
  protected: ProtectedText[];
  /** Marker strings planted in the instructions; any trace of one in an answer is the prompt leaking. */
  canaries: string[];
  /** What the answer may repeat freely (the sources and this conversation): overlap with it is not a leak. */
  allowed: string;
};

export type OutputLeakInfo = { leaks: { kind: ProtectedKind; sample: string }[] };

const DEFAULT_MIN_WORDS = 6;

function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

function shingles(ws: string[], n: number): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + n <= ws.length; i++) out.add(ws.slice(i, i + n).join(" "));
  return out;
}

/**
 * Blocks answers that repeat the system prompt (its canary or any run of its words), the model's
 * reasoning summary, staff-only notes, or another conversation's messages. A run of words counts
 * only when the sources and this conversation do not contain it too, so quoting an article is fine.
 */
export function outputLeakGuard(input: OutputLeakInput): GuardrailResult<OutputLeakInfo> {
  const leaks: OutputLeakInfo["leaks"] = [];
  const squashed = input.text.toLowerCase().replace(/[\s\p{P}]+/gu, "");
  for (const canary of input.canaries) {
    const c = canary.toLowerCase().replace(/[\s\p{P}]+/gu, "");
    if (c && squashed.includes(c)) leaks.push({ kind: "system_prompt", sample: "canary" });
  }
  const answerWords = words(input.text);
  const allowedWords = words(input.allowed);
  const allowedCache = new Map<number, Set<string>>();
  const answerCache = new Map<number, Set<string>>();
  const cached = (cache: Map<number, Set<string>>, ws: string[], n: number) => {
    const hit = cache.get(n);
    if (hit) return hit;
    const made = shingles(ws, n);
    cache.set(n, made);
    return made;
  };
  for (const p of input.protected) {
    const n = p.minWords ?? DEFAULT_MIN_WORDS;
    const pw = words(p.text);
    if (pw.length < n || answerWords.length < n) continue;
    const answerShingles = cached(answerCache, answerWords, n);
    const allowed = cached(allowedCache, allowedWords, n);
    for (const sh of shingles(pw, n)) {
      if (answerShingles.has(sh) && !allowed.has(sh)) {
        leaks.push({ kind: p.kind, sample: sh.slice(0, 60) });
        break;
      }
    }
  }
  const unique = leaks.filter((l, i) => leaks.findIndex((x) => x.kind === l.kind) === i);
  return { tripwireTriggered: unique.length > 0, info: { leaks: unique } };
}
