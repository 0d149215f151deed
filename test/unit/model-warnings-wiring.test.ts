import { describe, expect, it } from "vitest";
import { ConfigError, parseSettings } from "../../src/config/settings.js";
import { buildModelResponder, warnAboutModels } from "../../src/entry/wire.js";
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

const now = { now: () => Date.parse("2026-11-22T00:00:00Z") };
const withModel = { OPENAI_API_KEY: "sk-test" };

describe("start-up model checks", () => {
  it("warns when a configured model is retired or has no price", () => {
    const { logger, warnings } = capture();
    const settings = parseSettings({ ...withModel, LLM_FAST_MODEL: "o4-mini", LLM_HIGH_MODEL: "llama3.1:8b", VISION_MODEL: "gpt-5-nano" });
    warnAboutModels(settings, logger, now);
    expect(warnings.map((w) => [w.event, w.model])).toEqual([
      ["llm.model_warning", "o4-mini"],
      ["llm.model_warning", "llama3.1:8b"],
    ]);
    expect(String(warnings[0]!.warning)).toContain("shut down on 2026-10-23");
  });

  it("warns about the vision and embeddings models too, naming the setting to change", () => {
    const { logger, warnings } = capture();
    const settings = { ...parseSettings({ ...withModel, VISION_MODEL: "gpt-4.5-preview" }), EMBEDDINGS_MODEL: "nomic-embed-text" };
    warnAboutModels(settings, logger, now);
    expect(warnings.map((w) => [w.model, w.settings])).toEqual([
      ["gpt-4.5-preview", "VISION_MODEL"],
      ["nomic-embed-text", "EMBEDDINGS_MODEL"],
    ]);
    expect(String(warnings[0]!.warning)).toContain("shut down on 2025-07-14");
    expect(String(warnings[1]!.warning)).toContain("no price");
  });

  it("does not warn about an unused vision model when images are read offline", () => {
    const { logger, warnings } = capture();
    warnAboutModels(parseSettings({ ...withModel, VISION_MODEL: "gpt-4.5-preview", VISION_ENABLED: "false" }), logger, now);
    warnAboutModels(parseSettings({ VISION_MODEL: "gpt-4.5-preview" }), logger, now);
    expect(warnings).toEqual([]);
  });

  it("is quiet for the default model", () => {
    const { logger, warnings } = capture();
    warnAboutModels(parseSettings(withModel), logger, now);
    buildModelResponder(parseSettings(withModel), fakeLlm(), { search: async () => [] }, logger, now);
    expect(warnings).toEqual([]);
  });

  it("refuses a malformed LLM_PRICES at start-up, naming the variable", () => {
    expect(() => parseSettings({ LLM_PRICES: '{"m":{"input":"cheap"}}' })).toThrow(ConfigError);
    expect(() => parseSettings({ LLM_PRICES: "{oops" })).toThrow(/LLM_PRICES=/);
  });
});
