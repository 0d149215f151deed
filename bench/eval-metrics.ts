import { decideMatch } from "../src/core/responders/match-decision.js";
/** Pure scoring functions behind `npm run eval` (unit-tested in test/unit/eval-metrics.test.ts). */

export type Route = "fast" | "high" | "human";

/** hit@1, hit@5 and MRR (over the ranked list given, usually the top 10) for queries with expected articles. */
export function retrievalMetrics(items: { expected: string[]; ranked: string[] }[]) {
  const scored = items.filter((i) => i.expected.length > 0);
  let hit1 = 0;
  let hit5 = 0;
  let rr = 0;
  for (const { expected, ranked } of scored) {
    const rank = ranked.findIndex((slug) => expected.includes(slug));
    if (rank === 0) hit1++;
    if (rank >= 0 && rank < 5) hit5++;
    if (rank >= 0) rr += 1 / (rank + 1);
  }
  const n = scored.length;
  return { n, hit1: ratio(hit1, n), hit5: ratio(hit5, n), mrr: ratio(rr, n) };
}

/** Counts of (expected, predicted) pairs: matrix[expected][predicted]. */
export function confusionMatrix<E extends string, P extends string>(pairs: { expected: E; predicted: P }[], rows: readonly E[], cols: readonly P[]) {
  const matrix = Object.fromEntries(rows.map((r) => [r, Object.fromEntries(cols.map((c) => [c, 0]))])) as Record<E, Record<P, number>>;
  for (const { expected, predicted } of pairs) {
    const row = matrix[expected];
    if (row && predicted in row) row[predicted]++;
  }
  return matrix;
}

/** Precision and recall of a yes/no decision (here: "hand this to a person"). */
export function precisionRecall(pairs: { actual: boolean; predicted: boolean }[]) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const { actual, predicted } of pairs) {
    if (actual && predicted) tp++;
    else if (!actual && predicted) fp++;
    else if (actual && !predicted) fn++;
  }
  return { tp, fp, fn, precision: ratio(tp, tp + fp), recall: ratio(tp, tp + fn) };
}

export type OfflineCase = {
  question: string;
  /** Top hits, best first, with BM25 scores as the search returns them. */
  hits: { slug: string; title: string; score: number }[];
  expected: string[];
};

/** What the offline responder would do with these thresholds: the responder's own rule. */
export function offlineDecision(question: string, hits: OfflineCase["hits"], minScore: number, minMargin: number): string | null {
  const match = decideMatch(question, hits, { minScore, minMargin });
  return match.kind === "answer" ? match.hit.slug : null;
}

/**
 * What the offline responder did with each query: `answered` is the cited slug, or null for a
 * handoff. An answer is right when it cites an expected article; every other answer is wrong
 * (including any answer to a query no article is expected to answer). precision = right / answered,
 * coverage = right / n; `ambiguous` counts the handoffs that could offer 2–3 choices, `choicesRight`
 * those whose choices hold an expected article. Totals, and the same per tag (Bitext intent, ticket language…).
 */
export function offlineReport(items: { expected: string[]; answered: string | null; choices?: string[]; tag?: string }[]) {
  const count = (group: typeof items) => {
    const answered = group.filter((i) => i.answered !== null);
    const right = answered.filter((i) => i.expected.includes(i.answered as string)).length;
    return {
      n: group.length,
      answered: answered.length,
      right,
      wrong: answered.length - right,
      handedOff: group.length - answered.length,
      ambiguous: group.filter((i) => i.choices).length,
      choicesRight: group.filter((i) => i.choices?.some((c) => i.expected.includes(c))).length,
      precision: ratio(right, answered.length),
      coverage: ratio(right, group.length),
    };
  };
  const tags = [...new Set(items.map((i) => i.tag).filter((t): t is string => t !== undefined))].sort();
  return { all: count(items), byTag: tags.map((tag) => ({ tag, ...count(items.filter((i) => i.tag === tag)) })) };
}

/**
 * Scores one threshold pair over the cases the rules let through: an answer is right only when the
 * top article is an expected one; any other answer (wrong article, or a question the knowledge
 * base cannot answer) is a wrong answer. `utility` = right − wrongCost × wrong, because a wrong
 * automated answer costs far more than a handoff a person would have made anyway.
 */
export function scoreThresholds(cases: OfflineCase[], minScore: number, minMargin: number, wrongCost = 5) {
  let right = 0;
  let wrong = 0;
  for (const c of cases) {
    const slug = offlineDecision(c.question, c.hits, minScore, minMargin);
    if (slug === null) continue;
    if (c.expected.includes(slug)) right++;
    else wrong++;
  }
  const answered = right + wrong;
  return {
    minScore,
    minMargin,
    answered,
    right,
    wrong,
    precision: ratio(right, answered),
    coverage: ratio(right, cases.length),
    utility: right - wrongCost * wrong,
  };
}

/** Tries every pair and returns them best first (highest utility, then fewer wrong, then the stricter pair). */
export function sweepThresholds(cases: OfflineCase[], scores: number[], margins: number[], wrongCost = 5) {
  const all = scores.flatMap((s) => margins.map((m) => scoreThresholds(cases, s, m, wrongCost)));
  return all.sort((a, b) => b.utility - a.utility || a.wrong - b.wrong || b.minScore - a.minScore || b.minMargin - a.minMargin);
}

function ratio(a: number, b: number): number {
  return b === 0 ? 0 : Math.round((a / b) * 1000) / 1000;
}
