import { z } from "zod";
import type { Usage } from "../types.js";

/** USD per 1M tokens. `flexDiscount` applies when a call ran on the flex tier. */
export type ModelPrice = { input: number; cachedInput: number; output: number };
export type ModelInfo = ModelPrice & { reasoning: boolean; flex: boolean; shutdown?: string };

/**
 * Published list prices (standard tier, USD per 1M tokens) as of late 2025; LLM_PRICES overrides or
 * extends them. Shutdown dates are the ones OpenAI announced; a configured model past its date is
 * warned about at start-up because every call would fail.
 */
export const MODEL_TABLE: Record<string, ModelInfo> = {
  "gpt-5": { input: 1.25, cachedInput: 0.125, output: 10, reasoning: true, flex: true },
  "gpt-5.1": { input: 1.25, cachedInput: 0.125, output: 10, reasoning: true, flex: true },
  "gpt-5-mini": { input: 0.25, cachedInput: 0.025, output: 2, reasoning: true, flex: true },
  "gpt-5-nano": { input: 0.05, cachedInput: 0.005, output: 0.4, reasoning: true, flex: true },
  o3: { input: 2, cachedInput: 0.5, output: 8, reasoning: true, flex: true },
  "o4-mini": { input: 1.1, cachedInput: 0.275, output: 4.4, reasoning: true, flex: true, shutdown: "2026-10-23" },
  "o3-mini": { input: 1.1, cachedInput: 0.55, output: 4.4, reasoning: true, flex: false },
  "gpt-4.1": { input: 2, cachedInput: 0.5, output: 8, reasoning: false, flex: false },
  "gpt-4.1-mini": { input: 0.4, cachedInput: 0.1, output: 1.6, reasoning: false, flex: false },
  "gpt-4.1-nano": { input: 0.1, cachedInput: 0.025, output: 0.4, reasoning: false, flex: false },
  "gpt-4o": { input: 2.5, cachedInput: 1.25, output: 10, reasoning: false, flex: false },
  "gpt-4o-mini": { input: 0.15, cachedInput: 0.075, output: 0.6, reasoning: false, flex: false },
  "gpt-4.5-preview": { input: 75, cachedInput: 37.5, output: 150, reasoning: false, flex: false, shutdown: "2025-07-14" },
};

/** Flex processing is billed at half the standard rate. */
export const FLEX_FACTOR = 0.5;

const PriceOverride = z.record(z.string(), z.object({ input: z.number().min(0), cachedInput: z.number().min(0).optional(), output: z.number().min(0) }));

export type PriceTable = Record<string, ModelPrice>;

/** The price table with `LLM_PRICES` (JSON: {"model": {"input", "cachedInput"?, "output"}}) applied. */
export function priceTable(overrideJson?: string): PriceTable {
  const table: PriceTable = {};
  for (const [name, info] of Object.entries(MODEL_TABLE)) table[name] = { input: info.input, cachedInput: info.cachedInput, output: info.output };
  if (!overrideJson) return table;
  let raw: unknown;
  try {
    raw = JSON.parse(overrideJson);
  } catch {
    throw new Error('LLM_PRICES must be JSON like {"my-model":{"input":0.2,"cachedInput":0.02,"output":0.8}} (USD per 1M tokens)');
  }
  const parsed = PriceOverride.safeParse(raw);
  if (!parsed.success) throw new Error(`LLM_PRICES is invalid: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  for (const [name, p] of Object.entries(parsed.data)) table[name] = { input: p.input, cachedInput: p.cachedInput ?? p.input, output: p.output };
  return table;
}

/** Snapshot names like gpt-5-mini-2025-08-07 are priced as their base model. */
export function lookupModel<T>(table: Record<string, T>, model: string): T | undefined {
  if (table[model]) return table[model];
  const base = model.replace(/-\d{4}-\d{2}-\d{2}$/, "");
  return table[base];
}

/** Cost of one call in USD. Cached input tokens are part of input tokens and billed at the cached rate. */
export function costUsd(table: PriceTable, model: string, usage: Usage, serviceTier?: string | null): number {
  const p = lookupModel(table, model);
  if (!p) return 0;
  const cached = Math.min(usage.cachedTokens, usage.inputTokens);
  const cost = ((usage.inputTokens - cached) * p.input + cached * p.cachedInput + usage.outputTokens * p.output) / 1_000_000;
  return serviceTier === "flex" ? cost * FLEX_FACTOR : cost;
}

/** Whether the model takes `reasoning.effort` (and refuses temperature/top_p). Unknown names are assumed to. */
export function isReasoningModel(model: string): boolean {
  const info = lookupModel(MODEL_TABLE, model);
  if (info) return info.reasoning;
  return /^(o\d|gpt-5)/.test(model);
}

export function supportsFlex(model: string): boolean {
  return lookupModel(MODEL_TABLE, model)?.flex ?? false;
}

/** Start-up warnings: unknown to the price table (cost recorded as 0) or past a shutdown date. */
export function modelWarnings(models: string[], prices: PriceTable, now: number): { model: string; warning: string }[] {
  const out: { model: string; warning: string }[] = [];
  for (const model of new Set(models)) {
    const info = lookupModel(MODEL_TABLE, model);
    if (info?.shutdown && Date.parse(`${info.shutdown}T00:00:00Z`) <= now)
      out.push({ model, warning: `model ${model} was shut down on ${info.shutdown}; calls will fail — configure a current model instead` });
    else if (info?.shutdown) out.push({ model, warning: `model ${model} is scheduled to shut down on ${info.shutdown}` });
    if (!lookupModel(prices, model))
      out.push({ model, warning: `model ${model} has no price in the table; its cost is recorded as 0 — add it with LLM_PRICES` });
  }
  return out;
}
