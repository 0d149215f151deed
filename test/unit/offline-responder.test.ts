import { describe, expect, it } from "vitest";
import { matchingSection } from "../../src/core/knowledge/sections.js";
import { extract, offlineResponder } from "../../src/core/responders/offline.js";
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

  it("hands off with no articles at all", async () => {
    expect(await offlineResponder(thresholds).respond(ctx("do you sell coffee beans", []))).toMatchObject({
      kind: "handoff",
      reasons: ["no_matching_article"],
    });
  });
});

describe("the section an offline answer quotes from a long article", () => {
  const steps = Array.from({ length: 12 }, (_, i) => `${i + 1}. Open the settings page and check option number ${i + 1} on the form.`).join("\n");
  const body = `Forgot your password? Reset it in a couple of minutes.\n\n## Reset your password\n\n${steps}\n\n## If the email does not arrive\n\n- Wait five minutes and look in your spam or junk folder.\n- Add our sender address to your safe senders.`;
  const long = (question: string) =>
    offlineResponder(thresholds).respond(
      ctx(question, [{ ...hit("reset-password", "How to reset your password", 9), body }, hit("account-locked", "Account locked", 2)]),
    );

  it("quotes the section that answers the question, and names it", async () => {
    const result = await long("the reset email does not arrive, not even in spam");
    expect(result.kind).toBe("answer");
    if (result.kind !== "answer") return;
    expect(result.text).toContain('article "How to reset your password", section "If the email does not arrive"');
    expect(result.text).toContain("Wait five minutes and look in your spam or junk folder.");
    expect(result.text).not.toContain("Forgot your password? Reset it");
  });

  it("quotes the steps for a question the steps' heading names", async () => {
    const result = await long("how do I reset my password");
    if (result.kind !== "answer") throw new Error("expected an answer");
    expect(result.text).toContain('section "Reset your password":\n\nReset your password\n\n1. Open the settings page');
  });

  it("quotes the article's start when no section holds more of the question than the start", () => {
    expect(matchingSection(body, "forgot it")?.heading).toBeNull();
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
