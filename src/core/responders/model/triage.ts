import { triageInstructions } from "../../llm/prompts.js";
import type { ModelResponderConfig } from "./config.js";
import { ModelTriage } from "./schemas.js";
import type { TurnState } from "./turn-state.js";

export type TriageResult = {
  triage: ModelTriage | null;
  /** Why there is no triage: the call's error kind, or "no_output". */
  error: string | null;
  /** What the turn stores as its triage: the rules' reasons, the model's fields or its error. */
  stored: Record<string, unknown>;
};

/** Triage on the fast profile, structured. A failure is a reason to climb, not to give up. */
export async function runTriage(cfg: ModelResponderConfig, state: TurnState): Promise<TriageResult> {
  const res = await cfg.llm.call({
    purpose: "triage",
    ...cfg.fast,
    instructions: triageInstructions(),
    input: state.conv.items,
    schema: ModelTriage,
    schemaName: "triage",
    promptCacheKey: state.cacheKey,
    serviceTier: state.tier,
  });
  state.record("triage", cfg.fast, res);
  const stored: Record<string, unknown> = { rules: state.ctx.rules.reasons };
  if (!res.ok) {
    stored.error = res.error.kind;
    return { triage: null, error: res.error.kind, stored };
  }
  if (res.output === null) return { triage: null, error: "no_output", stored };
  Object.assign(stored, res.output);
  return { triage: res.output, error: null, stored };
}
