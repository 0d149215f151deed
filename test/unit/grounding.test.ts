import { describe, expect, it } from "vitest";
import { checkGrounding } from "../../src/core/llm/grounding.js";

const sources = `Refund policy for subscriptions
You can request a refund within 14 days of the charge date. Pro annual ($790) cancelled after 4 months: 7 × $65.83 = $460.83.
Write to billing@tallybird.com or visit https://tallybird.com/billing. Customer: my order #10422 was charged on 2026-03-01.`;
const base = { citations: ["a1"], contextArticleIds: new Set(["a1", "a2"]), sources };

describe("the grounding check", () => {
  it("passes an answer whose facts all come from the sources or the conversation", () => {
    const text =
      "You can get a refund within 14 days; for Pro annual that is $460.83 (7 × $65.83). Order #10422 from 2026-03-01 qualifies — see https://tallybird.com/billing.";
    expect(checkGrounding({ ...base, text })).toEqual({ ok: true });
  });

  it("rejects citations of articles that were not in the context, and answers without any", () => {
    expect(checkGrounding({ ...base, text: "See the article.", citations: ["a9"] })).toEqual({ ok: false, problems: ["citation_not_in_context:a9"] });
    expect(checkGrounding({ ...base, text: "See the article.", citations: [] })).toEqual({ ok: false, problems: ["no_citation"] });
  });

  it("flags invented amounts, figures, dates, URLs, e-mail addresses and order numbers", () => {
    const r = checkGrounding({
      ...base,
      text: "We will refund $49.99 within 30 days, on March 5, to order #99881 — details at https://evil.example/refund or help@evil.example.",
    });
    expect(r.ok).toBe(false);
    const problems = r.ok ? [] : r.problems;
    for (const p of [
      "ungrounded_amount:$49.99",
      "ungrounded_figure:30",
      "ungrounded_date:March 5",
      "ungrounded_reference:#99881",
      "ungrounded_url:https://evil.example/refund",
      "ungrounded_email:help@evil.example",
    ])
      expect(problems).toContain(p);
  });

  it("flags a refund promise when no article talks about refunds, even if the customer asked for one", () => {
    const r = checkGrounding({
      ...base,
      sources: "How to pair a card reader over Bluetooth.",
      conversation: "customer: I want a refund of $20 for this!",
      text: "We'll refund you the $20 for the trouble.",
    });
    // Nor may the amount the customer named be promised back: no article states it.
    expect(r).toEqual({ ok: false, problems: ["promise_not_in_sources", "ungrounded_promise_amount:$20"] });
  });
});
