import { describe, expect, it } from "vitest";
import { firstStep, nextStep, type StartInput } from "../../src/core/responders/model/ladder.js";
import type { ModelTriage } from "../../src/core/responders/model/schemas.js";
import { triageFields } from "../helpers/triage-fixture.js";

const thresholds = { confidenceThreshold: 0.6, retrievalMinScore: 4 };
const triage = (over: Partial<ModelTriage> = {}) => triageFields(over) as ModelTriage;
const start = (over: Partial<StartInput> = {}): StartInput => ({ triage: triage(), triageError: null, topScore: 8, ...over });

describe("where the ladder starts", () => {
  it.each([
    ["a simple, confident question with a strong match", start(), "fast", ["fast:simple_and_retrieved"]],
    ["the model's triage asks for a person", start({ triage: triage({ human_needed: true, human_reason: "angry" }) }), "human", ["model_triage_human:angry"]],
    ["…without saying why", start({ triage: triage({ human_needed: true }) }), "human", ["model_triage_human:needed"]],
    ["triage failed", start({ triage: null, triageError: "timeout" }), "high", ["high:fast_error:triage:timeout"]],
    ["triage gave no output", start({ triage: null, triageError: "no_output" }), "high", ["high:fast_error:triage:no_output"]],
    ["a complex question", start({ triage: triage({ complexity: "complex" }) }), "high", ["high:complex"]],
    ["several questions", start({ triage: triage({ multiple_questions: true }) }), "high", ["high:multi_part"]],
    ["triage is unsure", start({ triage: triage({ confidence: 0.4 }) }), "high", ["high:triage_uncertain:0.40"]],
    ["nothing retrieved", start({ topScore: undefined }), "high", ["high:weak_retrieval:no_match"]],
    ["a weak match", start({ topScore: 2.5 }), "high", ["high:weak_retrieval:2.50<4"]],
    ["a match exactly at the minimum", start({ topScore: 4 }), "fast", ["fast:simple_and_retrieved"]],
    [
      "several reasons at once, in order",
      start({ triage: triage({ complexity: "complex", multiple_questions: true }), topScore: 1 }),
      "high",
      ["high:complex", "high:multi_part", "high:weak_retrieval:1.00<4"],
    ],
  ])("%s", (_name, input, step, reasons) => {
    expect(firstStep(input, thresholds)).toEqual({ step, reasons });
  });
});

describe("the next step after an attempt", () => {
  it.each([
    ["a fast answer with no problems stands", "fast", { problems: [] }, "answer", []],
    ["a high answer with no problems stands", "high", { problems: [] }, "answer", []],
    [
      "a fast answer with problems climbs to high",
      "fast",
      { problems: ["low_confidence:0.30", "partial_answer"] },
      "high",
      ["high:fast_low_confidence:0.30", "high:fast_partial_answer"],
    ],
    ["a failed fast call climbs to high", "fast", { problems: ["error:timeout"] }, "high", ["high:fast_error:timeout"]],
    [
      "a high answer with problems goes to a person",
      "high",
      { problems: ["grounding:ungrounded_amount:$49.99"] },
      "human",
      ["human:high_grounding:ungrounded_amount:$49.99"],
    ],
    ["the handoff tool goes straight to a person", "fast", { handoff: "billing dispute" }, "human", ["fast_handoff_tool:billing dispute"]],
  ] as const)("%s", (_name, mode, findings, step, reasons) => {
    expect(nextStep(mode, findings)).toEqual({ step, reasons });
  });
});
