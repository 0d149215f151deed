import { describe, expect, it } from "vitest";
import { costUsd, isReasoningModel, modelWarnings, priceTable } from "../../src/core/llm/models.js";

const usage = { inputTokens: 1_000_000, cachedTokens: 400_000, outputTokens: 100_000, reasoningTokens: 60_000 };

describe("prices and the model registry", () => {
  it("bills cached input at the cached rate, output including reasoning, and halves flex", () => {
    const table = priceTable();
    // gpt-5-mini: 0.6M × 0.25 + 0.4M × 0.025 + 0.1M × 2.00
    expect(costUsd(table, "gpt-5-mini", usage)).toBeCloseTo(0.15 + 0.01 + 0.2, 10);
    expect(costUsd(table, "gpt-5-mini", usage, "flex")).toBeCloseTo(0.18, 10);
    expect(costUsd(table, "gpt-5-mini-2025-08-07", usage)).toBeCloseTo(0.36, 10);
    expect(costUsd(table, "llama3.1:8b", usage)).toBe(0);
  });

  it("takes overrides and new models from LLM_PRICES, and says what is wrong with a bad value", () => {
    const table = priceTable('{"gpt-5-mini":{"input":1,"output":2},"qwen3:8b":{"input":0,"cachedInput":0,"output":0}}');
    expect(table["gpt-5-mini"]).toEqual({ input: 1, cachedInput: 1, output: 2 });
    expect(table["qwen3:8b"]).toEqual({ input: 0, cachedInput: 0, output: 0 });
    expect(() => priceTable("{oops")).toThrow(/LLM_PRICES must be JSON/);
    expect(() => priceTable('{"m":{"input":-1,"output":1}}')).toThrow(/LLM_PRICES is invalid/);
  });

  it("warns about retired, soon-retired and unpriced models at start-up", () => {
    const table = priceTable();
    const after = Date.parse("2026-11-01T00:00:00Z");
    expect(modelWarnings(["o4-mini"], table, after)[0]?.warning).toMatch(/shut down on 2026-10-23/);
    expect(modelWarnings(["o4-mini"], table, Date.parse("2026-01-01T00:00:00Z"))[0]?.warning).toMatch(/scheduled to shut down/);
    expect(modelWarnings(["my-local-model"], table, after)[0]?.warning).toMatch(/no price/);
    expect(modelWarnings(["gpt-5-mini", "gpt-5-mini"], table, after)).toEqual([]);
  });

  it("knows which models take reasoning effort", () => {
    expect(isReasoningModel("gpt-5-mini")).toBe(true);
    expect(isReasoningModel("o4-mini")).toBe(true);
    expect(isReasoningModel("gpt-4.1-mini")).toBe(false);
  });
});
