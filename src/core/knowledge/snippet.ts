import { stemmer } from "stemmer";

const WORD = /[\p{L}\p{N}]+/gu;

/**
 * A window of about `size` words from `body` around the densest run of query terms (compared by
 * Porter stem, as the FTS index does), with "…" where text was cut. Falls back to the opening words.
 */
export function makeSnippet(body: string, terms: string[], size = 24): string {
  const text = body
    .replace(/[#*`>|_]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  const words = [...text.matchAll(WORD)];
  if (words.length === 0) return "";
  const stems = new Set(terms.map((t) => stemmer(t.toLowerCase())));
  // A stem is at least two letters and shares its first two with the word: a cheap filter first.
  const heads = new Set([...stems].map((s) => s.slice(0, 2)));
  const hits = words.map((w) => {
    const word = w[0].toLowerCase();
    return heads.has(word.slice(0, 2)) && stems.has(stemmer(word));
  });
  let best = 0;
  let bestCount = -1;
  for (let start = 0; start < Math.max(1, words.length - size + 1); start++) {
    if (start > 0 && !hits[start]) continue;
    let count = 0;
    for (let i = start; i < Math.min(words.length, start + size); i++) if (hits[i]) count++;
    if (count > bestCount) {
      best = start;
      bestCount = count;
    }
  }
  // Start a couple of words before the first hit so the snippet reads as a phrase.
  const first = Math.max(0, best - 2);
  const last = Math.min(words.length, first + size) - 1;
  const from = first === 0 ? 0 : (words[first]?.index ?? 0);
  const lastWord = words[last];
  const to = last === words.length - 1 ? text.length : (lastWord?.index ?? 0) + (lastWord?.[0].length ?? 0);
  return `${from > 0 ? "…" : ""}${text.slice(from, to).trim()}${to < text.length ? "…" : ""}`;
}
