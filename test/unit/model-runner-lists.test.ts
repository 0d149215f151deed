import { describe, expect, it } from "vitest";
import { z } from "zod";
import { priceTable } from "../../src/core/llm/models.js";
import { BUILT_IN_GUARDS } from "../../src/core/responders/model/guards.js";
import { type AnswerGuard, type ModelResponderConfig, modelResponder, tool } from "../../src/core/responders/model/index.js";
import { BUILT_IN_TOOLS, toolRegistry } from "../../src/core/responders/model/tools.js";
import { fakeLlm } from "../helpers/fake-llm.js";
import { triageFields } from "../helpers/triage-fixture.js";
import { passwordHit, turnContext } from "../helpers/turn-context.js";

const answer = (text: string) => ({
  output: { text, citations: ["art1"], confidence: 0.9, fully_answered: true, language: "en" },
});

function runner(llm: ReturnType<typeof fakeLlm>, over: Partial<ModelResponderConfig> = {}) {
  return modelResponder({
    llm,
    search: { search: async () => [passwordHit] },
    prices: priceTable(),
    fast: { model: "gpt-5-mini", effort: "low" },
    high: { model: "gpt-5", effort: "high" },
    confidenceThreshold: 0.6,
    retrievalMinScore: 4,
    contextTokens: 4000,
    maxToolRounds: 2,
    asyncServiceTier: "default",
    streamHigh: false,
    ...over,
  });
}

describe("the runner's tool and guard lists", () => {
  it("offers a tool added to the list and feeds its result back to the model", async () => {
    const seen: string[] = [];
    const orderStatus = tool({
      name: "order_status",
      description: "Look up an order by its number.",
      parameters: z.object({ order: z.string() }),
      async execute({ order }) {
        seen.push(order);
        return { output: `Order ${order}: shipped.` };
      },
    });
    const llm = fakeLlm({
      triage: [{ output: triageFields() }],
      answer_fast: [{ toolCalls: [{ name: "order_status", arguments: { order: "A-1001" } }] }, answer("Click Forgot password.")],
    });
    const r = await runner(llm, { tools: [...BUILT_IN_TOOLS, orderStatus] }).respond(turnContext());
    expect(r.kind).toBe("answer");
    expect(seen).toEqual(["A-1001"]);
    expect(llm.requests[1]?.tools?.map((t) => t.name)).toContain("order_status");
    expect(JSON.stringify(llm.requests[2]?.input)).toContain("Order A-1001: shipped.");
  });

  it("refuses a built-in tool that was left off the list", async () => {
    const llm = fakeLlm({
      triage: [{ output: triageFields() }],
      answer_fast: [{ toolCalls: [{ name: "search_knowledge_base", arguments: { query: "x" } }] }],
      answer_high: [answer("Click Forgot password.")],
    });
    const r = await runner(llm, { tools: BUILT_IN_TOOLS.filter((t) => t.name !== "search_knowledge_base") }).respond(turnContext());
    expect(r.kind === "answer" && r.route).toBe("high");
    expect(r.reasons).toContain("high:fast_guard:tool_refused:unknown_tool:search_knowledge_base");
  });

  it("climbs when a guard added to the list trips, with the guard's problems as reasons", async () => {
    const noExclamation: AnswerGuard = {
      name: "no_exclamation",
      streams: false,
      check: ({ text }) => ({ tripwireTriggered: text.includes("!"), info: { problems: text.includes("!") ? ["tone:exclamation"] : [] } }),
    };
    const llm = fakeLlm({
      triage: [{ output: triageFields() }],
      answer_fast: [answer("Click Forgot password!")],
      answer_high: [answer("Click Forgot password.")],
    });
    const r = await runner(llm, { guards: [...BUILT_IN_GUARDS, noExclamation] }).respond(turnContext());
    expect(r.kind === "answer" && r.text).toBe("Click Forgot password.");
    expect(r.reasons).toContain("high:fast_tone:exclamation");
  });

  it("will not register two tools with one name", () => {
    expect(() => toolRegistry([...BUILT_IN_TOOLS, BUILT_IN_TOOLS[0]!])).toThrow(/search_knowledge_base/);
  });
});
