import type { Mode } from "./config.js";
import { clamp01, type ModelTriage } from "./schemas.js";

/** A rung of the ladder fast → high → human, or "answer" when the attempt's answer stands. */
export type Step = Mode | "human" | "answer";

export type LadderThresholds = { confidenceThreshold: number; retrievalMinScore: number };

export type StartInput = {
  triage: ModelTriage | null;
  /** Why triage gave nothing (error kind or "no_output"); null when it ran. */
  triageError: string | null;
  /** The best retrieval score, undefined when nothing matched. */
  topScore: number | undefined;
};

/**
 * Where a turn starts, and why. The model's triage can add a reason for a person, never remove one;
 * anything that makes the fast profile likely to fail starts at high effort.
 */
export function firstStep(input: StartInput, t: LadderThresholds): { step: Step; reasons: string[] } {
  const { triage } = input;
  if (triage?.human_needed) return { step: "human", reasons: [`model_triage_human:${(triage.human_reason ?? "needed").slice(0, 120)}`] };
  const startHigh: string[] = [];
  if (input.triageError) startHigh.push(`fast_error:triage:${input.triageError}`);
  if (triage?.complexity === "complex") startHigh.push("complex");
  if (triage?.multiple_questions) startHigh.push("multi_part");
  if (triage && clamp01(triage.confidence) < t.confidenceThreshold) startHigh.push(`triage_uncertain:${clamp01(triage.confidence).toFixed(2)}`);
  if (input.topScore === undefined) startHigh.push("weak_retrieval:no_match");
  else if (input.topScore < t.retrievalMinScore) startHigh.push(`weak_retrieval:${input.topScore.toFixed(2)}<${t.retrievalMinScore}`);
  if (startHigh.length) return { step: "high", reasons: startHigh.map((r) => `high:${r}`) };
  return { step: "fast", reasons: ["fast:simple_and_retrieved"] };
}

/** What the judge found in one attempt: the model asked for a person, or the problems with its answer. */
export type Findings = { handoff: string } | { problems: readonly string[] };

/** After an attempt in `mode`: keep the answer, climb a rung, or hand off. */
export function nextStep(mode: Mode, findings: Findings): { step: Step; reasons: string[] } {
  if ("handoff" in findings) return { step: "human", reasons: [`${mode}_handoff_tool:${findings.handoff.slice(0, 120)}`] };
  if (!findings.problems.length) return { step: "answer", reasons: [] };
  const next = mode === "fast" ? "high" : "human";
  return { step: next, reasons: findings.problems.map((p) => `${next}:${mode}_${p}`) };
}

/** A problem that is the model being unreachable or broken, not its answer being wrong. */
export const isTechnical = (problem: string) => problem.startsWith("error:");
