import { z } from "zod";
import type { KnowledgeSearch } from "../../ports/knowledge-search.js";
import type { Llm, LlmError, LlmInputItem, LlmRequest, LlmResult, LlmTool } from "../../ports/llm.js";
import type { Logger } from "../../ports/logger.js";
import { contactDataGuard } from "../guardrails/contact-data.js";
import { hasInjectionSignals, injectionSignalsGuard } from "../guardrails/injection-signals.js";
import { compileOutputLeakGuard, outputLeakGuard, type ProtectedText } from "../guardrails/output-leak.js";
import { guardedStream } from "../guardrails/stream-guard.js";
import { toolCallGuard } from "../guardrails/tool-call.js";
import { articleBlock, conversationInput, knowledgeBlock, quoteUntrusted } from "../llm/context.js";
import { checkGrounding } from "../llm/grounding.js";
import { costUsd, type PriceTable } from "../llm/models.js";
import { answerInstructions, PROMPT_CANARY, systemPromptText, triageCategories, triageInstructions } from "../llm/prompts.js";
import { textFieldStreamer } from "../llm/stream-text.js";
import { FALLBACK_PROFILE } from "../profile/schema.js";
import { mentionsPromise } from "../review/policy.js";
import { redactPii } from "../text/redact-pii.js";
import type { Attachment, Citation, Message, ModelCall, SearchHit } from "../types.js";
import type { Answer, Handoff, Responder, TurnContext } from "./responder.js";

/** Structured triage from the fast profile. Keys are all required (strict schema); "none" is null. */
export const ModelTriage = z.object({
  // The workspace's categories: each request narrows this to the profile's enum (see triageCategories).
  category: z.string(),
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
  /** Mask emails, phone and card numbers in customer and attachment text before any of it reaches the model. */
  redactPii?: boolean;
  logger?: Logger;
};

type Mode = "fast" | "high";

type AttemptOutcome =
  | { kind: "answer"; output: ModelAnswer; reasoningSummary: string | null }
  | { kind: "handoff"; reason: string }
  | { kind: "blocked"; problems: string[] }
  | { kind: "error"; error: LlmError };

const clamp01 = (n: number) => (Number.isFinite(n) ? Math.min(1, Math.max(0, n)) : 0);

function redactDeep(value: unknown): unknown {
  if (typeof value === "string") return redactPii(value);
  if (Array.isArray(value)) return value.map(redactDeep);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v)]));
  return value;
}

/** The copies the model sees when REDACT_PII is on; the stored messages keep the original text. */
function redactedView(history: Message[], attachments: Attachment[]): { history: Message[]; attachments: Attachment[] } {
  return {
    history: history.map((m) => (m.role === "system" ? m : { ...m, text: redactPii(m.text) })),
    attachments: attachments.map((a) => ({
      ...a,
      filename: a.filename && redactPii(a.filename),
      extracted: a.extracted && (redactDeep(a.extracted) as Record<string, unknown>),
    })),
  };
}

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
      const workspace = ctx.profile ?? FALLBACK_PROFILE;
      // Our own instructions, as text the answer must never repeat.
      const systemPrompt: ProtectedText = { kind: "system_prompt", text: systemPromptText(workspace) };

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
      const seen = cfg.redactPii ? redactedView(ctx.history, ctx.attachments) : { history: ctx.history, attachments: ctx.attachments };
      const knowledge = knowledgeBlock(ctx.hits, Math.floor(budget * 0.55), ctx.knownArticles);
      const conv = conversationInput(seen.history, seen.attachments, Math.floor(budget * 0.45));
      const contextArticles = new Map<string, SearchHit>(knowledge.included.map((h) => [h.articleId, h]));
      const conversationText = [
        ctx.history.map((m) => m.text).join("\n"),
        conv.summary ?? "",
        ...ctx.attachments.map((a) => JSON.stringify(a.extracted ?? {})),
      ].join("\n");

      // Instructions hidden in the customer's words, their files or an article: the draft gets a person's eye.
      const attachmentTexts = ctx.attachments.map((a) => ({ where: "attachment", text: JSON.stringify(a.extracted ?? {}) }));
      const injectionIn = (articles: SearchHit[]) =>
        injectionSignalsGuard([
          { where: "customer_message", text: ctx.message.text },
          ...attachmentTexts,
          ...articles.map((h) => ({ where: `article:${h.slug}`, text: `${h.title}\n${h.body ?? h.snippet}` })),
        ]);
      // An article that gives orders to the model cannot vouch for facts or promises.
      // Articles only ever join the context (tool searches), so the size is a good cache key.
      let trusted = { size: -1, text: "" };
      const trustedSources = () => {
        if (trusted.size !== contextArticles.size)
          trusted = {
            size: contextArticles.size,
            text: [...contextArticles.values()]
              .map((h) => `${h.title}\n${h.body ?? h.snippet}`)
              .filter((t) => !hasInjectionSignals(t))
              .join("\n"),
          };
        return trusted.text;
      };
      // Prepared once per turn: streamed answers are checked against it on every delta.
      const baseLeakGuard = compileOutputLeakGuard([systemPrompt, ...(ctx.protectedTexts ?? [])], [PROMPT_CANARY]);
      /** Problems with an answer's text alone (whole or streamed so far), before citations are looked at. */
      const textProblems = (text: string, summary: string | null): string[] => {
        const allowed = `${trustedSources()}\n${conversationText}`;
        const leaks = baseLeakGuard(text, allowed).info.leaks;
        if (summary) leaks.push(...outputLeakGuard({ text, protected: [{ kind: "reasoning", text: summary, minWords: 8 }], canaries: [], allowed }).info.leaks);
        const contact = contactDataGuard({ text, allowed });
        return [...leaks.map((l) => `guard:leak:${l.kind}`), ...contact.info.foreign.map((f) => `guard:contact_data:${f.kind}`)];
      };

      // 1. Triage (fast profile, structured). A failure is a reason to climb, not to give up.
      let triage: ModelTriage | null = null;
      const triageRes = await cfg.llm.call({
        purpose: "triage",
        ...cfg.fast,
        instructions: triageInstructions(workspace),
        input: conv.items,
        schema: ModelTriage.extend({ category: z.enum(triageCategories(workspace)) }),
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
      // Set by answerOnce (a closure, hence the holder): the stream of the attempt being judged.
      const live: { stream: ReturnType<typeof guardedStream> | null } = { stream: null };
      // A draft that will be held for review is not streamed: the customer would see what a person has not.
      const suspicious = injectionIn(knowledge.included).tripwireTriggered;
      for (const mode of modes) {
        const profile = mode === "fast" ? cfg.fast : cfg.high;
        const streaming = ctx.live && !suspicious && (mode === "fast" || cfg.streamHigh) && ctx.onDelta !== undefined;
        const outcome = await answerOnce(mode, profile, streaming);
        const failed = judge(mode, outcome);
        if (!failed.length && outcome.kind === "answer") {
          live.stream?.finish(outcome.output.text);
          const injection = injectionIn([...contextArticles.values()]);
          const guards = injection.info.signals.map((x) => `injection_suspected:${x.where}:${x.signal}`.slice(0, 100));
          reasons.push(...guards.map((g) => `guard:${g}`));
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
            guards,
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
        if (o.kind === "blocked") return o.problems;
        const problems: string[] = textProblems(o.output.text, o.reasoningSummary);
        const g = checkGrounding({
          text: o.output.text,
          citations: o.output.citations,
          contextArticleIds: new Set(contextArticles.keys()),
          sources: trustedSources(),
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
        const instructions = answerInstructions(knowledge.text, workspace);
        let attemptSummary: string | null = null;
        // Streamed text is checked as it grows and shown a few words behind, so a leak or an unsupported
        // promise stops the stream before the customer sees it.
        const stream =
          streaming && ctx.onDelta
            ? guardedStream(ctx.onDelta, (soFar) => {
                if (mentionsPromise(soFar) || textProblems(soFar, attemptSummary).length > 0) return false;
                const g = checkGrounding({
                  text: soFar,
                  citations: [],
                  contextArticleIds: new Set(),
                  sources: trustedSources(),
                  conversation: conversationText,
                });
                return g.ok || g.problems.every((p) => p === "no_citation");
              })
            : null;
        live.stream = stream;
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
            ...(stream ? { onTextDelta: textFieldStreamer("text", stream.push) } : {}),
          };
          const res = await cfg.llm.call(req);
          record(req.purpose, profile, res);
          if (!res.ok) return { kind: "error", error: res.error };
          if (res.reasoningSummary) {
            reasoningSummary = `[${mode}] ${res.reasoningSummary}`;
            attemptSummary = res.reasoningSummary;
          }
          if (res.output) return { kind: "answer", output: res.output, reasoningSummary: res.reasoningSummary };
          for (const tc of res.toolCalls) {
            // A call outside the offered list, or with arguments beyond its schema, means the model is
            // following someone else's orders: this attempt is over, and the trace says why.
            const check = toolCallGuard(tc, TOOLS);
            if (check.info.verdict !== "allowed") {
              const detail = check.info.verdict === "bad_arguments" ? `:${check.info.detail}` : "";
              cfg.logger?.warn("model.tool_refused", { mode, verdict: check.info.verdict, tool: check.info.tool });
              return { kind: "blocked", problems: [`guard:tool_refused:${check.info.verdict}:${check.info.tool}${detail}`.slice(0, 120)] };
            }
            const args = check.info.args;
            input.push({ type: "tool_call", callId: tc.callId, name: tc.name, arguments: tc.arguments });
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
          const a = seen.attachments.find((x) => x.id === String(args.id ?? ""));
          if (!a) {
            reasons.push("guard:tool_refused:attachment_not_in_conversation");
            return "No attachment with that id in this conversation.";
          }
          return `<attachment id="${a.id}">\n${quoteUntrusted(JSON.stringify({ filename: a.filename, mime: a.mime, size: a.size, status: a.status, extracted: a.extracted }))}\n</attachment>`;
        }
        // toolCallGuard lets only the tools above through.
        return "Unknown tool.";
      }
    },
  };
}
