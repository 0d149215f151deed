import { describe, expect, it } from "vitest";
import { clearMatch, extract, offlineResponder } from "../../src/core/responders/offline.js";
import type { TurnContext } from "../../src/core/responders/responder.js";
import type { SearchHit } from "../../src/core/types.js";

const hit = (slug: string, title: string, score: number): SearchHit => ({
  articleId: `id-${slug}`,
  slug,
  title,
  version: 3,
  score,
  snippet: "…",
  body: `## Steps\n\n1. Open Settings.\n2. Do the thing for ${slug}.\n\nMore text.`,
});

const ctx = (text: string, hits: SearchHit[]): TurnContext =>
  ({
    conversation: { locale: null },
    message: { id: "m1", text },
    hits,
    rules: { humanRequested: false, risks: [], reasons: [] },
  }) as unknown as TurnContext;

const thresholds = { minScore: 4, minMargin: 1.5 };

describe("offline responder", () => {
  it("answers with an extract and a citation when one article clearly wins on score", async () => {
    const result = await offlineResponder(thresholds).respond(
      ctx("shipping to canada", [hit("shipping-times-costs", "Shipping times and costs", 9), hit("order-hardware", "Ordering hardware", 3)]),
    );
    expect(result.kind).toBe("answer");
    if (result.kind !== "answer") return;
    expect(result.text).toMatch(/^This is an automated answer/);
    expect(result.text).toContain("Do the thing for shipping-times-costs");
    expect(result.citations).toEqual([{ articleId: "id-shipping-times-costs", slug: "shipping-times-costs", title: "Shipping times and costs", version: 3 }]);
  });

  it("hands off when the best score is below the minimum", async () => {
    const result = await offlineResponder(thresholds).respond(
      ctx("when does my parcel arrive", [hit("shipping-times-costs", "Shipping times and costs", 3.9)]),
    );
    expect(result).toMatchObject({ kind: "handoff", reasons: [expect.stringMatching(/^weak_match/)] });
  });

  it("lets a title that names the question stand in for up to half the minimum score, not more", () => {
    const hits = (score: number) => [hit("reset-password", "How to reset your password", score), hit("account-locked", "Account locked", score * 0.9)];
    expect(clearMatch("reset my password", hits(2.1), thresholds)).toMatchObject({ ok: true });
    expect(clearMatch("reset my password", hits(1.9), thresholds)).toMatchObject({ ok: false, reason: expect.stringMatching(/^weak_match/) });
  });

  it("hands off when two articles are too close and neither title names the question", () => {
    const hits = [hit("a", "Payouts schedule", 6), hit("b", "Bank transfers", 5)];
    expect(clearMatch("when is money sent", hits, thresholds)).toMatchObject({ ok: false, reason: "ambiguous_match:a~b" });
  });

  it("answers a close call when only the top title names the question's words", () => {
    const hits = [hit("reset-password", "How to reset your password", 5.6), hit("account-locked", "Account locked after too many sign-in attempts", 4.9)];
    expect(clearMatch("How do I reset my password?", hits, thresholds)).toMatchObject({ ok: true, hit: { slug: "reset-password" } });
  });

  it("hands off with no articles at all", async () => {
    expect(await offlineResponder(thresholds).respond(ctx("do you sell coffee beans", []))).toMatchObject({
      kind: "handoff",
      reasons: ["no_matching_article"],
    });
  });
});

describe("the extract an offline answer quotes", () => {
  it("cuts a long list between steps and never ends on a heading", () => {
    const body = `Intro line.\n\n## Steps\n\n${Array.from({ length: 30 }, (_, i) => `${i + 1}. Do **step** number ${i + 1} carefully.`).join("\n")}\n\n## Next heading\n\nMore.`;
    const text = extract(body, 300);
    expect(text.startsWith("Intro line.\n\nSteps\n\n1. Do step number 1 carefully.")).toBe(true);
    expect(text.length).toBeLessThanOrEqual(300);
    expect(text).not.toContain("**");
    expect(text.split("\n").at(-1)).toMatch(/^\d+\. Do step number \d+ carefully\.$/);
    expect(extract("## Only a heading\n\nBody text.", 5)).toBe("Only a heading\n\nBody text.");
  });
});
