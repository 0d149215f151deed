import { queryTerms } from "../knowledge/fts-query.js";
import type { SearchHit } from "../types.js";

// A hit within this factor of the top one is a plausible alternative.
const CLOSE_RATIO = 1.5;
const MAX_CHOICES = 3;

/** One word the other begins with ("bill" / "billing", "invoice" / "invoices"), or the same first five letters. */
function sameWord(a: string, b: string): boolean {
  if (a.slice(0, 5) === b.slice(0, 5)) return true;
  return Math.min(a.length, b.length) >= 4 && (a.startsWith(b) || b.startsWith(a));
}

/**
 * The articles to offer as choices when the offline responder found no clear match: up to three
 * hits close to the top whose titles share a word with the question, so every choice is about what
 * was asked. Empty when none is; "none of these" is always offered beside them.
 *
 * The offline matching rule is being rewritten to return its own `ambiguous` candidates (issue 20);
 * this one function is what to swap for it.
 */
export function choiceCandidates<H extends Pick<SearchHit, "score" | "title">>(question: string, hits: H[]): H[] {
  const [top] = hits;
  if (!top || top.score <= 0) return [];
  const asked = queryTerms(question);
  const onTopic = (h: H) => queryTerms(h.title).some((w) => asked.some((q) => sameWord(q, w)));
  return hits.filter((h) => h.score * CLOSE_RATIO >= top.score && onTopic(h)).slice(0, MAX_CHOICES);
}
