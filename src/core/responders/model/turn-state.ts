import type { LlmResult } from "../../../ports/llm.js";
import { hasInjectionSignals } from "../../guardrails/injection-signals.js";
import { conversationInput, knowledgeBlock } from "../../llm/context.js";
import { costUsd } from "../../llm/models.js";
import { redactPii } from "../../text/redact-pii.js";
import type { Attachment, Message, ModelCall, SearchHit } from "../../types.js";
import type { TurnContext } from "../responder.js";
import type { ModelResponderConfig, Profile } from "./config.js";

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

export type TurnState = ReturnType<typeof turnState>;

/**
 * What one turn's model calls share: the prompt parts (knowledge first, stable across the calls of
 * this turn; conversation last), the articles in context (tool searches add to them), the calls made
 * and the reasons gathered so far.
 */
export function turnState(cfg: ModelResponderConfig, ctx: TurnContext) {
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
  const calls: ModelCall[] = [];
  const reasons: string[] = [];

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

  const state = {
    ctx,
    seen,
    knowledge,
    conv,
    contextArticles,
    conversationText,
    trustedSources,
    calls,
    reasons,
    /** The latest attempt's reasoning summary, tagged with its mode. */
    reasoningSummary: null as string | null,
    tier: (cfg.asyncServiceTier === "flex" && cfg.offPeakTier?.(ctx.conversation.channel) ? "flex" : "default") as "flex" | "default",
    cacheKey: `frontdesk:${ctx.conversation.id}`,
    /** Records a call with its cost; one warning line per failed call (what happens next is in the reasons). */
    record<T>(purpose: string, profile: Profile, res: LlmResult<T>) {
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
    },
  };
  return state;
}
