import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from "openai";
import { zodFunction, zodResponseFormat, zodResponsesFunction, zodTextFormat } from "openai/helpers/zod";
import type { ChatCompletionCreateParamsStreaming, ChatCompletionMessageParam } from "openai/resources/chat/completions";
import type { ResponseCreateParamsStreaming, ResponseInputItem } from "openai/resources/responses/responses";
import { isReasoningModel, supportsFlex } from "../../core/llm/models.js";
import type { Usage } from "../../core/types.js";
import { type Llm, type LlmError, type LlmInputItem, type LlmRequest, type LlmResult, type LlmToolCall, noUsage } from "../../ports/llm.js";

export type OpenAiLlmOptions = {
  /** Local OpenAI-compatible servers often need no key; a placeholder keeps the SDK from reading the environment. */
  apiKey?: string;
  baseURL?: string;
  api: "responses" | "chat";
  provider: "openai" | "compatible";
  /** Per HTTP attempt until the response headers (SDK, which retries), then the longest silence allowed within a stream. */
  timeoutMs: number;
  maxRetries: number;
};

type Attempt = {
  text: string;
  refusal: string;
  reasoningSummary: string;
  toolCalls: LlmToolCall[];
  usage: Usage;
  ttftMs: number | null;
  finished: "complete" | "incomplete" | "failed" | null;
  failure?: string;
};

/** Turns an SDK error into a value: expected failures never throw past the adapter. */
export function toLlmError(error: unknown, idleTimedOut: boolean): LlmError {
  if (idleTimedOut || error instanceof APIConnectionTimeoutError) return { kind: "timeout", message: "model call timed out", retryable: true };
  if (error instanceof APIUserAbortError) return { kind: "timeout", message: "model call aborted", retryable: true };
  if (error instanceof APIError && error.status !== undefined) {
    const status = error.status;
    const message = error.message.slice(0, 300);
    if (status === 429) return { kind: "rate_limited", message, retryable: true, status };
    if (status === 408) return { kind: "timeout", message, retryable: true, status };
    if (status >= 500) return { kind: "server_error", message, retryable: true, status };
    if (status === 401 || status === 403) return { kind: "auth", message, retryable: false, status };
    return { kind: "bad_request", message, retryable: false, status };
  }
  if (error instanceof APIConnectionError) return { kind: "connection", message: error.message.slice(0, 300), retryable: true };
  // The body of a streaming response broke after the headers (socket reset, truncated chunk).
  return { kind: "stream_cut", message: error instanceof Error ? error.message.slice(0, 300) : String(error), retryable: true };
}

function responsesInput(items: LlmInputItem[]): ResponseInputItem[] {
  return items.map((item): ResponseInputItem => {
    if (item.type === "message") return { role: item.role, content: item.text, type: "message" } as ResponseInputItem;
    if (item.type === "tool_call") return { type: "function_call", call_id: item.callId, name: item.name, arguments: item.arguments };
    return { type: "function_call_output", call_id: item.callId, output: item.output };
  });
}

function chatMessages(instructions: string, items: LlmInputItem[]): ChatCompletionMessageParam[] {
  const out: ChatCompletionMessageParam[] = [{ role: "system", content: instructions }];
  for (const item of items) {
    if (item.type === "message") out.push({ role: item.role, content: item.text });
    else if (item.type === "tool_result") out.push({ role: "tool", tool_call_id: item.callId, content: item.output });
    else {
      const last = out.at(-1);
      const call = { id: item.callId, type: "function" as const, function: { name: item.name, arguments: item.arguments } };
      // Parallel calls of one model turn belong to one assistant message.
      if (last?.role === "assistant" && Array.isArray(last.tool_calls) && !last.content) last.tool_calls.push(call);
      else out.push({ role: "assistant", content: null, tool_calls: [call] });
    }
  }
  return out;
}

/** The SDK helpers carry parse hooks as extra properties; the wire only needs the JSON fields. */
function textFormat(req: LlmRequest<unknown>) {
  const f = zodTextFormat(req.schema, req.schemaName);
  return { type: "json_schema" as const, name: f.name, schema: f.schema, strict: true };
}

export function openAiLlm(opts: OpenAiLlmOptions): Llm {
  const client = new OpenAI({
    apiKey: opts.apiKey ?? "not-needed-for-local-servers",
    baseURL: opts.baseURL ?? "https://api.openai.com/v1",
    timeout: opts.timeoutMs,
    maxRetries: opts.maxRetries,
  });

  async function consumeResponses(
    req: LlmRequest<unknown>,
    tier: "default" | "flex",
    signal: AbortSignal,
    touch: () => void,
    started: number,
  ): Promise<Attempt> {
    const reasoning = isReasoningModel(req.model);
    const body: ResponseCreateParamsStreaming = {
      model: req.model,
      instructions: req.instructions,
      input: responsesInput(req.input),
      text: { format: textFormat(req) },
      store: false,
      stream: true,
      ...(reasoning ? { reasoning: { effort: req.effort as "low", ...(req.reasoningSummary ? { summary: "auto" as const } : {}) } } : {}),
      ...(req.tools?.length
        ? {
            tools: req.tools.map((t) => {
              const f = zodResponsesFunction({ name: t.name, parameters: t.parameters, description: t.description });
              return { type: "function" as const, name: f.name, description: t.description, parameters: f.parameters, strict: true };
            }),
            parallel_tool_calls: false,
            tool_choice: req.toolChoice ?? "auto",
          }
        : {}),
      ...(req.promptCacheKey ? { prompt_cache_key: req.promptCacheKey } : {}),
      ...(tier === "flex" ? { service_tier: "flex" as const } : {}),
      ...(req.maxOutputTokens ? { max_output_tokens: req.maxOutputTokens } : {}),
    };
    const a: Attempt = { text: "", refusal: "", reasoningSummary: "", toolCalls: [], usage: noUsage(), ttftMs: null, finished: null };
    const stream = await client.responses.create(body, { signal, ...(tier === "flex" ? { maxRetries: 0 } : {}) });
    touch();
    for await (const ev of stream) {
      touch();
      switch (ev.type) {
        case "response.output_text.delta":
          a.ttftMs ??= Date.now() - started;
          a.text += ev.delta;
          req.onTextDelta?.(ev.delta);
          break;
        case "response.function_call_arguments.delta":
          a.ttftMs ??= Date.now() - started;
          break;
        case "response.refusal.delta":
          a.ttftMs ??= Date.now() - started;
          a.refusal += ev.delta;
          break;
        case "response.completed":
        case "response.incomplete":
        case "response.failed": {
          const r = ev.response;
          a.finished = ev.type === "response.completed" ? "complete" : ev.type === "response.incomplete" ? "incomplete" : "failed";
          if (ev.type === "response.failed") a.failure = r.error?.message ?? "response failed";
          if (ev.type === "response.incomplete") a.failure = r.incomplete_details?.reason ?? "incomplete";
          if (r.usage)
            a.usage = {
              inputTokens: r.usage.input_tokens,
              cachedTokens: r.usage.input_tokens_details?.cached_tokens ?? 0,
              outputTokens: r.usage.output_tokens,
              reasoningTokens: r.usage.output_tokens_details?.reasoning_tokens ?? 0,
            };
          // The final object is authoritative; deltas were only for the live view.
          let text = "";
          for (const item of r.output ?? []) {
            if (item.type === "function_call") a.toolCalls.push({ callId: item.call_id, name: item.name, arguments: item.arguments });
            if (item.type === "reasoning") a.reasoningSummary = item.summary.map((s) => s.text).join("\n\n") || a.reasoningSummary;
            if (item.type === "message")
              for (const c of item.content) {
                if (c.type === "output_text") text += c.text;
                if (c.type === "refusal") a.refusal ||= c.refusal;
              }
          }
          if (text) a.text = text;
          break;
        }
        case "error":
          a.finished = "failed";
          a.failure = ev.message;
          break;
        default:
          break;
      }
    }
    return a;
  }

  async function consumeChat(req: LlmRequest<unknown>, tier: "default" | "flex", signal: AbortSignal, touch: () => void, started: number): Promise<Attempt> {
    const reasoning = isReasoningModel(req.model);
    const format = zodResponseFormat(req.schema, req.schemaName);
    const body: ChatCompletionCreateParamsStreaming = {
      model: req.model,
      messages: chatMessages(req.instructions, req.input),
      response_format: { type: "json_schema", json_schema: { name: format.json_schema.name, schema: format.json_schema.schema, strict: true } },
      stream: true,
      stream_options: { include_usage: true },
      ...(reasoning ? { reasoning_effort: req.effort as "low" } : {}),
      ...(req.tools?.length
        ? {
            tools: req.tools.map((t) => {
              const f = zodFunction({ name: t.name, parameters: t.parameters, description: t.description });
              return { type: "function" as const, function: { name: t.name, description: t.description, parameters: f.function.parameters, strict: true } };
            }),
            parallel_tool_calls: false,
            tool_choice: req.toolChoice ?? "auto",
          }
        : {}),
      ...(req.promptCacheKey && opts.provider === "openai" ? { prompt_cache_key: req.promptCacheKey } : {}),
      ...(tier === "flex" ? { service_tier: "flex" as const } : {}),
      ...(req.maxOutputTokens ? { max_completion_tokens: req.maxOutputTokens } : {}),
    };
    const a: Attempt = { text: "", refusal: "", reasoningSummary: "", toolCalls: [], usage: noUsage(), ttftMs: null, finished: null };
    const calls = new Map<number, LlmToolCall>();
    const stream = await client.chat.completions.create(body, { signal, ...(tier === "flex" ? { maxRetries: 0 } : {}) });
    touch();
    for await (const chunk of stream) {
      touch();
      if (chunk.usage)
        a.usage = {
          inputTokens: chunk.usage.prompt_tokens,
          cachedTokens: chunk.usage.prompt_tokens_details?.cached_tokens ?? 0,
          outputTokens: chunk.usage.completion_tokens,
          reasoningTokens: chunk.usage.completion_tokens_details?.reasoning_tokens ?? 0,
        };
      const choice = chunk.choices[0];
      if (!choice) continue;
      const d = choice.delta;
      if (d?.content) {
        a.ttftMs ??= Date.now() - started;
        a.text += d.content;
        req.onTextDelta?.(d.content);
      }
      if (d?.refusal) a.refusal += d.refusal;
      for (const tc of d?.tool_calls ?? []) {
        a.ttftMs ??= Date.now() - started;
        const c = calls.get(tc.index) ?? { callId: "", name: "", arguments: "" };
        if (tc.id) c.callId = tc.id;
        if (tc.function?.name) c.name += tc.function.name;
        if (tc.function?.arguments) c.arguments += tc.function.arguments;
        calls.set(tc.index, c);
      }
      if (choice.finish_reason) {
        a.finished = choice.finish_reason === "length" ? "incomplete" : "complete";
        if (choice.finish_reason === "length") a.failure = "max_output_tokens";
        if (choice.finish_reason === "content_filter") a.refusal ||= "content_filter";
      }
    }
    a.toolCalls = [...calls.values()];
    return a;
  }

  async function attempt<T>(req: LlmRequest<T>, tier: "default" | "flex"): Promise<LlmResult<T>> {
    const started = Date.now();
    const controller = new AbortController();
    let idleTimedOut = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const touch = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        idleTimedOut = true;
        controller.abort();
      }, opts.timeoutMs);
    };
    const meta = (usage: Usage, ttftMs: number | null) => ({
      model: req.model,
      usage,
      latencyMs: Date.now() - started,
      ttftMs,
      serviceTier: tier,
      attempts: 1,
    });
    let a: Attempt;
    try {
      // Until the headers arrive the SDK's own timeout and retries (with Retry-After) apply; after that, this idle timer.
      a =
        opts.api === "chat"
          ? await consumeChat(req as LlmRequest<unknown>, tier, controller.signal, touch, started)
          : await consumeResponses(req as LlmRequest<unknown>, tier, controller.signal, touch, started);
    } catch (error) {
      return { ok: false, error: toLlmError(error, idleTimedOut), ...meta(noUsage(), null) };
    } finally {
      clearTimeout(timer);
    }
    const m = meta(a.usage, a.ttftMs);
    if (a.finished === null) return { ok: false, error: { kind: "stream_cut", message: "stream ended before the response completed", retryable: true }, ...m };
    if (a.finished === "failed") return { ok: false, error: { kind: "server_error", message: a.failure ?? "response failed", retryable: true }, ...m };
    if (a.refusal) return { ok: false, error: { kind: "refusal", message: a.refusal.slice(0, 300), retryable: false }, ...m };
    if (a.finished === "incomplete") return { ok: false, error: { kind: "incomplete", message: a.failure ?? "incomplete", retryable: false }, ...m };
    const reasoningSummary = a.reasoningSummary || null;
    if (a.toolCalls.length > 0) return { ok: true, output: null, toolCalls: a.toolCalls, reasoningSummary, ...m };
    let json: unknown;
    try {
      json = JSON.parse(a.text);
    } catch {
      return { ok: false, error: { kind: "invalid_output", message: `output is not JSON: ${a.text.slice(0, 120)}`, retryable: false }, ...m };
    }
    const parsed = req.schema.safeParse(json);
    if (!parsed.success)
      return {
        ok: false,
        error: { kind: "invalid_output", message: `output does not match ${req.schemaName}: ${parsed.error.issues[0]?.message ?? ""}`, retryable: false },
        ...m,
      };
    return { ok: true, output: parsed.data, toolCalls: [], reasoningSummary, ...m };
  }

  // Reasoning summaries need a verified organisation on OpenAI; once refused, stop asking for them.
  let summariesRefused = false;

  async function withSummaryFallback<T>(req: LlmRequest<T>, tier: "default" | "flex"): Promise<LlmResult<T>> {
    const wanted = req.reasoningSummary === true && !summariesRefused && opts.api === "responses";
    const first = await attempt({ ...req, reasoningSummary: wanted }, tier);
    if (!wanted || first.ok || first.error.kind !== "bad_request" || !/summar|verif/i.test(first.error.message)) return first;
    summariesRefused = true;
    const again = await attempt({ ...req, reasoningSummary: false }, tier);
    return { ...again, latencyMs: again.latencyMs + first.latencyMs, attempts: again.attempts + 1 };
  }

  return {
    provider: opts.provider,
    async call<T>(req: LlmRequest<T>): Promise<LlmResult<T>> {
      const wantFlex = req.serviceTier === "flex" && supportsFlex(req.model);
      if (!wantFlex) return withSummaryFallback(req, "default");
      const flex = await withSummaryFallback(req, "flex");
      // Flex capacity is best effort: busy (429), refused (400 on an unsupported model) or slow means the standard tier.
      if (flex.ok || !["rate_limited", "bad_request", "timeout", "server_error"].includes(flex.error.kind)) return flex;
      const standard = await withSummaryFallback(req, "default");
      return { ...standard, latencyMs: standard.latencyMs + flex.latencyMs, attempts: 2 };
    },
  };
}
