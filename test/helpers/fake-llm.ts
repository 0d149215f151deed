import type { Llm, LlmError, LlmRequest, LlmResult } from "../../src/ports/llm.js";

export type Scripted = { output: unknown } | { toolCalls: { name: string; arguments: Record<string, unknown> }[] } | { error: LlmError };

/** A hand-written Llm for unit tests: replies are scripted per purpose ("triage", "answer_fast", "answer_high"). */
export function fakeLlm(script: Record<string, Scripted[]> = {}) {
  const requests: LlmRequest<unknown>[] = [];
  const usage = { inputTokens: 1000, cachedTokens: 200, outputTokens: 100, reasoningTokens: 40 };
  const llm: Llm & { requests: LlmRequest<unknown>[] } = {
    provider: "openai",
    requests,
    async call<T>(req: LlmRequest<T>): Promise<LlmResult<T>> {
      requests.push(req as LlmRequest<unknown>);
      const next = script[req.purpose]?.shift() ?? script["*"]?.shift();
      const meta = { model: req.model, usage, latencyMs: 5, ttftMs: 2, serviceTier: req.serviceTier ?? "default", attempts: 1 };
      if (!next) return { ok: false, error: { kind: "server_error", message: `nothing scripted for ${req.purpose}`, retryable: true }, ...meta };
      if ("error" in next) return { ok: false, error: next.error, ...meta };
      if ("toolCalls" in next)
        return {
          ok: true,
          output: null,
          toolCalls: next.toolCalls.map((t, i) => ({ callId: `call_${requests.length}_${i}`, name: t.name, arguments: JSON.stringify(t.arguments) })),
          reasoningSummary: null,
          ...meta,
        };
      const parsed = req.schema.safeParse(next.output);
      if (!parsed.success) return { ok: false, error: { kind: "invalid_output", message: parsed.error.message, retryable: false }, ...meta };
      if (req.onTextDelta) for (const piece of JSON.stringify(next.output).match(/.{1,7}/gs) ?? []) req.onTextDelta(piece);
      return { ok: true, output: parsed.data, toolCalls: [], reasoningSummary: "thought about it", ...meta };
    },
  };
  return llm;
}
