import { stemmer } from "stemmer";
import { queryTerms } from "../knowledge/fts-query.js";
import type { SearchHit } from "../types.js";

export type MatchThresholds = {
  /** The best article's BM25 score must reach this for the score rule... */
  minScore: number;
  /** ...and beat the runner-up by this factor, so "one article clearly matches". */
  minMargin: number;
};

type RankedHit = Pick<SearchHit, "slug" | "title" | "score" | "questions">;

/**
 * What the knowledge base says about a question, without a model:
 * - `answer`: one article clearly matches; quote it.
 * - `ambiguous`: 2–3 articles are about equally plausible (best first); offer them as choices.
 * - `none`: nothing matches well enough; hand off.
 * `reason` is a short code for the turn's record (never customer text).
 */
export type MatchDecision<H extends RankedHit = RankedHit> =
  | { kind: "answer"; hit: H; reason: string }
  | { kind: "ambiguous"; candidates: H[]; reason: string }
  | { kind: "none"; reason: string };

// The title rule asks the top title to beat the runner-up by only this factor: a title naming the
// question's distinctive words is itself the evidence (calibrated on the dev splits, docs/offline-answers.md).
const TITLE_MARGIN = 1.1;
// Question length (distinct words) up to which minScore holds as set; see decideMatch.
const TERMS_PER_SCORE = 8;
// The title rule needs one distinctive title word per this many question words (and at least two).
const WORDS_PER_TITLE_WORD = 6;
// The phrasing rule: the customer's words must cover this share of one of the top article's example
// questions, more than of any rival's (calibrated on the dev splits, docs/offline-answers.md).
const MIN_PHRASING_COVER = 0.75;
// Titles of the hits just below the top that a title word must be absent from to count as distinctive.
const RIVALS = 4;
// A hit within this factor of the top one is a plausible alternative; more than MAX_CHOICES is no choice.
const CHOICE_RATIO = 1.5;
const MAX_CHOICES = 3;

const stems = (text: string) => new Set(queryTerms(text).map((w) => stemmer(w)));

/**
 * Question words the top title contains and no rival title (the next few hits) does. A word every
 * candidate's title shares, such as a product or brand name ("Dropbox", "Facebook"), tells them
 * apart no better than "the": only the words left over say which article the question is about.
 */
export function distinctiveTitleWords(question: string, hits: RankedHit[]): string[] {
  const [top, ...rest] = hits;
  if (!top) return [];
  const title = stems(top.title);
  const rivals = new Set(rest.slice(0, RIVALS).flatMap((h) => [...stems(h.title)]));
  return [...stems(question)].filter((w) => title.has(w) && !rivals.has(w));
}

/**
 * How much of an article's closest example question the customer's words cover (0–1), counting
 * only phrasings of which at least `minWords` words are matched: a one-word phrasing ("how do I
 * unsubscribe") matched by one word says little about "unsubscribe me from the newsletter".
 */
export function phrasingCover(asked: ReadonlySet<string>, hit: RankedHit | undefined, minWords = 0): number {
  let best = 0;
  for (const phrasing of hit?.questions ?? []) {
    const words = stems(phrasing);
    const matched = [...words].filter((w) => asked.has(w)).length;
    if (words.size > 0 && matched >= minWords) best = Math.max(best, matched / words.size);
  }
  return best;
}

/**
 * Decides between answer, ambiguous and none from the ranked hits alone (pure: no I/O).
 * Two ways to a clear answer:
 * - the score rule: a strong BM25 score (≥ minScore, raised for questions longer than
 *   TERMS_PER_SCORE words) and a wide lead (≥ minMargin × the runner-up);
 * - the title rule: the top title holds at least two (or all, for one-word questions; one more per
 *   WORDS_PER_TITLE_WORD question words) of the question's distinctive words (see
 *   distinctiveTitleWords), or that many of its words and more of them than any rival title does
 *   (a shared brand name adds to every title alike), and the top still leads the runner-up;
 * - the phrasing rule: the customer's words cover most of one of the top article's example
 *   questions (at least as many words as the title rule needs), and more of it than of any rival's.
 * Otherwise the hits close to the top (within CHOICE_RATIO) are offered as 2–3 choices when the top
 * title shares at least one word with the question, and nothing is said when not.
 */
export function decideMatch<H extends RankedHit>(question: string, hits: H[], t: MatchThresholds): MatchDecision<H> {
  const [top, second] = hits;
  if (!top) return { kind: "none", reason: "no_matching_article" };
  const ratio = second && second.score > 0 ? top.score / second.score : Number.POSITIVE_INFINITY;
  const words = stems(question).size;
  // BM25 adds up over the question's words, so a long message scores high on loose matches: the
  // bar rises with its length past TERMS_PER_SCORE words, and so does the title's share.
  const minScore = t.minScore * Math.max(1, words / TERMS_PER_SCORE);
  if (top.score >= minScore && ratio >= t.minMargin) return { kind: "answer", hit: top, reason: `clear_match:${top.slug}:${top.score.toFixed(2)}` };
  const asked = stems(question);
  const distinctive = distinctiveTitleWords(question, hits).length;
  const needed = Math.max(Math.min(2, words), Math.ceil(words / WORDS_PER_TITLE_WORD));
  const inTitle = (h: RankedHit) => [...stems(h.title)].filter((w) => asked.has(w)).length;
  const topInTitle = inTitle(top);
  const titleLeads = topInTitle >= needed && hits.slice(1, 1 + RIVALS).every((h) => inTitle(h) < topInTitle);
  if ((distinctive >= needed || titleLeads) && needed > 0 && ratio >= TITLE_MARGIN)
    return { kind: "answer", hit: top, reason: `title_match:${top.slug}:${Math.max(distinctive, topInTitle)}` };
  const cover = phrasingCover(asked, top, Math.max(needed, 1));
  const rivalCover = Math.max(0, ...hits.slice(1, 1 + RIVALS).map((h) => phrasingCover(asked, h)));
  if (cover >= MIN_PHRASING_COVER && cover > rivalCover) return { kind: "answer", hit: top, reason: `question_match:${top.slug}:${cover.toFixed(2)}` };
  const close = hits.filter((h) => h.score * CHOICE_RATIO >= top.score);
  const onTopic = [...stems(top.title)].some((w) => asked.has(w));
  if (onTopic && close.length >= 2 && close.length <= MAX_CHOICES)
    return { kind: "ambiguous", candidates: close, reason: `ambiguous_match:${close.map((h) => h.slug).join("~")}` };
  if (top.score < minScore) return { kind: "none", reason: `weak_match:${top.score.toFixed(2)}<${minScore.toFixed(1)}` };
  return { kind: "none", reason: `no_clear_match:${top.slug}~${second?.slug ?? ""}` };
}
