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
 * was asked. A single such article must share two of the question's words (or its only one): one
 * common word ("sell" in "selling without internet") is no reason to offer it. Empty when there is
 * nothing worth offering; "none of these" is always offered beside them.
 *
 * The offline matching rule is being rewritten to return its own `ambiguous` candidates (issue 20);
 * this one function is what to swap for it.
 */
export function choiceCandidates<H extends Pick<SearchHit, "score" | "title">>(question: string, hits: H[]): H[] {
  const [top] = hits;
  if (!top || top.score <= 0) return [];
  const asked = queryTerms(question);
  const shared = (h: H) => asked.filter((q) => queryTerms(h.title).some((w) => sameWord(q, w))).length;
  const fitting = hits.filter((h) => h.score * CLOSE_RATIO >= top.score && shared(h) > 0).slice(0, MAX_CHOICES);
  if (fitting.length === 1 && shared(fitting[0] as H) < Math.min(2, asked.length)) return [];
  return fitting;
}
