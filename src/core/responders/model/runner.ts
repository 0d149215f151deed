import { injectionSignalsGuard } from "../../guardrails/injection-signals.js";
import { mentionsPromise } from "../../review/policy.js";
import type { Citation, SearchHit } from "../../types.js";
import type { Answer, Handoff, Responder, TurnContext } from "../responder.js";
import { judge, runAttempt } from "./attempt.js";
import type { Mode, ModelResponderConfig } from "./config.js";
import { BUILT_IN_GUARDS, guardEnv } from "./guards.js";
import { firstStep, isTechnical, nextStep } from "./ladder.js";
import { clamp01 } from "./schemas.js";
import { BUILT_IN_TOOLS, toolRegistry } from "./tools.js";
import { runTriage } from "./triage.js";
import { turnState } from "./turn-state.js";

/**
 * The two model modes with the escalation ladder fast → high → human. The rules triage already ran
 * (process-turn hands off before calling us); the model can add reasons for a person, never remove them.
 */
export function modelResponder(cfg: ModelResponderConfig): Responder {
  const tools = toolRegistry(cfg.tools ?? BUILT_IN_TOOLS);
  const guards = cfg.guards ?? BUILT_IN_GUARDS;
  return {
    name: "model",
    capabilities: { spendsBudget: true, writesFreeText: true },
    async respond(ctx: TurnContext): Promise<Answer | Handoff> {
      const state = turnState(cfg, ctx);
      const env = guardEnv(state, cfg.confidenceThreshold);
      const setup = { cfg, state, tools, guards, env };

      // Instructions hidden in the customer's words, their files or an article: the draft gets a person's eye.
      const attachmentTexts = ctx.attachments.map((a) => ({ where: "attachment", text: JSON.stringify(a.extracted ?? {}) }));
      const injectionIn = (articles: SearchHit[]) =>
        injectionSignalsGuard([
          { where: "customer_message", text: ctx.message.text },
          ...attachmentTexts,
          ...articles.map((h) => ({ where: `article:${h.slug}`, text: `${h.title}\n${h.body ?? h.snippet}` })),
        ]);

      const triage = await runTriage(cfg, state);
      const handoff = (route: Mode | undefined, why: string[]): Handoff => ({
        kind: "handoff",
        reasons: [...state.reasons, ...why],
        calls: state.calls,
        triage: triage.stored,
        reasoningSummary: state.reasoningSummary,
        summary: state.conv.summary,
        ...(route ? { route } : {}),
      });

      const start = firstStep({ triage: triage.triage, triageError: triage.error, topScore: ctx.hits[0]?.score }, cfg);
      if (start.step === "human") return handoff(undefined, start.reasons);
      state.reasons.push(...start.reasons);
      if (start.step === "high") ctx.onStatus?.("escalating");

      // When every step failed for technical reasons the customer is told so (see handoffNotice).
      let onlyErrors = true;
      // A draft that will be held for review is not streamed: the customer would see what a person has not.
      const suspicious = injectionIn(state.knowledge.included).tripwireTriggered;
      let mode: Mode = start.step === "fast" ? "fast" : "high";
      for (;;) {
        const streaming = ctx.live && !suspicious && (mode === "fast" || cfg.streamHigh) && ctx.onDelta !== undefined;
        const { outcome, stream } = await runAttempt(setup, mode, mode === "fast" ? cfg.fast : cfg.high, streaming);
        const problems = judge(setup, mode, outcome);
        const next = nextStep(mode, outcome.kind === "handoff" ? { handoff: outcome.reason } : { problems });
        if (next.step === "answer" && outcome.kind === "answer") {
          stream?.finish(outcome.output.text);
          const injection = injectionIn([...state.contextArticles.values()]);
          const guardsFired = injection.info.signals.map((x) => `injection_suspected:${x.where}:${x.signal}`.slice(0, 100));
          state.reasons.push(...guardsFired.map((g) => `guard:${g}`));
          return {
            kind: "answer",
            text: outcome.output.text.trim(),
            citations: citationsOf(outcome.output.citations, state.contextArticles),
            route: mode,
            confidence: clamp01(outcome.output.confidence),
            reasons: state.reasons,
            calls: state.calls,
            triage: triage.stored,
            reasoningSummary: state.reasoningSummary,
            promises: mentionsPromise(outcome.output.text),
            summary: state.conv.summary,
            guards: guardsFired,
          };
        }
        if (outcome.kind === "handoff") return handoff(mode, next.reasons);
        if (!problems.every(isTechnical)) onlyErrors = false;
        state.reasons.push(...next.reasons);
        if (next.step !== "high") break;
        ctx.onStatus?.("escalating");
        mode = "high";
      }
      if (onlyErrors) state.reasons.unshift("model_error:unavailable");
      return handoff("high", []);
    },
  };
}

/** The cited articles that were in context, once each, in the order cited. */
function citationsOf(ids: string[], contextArticles: Map<string, SearchHit>): Citation[] {
  return ids
    .map((id) => contextArticles.get(id))
    .filter((h): h is SearchHit => h !== undefined)
    .filter((h, i, all) => all.findIndex((x) => x.articleId === h.articleId) === i)
    .map((h) => ({ articleId: h.articleId, slug: h.slug, title: h.title, version: h.version }));
}
