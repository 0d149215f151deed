import type { LlmError, LlmInputItem, LlmRequest } from "../../../ports/llm.js";
import { guardedStream } from "../../guardrails/stream-guard.js";
import { toolCallGuard } from "../../guardrails/tool-call.js";
import { answerInstructions } from "../../llm/prompts.js";
import { textFieldStreamer } from "../../llm/stream-text.js";
import type { Mode, ModelResponderConfig, Profile } from "./config.js";
import { type AnswerGuard, type GuardEnv, runGuards } from "./guards.js";
import { ModelAnswer } from "./schemas.js";
import type { ToolRegistry, ToolRun } from "./tools.js";
import type { TurnState } from "./turn-state.js";

export type AttemptOutcome =
  | { kind: "answer"; output: ModelAnswer; reasoningSummary: string | null }
  | { kind: "handoff"; reason: string }
  | { kind: "blocked"; problems: string[] }
  | { kind: "error"; error: LlmError };

export type Attempt = { outcome: AttemptOutcome; stream: ReturnType<typeof guardedStream> | null };

export type AttemptSetup = {
  cfg: ModelResponderConfig;
  state: TurnState;
  tools: ToolRegistry;
  guards: AnswerGuard[];
  env: GuardEnv;
};

/**
 * One attempt at one mode: the answer call and its bounded tool loop. Streamed text is checked as it
 * grows and shown a few words behind, so a leak or an unsupported promise stops the stream before the
 * customer sees it.
 */
export async function runAttempt(setup: AttemptSetup, mode: Mode, profile: Profile, streaming: boolean): Promise<Attempt> {
  const { cfg, state, tools, guards, env } = setup;
  const input: LlmInputItem[] = [...state.conv.items];
  const instructions = answerInstructions(state.knowledge.text);
  let attemptSummary: string | null = null;
  const onDelta = state.ctx.onDelta;
  const stream =
    streaming && onDelta ? guardedStream(onDelta, (soFar) => runGuards(guards, { text: soFar, reasoningSummary: attemptSummary }, env).length === 0) : null;
  const run: ToolRun = {
    search: cfg.search,
    attachments: state.seen.attachments,
    addToContext: (hits) => {
      for (const h of hits) state.contextArticles.set(h.articleId, h);
    },
    note: (reason) => state.reasons.push(reason),
  };
  const done = (outcome: AttemptOutcome): Attempt => ({ outcome, stream });

  for (let round = 0; round <= cfg.maxToolRounds; round++) {
    const req: LlmRequest<ModelAnswer> = {
      purpose: `answer_${mode}`,
      ...profile,
      instructions,
      input,
      schema: ModelAnswer,
      schemaName: "answer",
      tools: tools.offered,
      // The last round must answer, so the loop is bounded.
      toolChoice: round === cfg.maxToolRounds ? "none" : "auto",
      promptCacheKey: state.cacheKey,
      serviceTier: state.tier,
      reasoningSummary: true,
      ...(stream ? { onTextDelta: textFieldStreamer("text", stream.push) } : {}),
    };
    const res = await cfg.llm.call(req);
    state.record(req.purpose, profile, res);
    if (!res.ok) return done({ kind: "error", error: res.error });
    if (res.reasoningSummary) {
      state.reasoningSummary = `[${mode}] ${res.reasoningSummary}`;
      attemptSummary = res.reasoningSummary;
    }
    if (res.output) return done({ kind: "answer", output: res.output, reasoningSummary: res.reasoningSummary });
    for (const tc of res.toolCalls) {
      // A call outside the offered list, or with arguments beyond its schema, means the model is
      // following someone else's orders: this attempt is over, and the trace says why.
      const check = toolCallGuard(tc, tools.offered);
      const tool = tools.get(tc.name);
      if (check.info.verdict !== "allowed" || !tool) {
        const detail = check.info.verdict === "bad_arguments" ? `:${check.info.detail}` : "";
        cfg.logger?.warn("model.tool_refused", { mode, verdict: check.info.verdict, tool: check.info.tool });
        return done({ kind: "blocked", problems: [`guard:tool_refused:${check.info.verdict}:${check.info.tool}${detail}`.slice(0, 120)] });
      }
      input.push({ type: "tool_call", callId: tc.callId, name: tc.name, arguments: tc.arguments });
      const out = await tool.execute(check.info.args, run);
      if ("handoff" in out) return done({ kind: "handoff", reason: out.handoff });
      input.push({ type: "tool_result", callId: tc.callId, output: out.output });
    }
  }
  return done({ kind: "error", error: { kind: "invalid_output", message: "tool loop did not end in an answer", retryable: false } });
}

/** The judge: what is wrong with an attempt, as problems the ladder turns into reasons. */
export function judge(setup: Pick<AttemptSetup, "guards" | "env" | "cfg">, mode: Mode, o: AttemptOutcome): string[] {
  if (o.kind === "error") return [`error:${o.error.kind}`];
  if (o.kind === "handoff") return [];
  if (o.kind === "blocked") return o.problems;
  const { text, ...final } = o.output;
  const problems = runGuards(setup.guards, { text, final, reasoningSummary: o.reasoningSummary }, setup.env);
  setup.cfg.logger?.debug("model.judged", { mode, problems });
  return problems;
}
