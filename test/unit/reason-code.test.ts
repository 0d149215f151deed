import { describe, expect, it } from "vitest";
import { reasonCode } from "../../src/core/reasons/code.js";

describe("reason codes for info logs", () => {
  it.each([
    ["human:high_grounding:ungrounded_amount:$49.99", "human:high_grounding:ungrounded_amount"],
    ["model_triage_human:angry", "model_triage_human"],
    ["model_triage_human:wants a charge reversed", "model_triage_human"],
    ["fast_handoff_tool:needs account change", "fast_handoff_tool"],
    ["risk_topic:chargeback", "risk_topic:chargeback"],
    ["high:weak_retrieval:2.50<4", "high:weak_retrieval"],
    ["human_requested", "human_requested"],
    ["Customer wrote this", "unknown"],
  ])("%s → %s", (reason, code) => {
    expect(reasonCode(reason)).toBe(code);
  });
});
