import { describe, expect, it } from "vitest";
import { ConfigError, parseSettings } from "../../src/config/settings.js";
import { buildModelResponder } from "../../src/entry/wire.js";
import type { Logger } from "../../src/ports/logger.js";
import { fakeLlm } from "../helpers/fake-llm.js";

function capture() {
  const warnings: Record<string, unknown>[] = [];
  const logger: Logger = {
    debug() {},
    info() {},
    warn(event, fields) {
      warnings.push({ event, ...fields });
    },
    error() {},
    child() {
      return logger;
    },
  };
  return { logger, warnings };
}

describe("start-up model checks", () => {
  it("warns when a configured model is retired or has no price", () => {
    const { logger, warnings } = capture();
    const settings = parseSettings({ LLM_FAST_MODEL: "o4-mini", LLM_HIGH_MODEL: "llama3.1:8b" });
    buildModelResponder(settings, fakeLlm(), { search: async () => [] }, logger, { now: () => Date.parse("2026-11-22T00:00:00Z") });
    expect(warnings.map((w) => [w.event, w.model])).toEqual([
      ["llm.model_warning", "o4-mini"],
      ["llm.model_warning", "llama3.1:8b"],
    ]);
    expect(String(warnings[0]!.warning)).toContain("shut down on 2026-10-23");
  });

  it("is quiet for the default model", () => {
    const { logger, warnings } = capture();
    buildModelResponder(parseSettings({}), fakeLlm(), { search: async () => [] }, logger, { now: () => Date.parse("2026-11-22T00:00:00Z") });
    expect(warnings).toEqual([]);
  });

  it("refuses a malformed LLM_PRICES at start-up, naming the variable", () => {
    expect(() => parseSettings({ LLM_PRICES: '{"m":{"input":"cheap"}}' })).toThrow(ConfigError);
    expect(() => parseSettings({ LLM_PRICES: "{oops" })).toThrow(/LLM_PRICES=/);
  });
});
