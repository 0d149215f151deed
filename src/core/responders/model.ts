import { z } from "zod";
import type { KnowledgeSearch } from "../../ports/knowledge-search.js";
import type { Llm, LlmError, LlmInputItem, LlmRequest, LlmResult, LlmTool } from "../../ports/llm.js";
import type { Logger } from "../../ports/logger.js";
import { articleBlock, conversationInput, knowledgeBlock, quoteUntrusted } from "../llm/context.js";
import { checkGrounding } from "../llm/grounding.js";
import { costUsd, type PriceTable } from "../llm/models.js";
import { answerInstructions, triageInstructions } from "../llm/prompts.js";
import { textFieldStreamer } from "../llm/stream-text.js";
import { mentionsPromise } from "../review/policy.js";
import type { Citation, ModelCall, SearchHit } from "../types.js";
import type { Answer, Handoff, Responder, TurnContext } from "./responder.js";

/** Structured triage from the fast profile. Keys are all required (strict schema); "none" is null. */
export const ModelTriage = z.object({
  category: z.enum(["billing", "account", "hardware", "orders", "payments", "technical", "integrations", "privacy", "other"]),
  priority: z.enum(["low", "normal", "high", "urgent"]),
  sentiment: z.enum(["negative", "neutral", "positive"]),
  language: z.string(),
  complexity: z.enum(["simple", "complex"]),
  multiple_questions: z.boolean(),
  human_needed: z.boolean(),
  human_reason: z.string().nullable(),
  confidence: z.number(),
});
export type ModelTriage = z.infer<typeof ModelTriage>;

/** "text" comes first so it can be streamed while the rest of the JSON is still being written. */
export const ModelAnswer = z.object({
  text: z.string(),
  citations: z.array(z.string()),
  confidence: z.number(),
  fully_answered: z.boolean(),
  language: z.string(),
});
export type ModelAnswer = z.infer<typeof ModelAnswer>;

const TOOLS: LlmTool[] = [
  {
    name: "search_knowledge_base",
    description: "Search the published help-center articles. Returns the best matching articles with their ids.",
    parameters: z.object({ query: z.string() }),
  },
  {
    name: "get_attachment_details",
    description: "Read the text and fields extracted from a file the customer attached, by attachment id.",
    parameters: z.object({ id: z.string() }),
  },
  {
    name: "handoff_to_human",
    description: "Hand the conversation to a human support agent. Use when the knowledge base cannot answer or a person is needed.",
    parameters: z.object({ reason: z.string() }),
  },
];

export type Profile = { model: string; effort: string };

export type ModelResponderConfig = {
  llm: Llm;
  search: KnowledgeSearch;
  prices: PriceTable;
  fast: Profile;
  high: Profile;
  /** Below this the answer climbs a step (fast → high → human). */
  confidenceThreshold: number;
  /** A best BM25 score below this counts as weak retrieval and starts at high effort. */
  retrievalMinScore: number;
  /** Prompt budget for knowledge plus conversation, in tokens. */
  contextTokens: number;
  maxToolRounds: number;
  /** `flex` for channels where nobody watches the reply being typed (email). */
  asyncServiceTier: "default" | "flex";
  /** Stream high-effort answers too (only when they are sent without review, i.e. REVIEW_MODE=none). */
  streamHigh: boolean;
  logger?: Logger;
};

type Mode = "fast" | "high";

type AttemptOutcome =
  | { kind: "answer"; output: ModelAnswer; reasoningSummary: string | null }
  | { kind: "handoff"; reason: string }
  | { kind: "error"; error: LlmError };

const clamp01 = (n: number) => (Number.isFinite(n) ? Math.min(1, Math.max(0, n)) : 0);

/**
 * The two model modes with the escalation ladder fast → high → human. The rules triage already ran
 * (process-turn hands off before calling us); the model can add reasons for a person, never remove them.
 */
export function modelResponder(cfg: ModelResponderConfig): Responder {
  return {
    name: "model",
    async respond(ctx: TurnContext): Promise<Answer | Handoff> {
      const calls: ModelCall[] = [];
      const reasons: string[] = [];
      let reasoningSummary: string | null = null;
      const tier = cfg.asyncServiceTier === "flex" && ctx.conversation.channel === "email" ? "flex" : "default";
      const cacheKey = `frontdesk:${ctx.conversation.id}`;

      const record = <T>(purpose: string, profile: Profile, res: LlmResult<T>) => {
        calls.push({
          purpose,
          model: res.model,
          effort: profile.effort,
          ...res.usage,
          costUsd: costUsd(cfg.prices, res.model, res.usage, res.serviceTier),
          latencyMs: res.latencyMs,
          ttftMs: res.ttftMs,
          ok: res.ok,
          serviceTier: res.serviceTier,
          ...(res.ok ? {} : { error: `${res.error.kind}${res.error.status ? `:${res.error.status}` : ""}` }),
        });
        // One line per failed call; what happens next (the next rung, a handoff) is in the turn's reasons.
        if (!res.ok)
          cfg.logger?.warn("model.call_failed", {
            conversationId: ctx.conversation.id,
            purpose,
            model: res.model,
            kind: res.error.kind,
            status: res.error.status,
            retryable: res.error.retryable,
            latencyMs: res.latencyMs,
          });
      };

      // Knowledge first (stable across calls of this turn), conversation last.
      const budget = cfg.contextTokens;
      const knowledge = knowledgeBlock(ctx.hits, Math.floor(budget * 0.55));
      const conv = conversationInput(ctx.history, ctx.attachments, Math.floor(budget * 0.45));
      const contextArticles = new Map<string, SearchHit>(knowledge.included.map((h) => [h.articleId, h]));
      const conversationText = [
        ctx.history.map((m) => m.text).join("\n"),
        conv.summary ?? "",
        ...ctx.attachments.map((a) => JSON.stringify(a.extracted ?? {})),
      ].join("\n");

      // 1. Triage (fast profile, structured). A failure is a reason to climb, not to give up.
      let triage: ModelTriage | null = null;
      const triageRes = await cfg.llm.call({
        purpose: "triage",
        ...cfg.fast,
        instructions: triageInstructions(),
        input: conv.items,
        schema: ModelTriage,
        schemaName: "triage",
        promptCacheKey: cacheKey,
        serviceTier: tier,
      });
      record("triage", cfg.fast, triageRes);
      const triageOut: Record<string, unknown> = { rules: ctx.rules.reasons };
      if (triageRes.ok && triageRes.output) {
        triage = triageRes.output;
        Object.assign(triageOut, triage);
      } else if (!triageRes.ok) triageOut.error = triageRes.error.kind;

      const finishHandoff = (route: Mode | undefined, why: string[]): Handoff => ({
        kind: "handoff",
        reasons: [...reasons, ...why],
        calls,
        triage: triageOut,
        reasoningSummary,
        summary: conv.summary,
        ...(route ? { route } : {}),
      });

      if (triage?.human_needed) return finishHandoff(undefined, [`model_triage_human:${(triage.human_reason ?? "needed").slice(0, 120)}`]);

      // 2. Where to start on the ladder, and why.
      const startHigh: string[] = [];
      if (!triageRes.ok) startHigh.push(`fast_error:triage:${triageRes.error.kind}`);
      else if (triageRes.output === null) startHigh.push("fast_error:triage:no_output");
      if (triage?.complexity === "complex") startHigh.push("complex");
      if (triage?.multiple_questions) startHigh.push("multi_part");
      if (triage && clamp01(triage.confidence) < cfg.confidenceThreshold) startHigh.push(`triage_uncertain:${clamp01(triage.confidence).toFixed(2)}`);
      const top = ctx.hits[0];
      if (!top) startHigh.push("weak_retrieval:no_match");
      else if (top.score < cfg.retrievalMinScore) startHigh.push(`weak_retrieval:${top.score.toFixed(2)}<${cfg.retrievalMinScore}`);

      const modes: Mode[] = startHigh.length ? ["high"] : ["fast", "high"];
      if (startHigh.length) {
        reasons.push(...startHigh.map((r) => `high:${r}`));
        ctx.onStatus?.("escalating");
      } else reasons.push("fast:simple_and_retrieved");

      // When every step failed for technical reasons the customer is told so (see handoffNotice).
      let onlyErrors = true;
      for (const mode of modes) {
        const profile = mode === "fast" ? cfg.fast : cfg.high;
        const streaming = ctx.live && (mode === "fast" || cfg.streamHigh) && ctx.onDelta !== undefined;
        const outcome = await answerOnce(mode, profile, streaming);
        const failed = judge(mode, outcome);
        if (!failed.length && outcome.kind === "answer") {
          const citations: Citation[] = outcome.output.citations
            .map((id) => contextArticles.get(id))
            .filter((h): h is SearchHit => h !== undefined)
            .filter((h, i, all) => all.findIndex((x) => x.articleId === h.articleId) === i)
            .map((h) => ({ articleId: h.articleId, slug: h.slug, title: h.title, version: h.version }));
          return {
            kind: "answer",
            text: outcome.output.text.trim(),
            citations,
            route: mode,
            confidence: clamp01(outcome.output.confidence),
            reasons,
            calls,
            triage: triageOut,
            reasoningSummary,
            promises: mentionsPromise(outcome.output.text),
            summary: conv.summary,
          };
        }
        if (outcome.kind === "handoff") return finishHandoff(mode, [`${mode}_handoff_tool:${outcome.reason.slice(0, 120)}`]);
        if (failed.some((f) => !f.startsWith("error:"))) onlyErrors = false;
        const next = mode === "fast" ? "high" : "human";
        reasons.push(...failed.map((f) => `${next}:${mode}_${f}`));
        if (next === "high") ctx.onStatus?.("escalating");
      }
      if (onlyErrors) reasons.unshift("model_error:unavailable");
      return finishHandoff("high", []);

      function judge(mode: Mode, o: AttemptOutcome): string[] {
        if (o.kind === "error") return [`error:${o.error.kind}`];
        if (o.kind === "handoff") return [];
        const problems: string[] = [];
        const g = checkGrounding({
          text: o.output.text,
          citations: o.output.citations,
          contextArticleIds: new Set(contextArticles.keys()),
          sources: [...contextArticles.values()].map((h) => `${h.title}\n${h.body ?? h.snippet}`).join("\n"),
          conversation: conversationText,
        });
        if (!g.ok) problems.push(...g.problems.slice(0, 4).map((p) => `grounding:${p}`));
        if (!o.output.text.trim()) problems.push("empty_answer");
        if (clamp01(o.output.confidence) < cfg.confidenceThreshold) problems.push(`low_confidence:${clamp01(o.output.confidence).toFixed(2)}`);
        if (!o.output.fully_answered) problems.push("partial_answer");
        cfg.logger?.debug("model.judged", { mode, problems });
        return problems;
      }

      async function answerOnce(mode: Mode, profile: Profile, streaming: boolean): Promise<AttemptOutcome> {
        const input: LlmInputItem[] = [...conv.items];
        const instructions = answerInstructions(knowledge.text);
        for (let round = 0; round <= cfg.maxToolRounds; round++) {
          const req: LlmRequest<ModelAnswer> = {
            purpose: `answer_${mode}`,
            ...profile,
            instructions,
            input,
            schema: ModelAnswer,
            schemaName: "answer",
            tools: TOOLS,
            // The last round must answer, so the loop is bounded.
            toolChoice: round === cfg.maxToolRounds ? "none" : "auto",
            promptCacheKey: cacheKey,
            serviceTier: tier,
            reasoningSummary: true,
            ...(streaming && ctx.onDelta ? { onTextDelta: textFieldStreamer("text", ctx.onDelta) } : {}),
          };
          const res = await cfg.llm.call(req);
          record(req.purpose, profile, res);
          if (!res.ok) return { kind: "error", error: res.error };
          if (res.reasoningSummary) reasoningSummary = `[${mode}] ${res.reasoningSummary}`;
          if (res.output) return { kind: "answer", output: res.output, reasoningSummary: res.reasoningSummary };
          for (const tc of res.toolCalls) {
            input.push({ type: "tool_call", callId: tc.callId, name: tc.name, arguments: tc.arguments });
            let args: Record<string, unknown> = {};
            try {
              args = JSON.parse(tc.arguments || "{}") as Record<string, unknown>;
            } catch {
              args = {};
            }
            if (tc.name === "handoff_to_human") return { kind: "handoff", reason: String(args.reason ?? "requested by model") };
            input.push({ type: "tool_result", callId: tc.callId, output: await runTool(tc.name, args) });
          }
        }
        return { kind: "error", error: { kind: "invalid_output", message: "tool loop did not end in an answer", retryable: false } };
      }

      async function runTool(name: string, args: Record<string, unknown>): Promise<string> {
        if (name === "search_knowledge_base") {
          const query = String(args.query ?? "").slice(0, 300);
          const found = await cfg.search.search(query, { limit: 3, withBody: true });
          for (const h of found) contextArticles.set(h.articleId, h);
          if (!found.length) return "No articles matched.";
          return found.map((h) => articleBlock(h, 600)).join("\n\n");
        }
        if (name === "get_attachment_details") {
          const a = ctx.attachments.find((x) => x.id === String(args.id ?? ""));
          if (!a) return "No attachment with that id in this conversation.";
          return `<attachment id="${a.id}">\n${quoteUntrusted(JSON.stringify({ filename: a.filename, mime: a.mime, size: a.size, status: a.status, extracted: a.extracted }))}\n</attachment>`;
        }
        return `Unknown tool ${name}.`;
      }
    },
  };
}
