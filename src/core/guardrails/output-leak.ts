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
  return compileOutputLeakGuard(input.protected, input.canaries)(input.text, input.allowed);
}

const squash = (s: string) => s.toLowerCase().replace(/[\s\p{P}]+/gu, "");

/**
 * The same check with the protected texts prepared once, for checking a streamed answer on every
 * delta. Still pure: the closure only caches what it was given.
 */
export function compileOutputLeakGuard(
  protectedTexts: ProtectedText[],
  canaries: string[],
): (text: string, allowed: string) => GuardrailResult<OutputLeakInfo> {
  const squashedCanaries = canaries.map(squash).filter(Boolean);
  // One index per run length: shingle → the first kind it belongs to.
  const byLength = new Map<number, Map<string, ProtectedKind>>();
  for (const p of protectedTexts) {
    const n = p.minWords ?? DEFAULT_MIN_WORDS;
    const index = byLength.get(n) ?? new Map<string, ProtectedKind>();
    byLength.set(n, index);
    for (const sh of shingles(words(p.text), n)) if (!index.has(sh)) index.set(sh, p.kind);
  }
  let lastAllowed: { text: string; words: string[]; byN: Map<number, Set<string>> } | null = null;
  return (text, allowedText) => {
    const leaks: OutputLeakInfo["leaks"] = [];
    if (squashedCanaries.some((c) => squash(text).includes(c))) leaks.push({ kind: "system_prompt", sample: "canary" });
    if (lastAllowed?.text !== allowedText) lastAllowed = { text: allowedText, words: words(allowedText), byN: new Map() };
    const allowed = lastAllowed;
    const answerWords = words(text);
    for (const [n, index] of byLength) {
      let allowedSet = allowed.byN.get(n);
      for (const sh of shingles(answerWords, n)) {
        const kind = index.get(sh);
        if (!kind || leaks.some((l) => l.kind === kind)) continue;
        if (!allowedSet) {
          allowedSet = shingles(allowed.words, n);
          allowed.byN.set(n, allowedSet);
        }
        if (!allowedSet.has(sh)) leaks.push({ kind, sample: sh.slice(0, 60) });
      }
    }
    return { tripwireTriggered: leaks.length > 0, info: { leaks } };
  };
}
