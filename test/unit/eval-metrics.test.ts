import { describe, expect, it } from "vitest";
import { confusionMatrix, offlineDecision, precisionRecall, retrievalMetrics, scoreThresholds, sweepThresholds } from "../../bench/eval-metrics.js";
import { editDistance } from "../../src/adapters/storage/fts-search.js";
import { queryTerms, selectTerms } from "../../src/core/knowledge/fts-query.js";

describe("eval metrics", () => {
  it("computes hit@1, hit@5 and MRR over queries that have expected articles", () => {
    const m = retrievalMetrics([
      { expected: ["a"], ranked: ["a", "b"] }, // rank 1
      { expected: ["c", "x"], ranked: ["b", "a", "c"] }, // rank 3
      { expected: ["z"], ranked: ["a", "b", "c", "d", "e", "z"] }, // rank 6: outside the top 5
      { expected: ["q"], ranked: ["a"] }, // not found
      { expected: [], ranked: ["a"] }, // unanswerable: not scored
    ]);
    expect(m).toEqual({ n: 4, hit1: 0.25, hit5: 0.5, mrr: Math.round(((1 + 1 / 3 + 1 / 6) / 4) * 1000) / 1000 });
  });

  it("counts routing pairs into a confusion matrix and handoffs into precision and recall", () => {
    const pairs = [
      { expected: "fast", predicted: "answered" },
      { expected: "fast", predicted: "human" },
      { expected: "human", predicted: "human" },
      { expected: "human", predicted: "answered" },
      { expected: "human", predicted: "human" },
    ] as const;
    const matrix = confusionMatrix([...pairs], ["fast", "high", "human"] as const, ["answered", "human"] as const);
    expect(matrix).toEqual({ fast: { answered: 1, human: 1 }, high: { answered: 0, human: 0 }, human: { answered: 1, human: 2 } });
    const pr = precisionRecall(pairs.map((p) => ({ actual: p.expected === "human", predicted: p.predicted === "human" })));
    expect(pr).toEqual({ tp: 2, fp: 1, fn: 1, precision: 0.667, recall: 0.667 });
  });

  it("answers offline only on a strong, clear top hit and scores wrong answers as costly", () => {
    const hit = (slug: string, score: number) => ({ slug, title: `Article ${slug}`, score });
    expect(offlineDecision("question", [hit("a", 10), hit("b", 4)], 7, 2)).toBe("a");
    expect(offlineDecision("question", [hit("a", 10), hit("b", 6)], 7, 2)).toBeNull();
    expect(offlineDecision("question", [hit("a", 5)], 7, 2)).toBeNull();
    const cases = [
      { question: "q", hits: [hit("a", 10)], expected: ["a"] },
      { question: "q", hits: [hit("b", 9)], expected: [] },
      { question: "q", hits: [hit("c", 3)], expected: ["c"] },
    ];
    expect(scoreThresholds(cases, 2, 1, 5)).toMatchObject({ answered: 3, right: 2, wrong: 1, utility: -3 });
    expect(sweepThresholds(cases, [2, 9.5], [1], 5)[0]).toMatchObject({ minScore: 9.5, right: 1, wrong: 0, utility: 1 });
  });
});

describe("search term selection", () => {
  it("keeps every term while their document counts fit the budget, else the rarest first", () => {
    const terms = [
      { term: "printer", df: 50 },
      { term: "account", df: 900 },
      { term: "tb", df: 5 },
    ];
    expect(selectTerms(terms, 10_000)).toEqual(["printer", "account", "tb"]);
    expect(selectTerms(terms, 100)).toEqual(["printer", "tb"]);
    expect(selectTerms([{ term: "account", df: 900 }], 100)).toEqual(["account"]);
  });

  it("splits error codes written without a dash and measures typos as edits", () => {
    expect(queryTerms("TB4012 declined")).toEqual(["tb4012", "tb", "4012", "declined"]);
    expect(editDistance("remvo", "remov", 1)).toBe(1);
    expect(editDistance("refnd", "refund", 1)).toBe(1);
    expect(editDistance("printer", "account", 2)).toBe(3);
  });
});
