import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { triageFields } from "./triage-fixture.js";

/**
 * A fake OpenAI-compatible server on 127.0.0.1 for the real `openai` client to talk to.
 * It is as strict as the real API where our bugs would hide: unknown parameters, sampling parameters
 * on reasoning models, non-strict JSON schemas, content parts of the other endpoint, tool results
 * without their tool call. Parameter lists follow the create-request schemas of the official OpenAPI
 * spec (CreateResponse, CreateChatCompletionRequest) as generated into openai-node 6.x.
 */

const RESPONSES_PARAMS = new Set(
  "background context_management conversation include input instructions max_output_tokens max_tool_calls metadata model moderation parallel_tool_calls previous_response_id prompt prompt_cache_key prompt_cache_options prompt_cache_retention reasoning safety_identifier service_tier store stream stream_options temperature text tool_choice tools top_logprobs top_p truncation user".split(
    " ",
  ),
);
const CHAT_PARAMS = new Set(
  "messages model audio frequency_penalty function_call functions logit_bias logprobs max_completion_tokens max_tokens metadata modalities moderation n parallel_tool_calls prediction presence_penalty prompt_cache_key prompt_cache_options prompt_cache_retention reasoning_effort response_format safety_identifier seed service_tier stop store stream stream_options temperature tool_choice tools top_logprobs top_p user verbosity web_search_options".split(
    " ",
  ),
);
const REASONING_KEYS = new Set(["effort", "summary", "generate_summary"]);
const EFFORTS = new Set(["none", "minimal", "low", "medium", "high", "xhigh"]);
const TEXT_KEYS = new Set(["format", "verbosity"]);
const RESPONSES_FORMAT_KEYS = new Set(["type", "name", "schema", "strict", "description"]);
const CHAT_JSON_SCHEMA_KEYS = new Set(["name", "schema", "strict", "description"]);
const RESPONSES_TOOL_KEYS = new Set(["type", "name", "description", "parameters", "strict", "defer_loading"]);
const CHAT_TOOL_FUNCTION_KEYS = new Set(["name", "description", "parameters", "strict"]);
const RESPONSES_CONTENT_TYPES = new Set(["input_text", "input_image", "input_file", "input_audio", "output_text", "refusal"]);
const CHAT_CONTENT_TYPES = new Set(["text", "image_url", "input_audio", "file", "refusal"]);
const SERVICE_TIERS = new Set(["auto", "default", "flex", "scale", "priority"]);

export function isReasoningModel(model: string): boolean {
  return /^(o\d|gpt-5)/.test(model);
}

export type FakeUsage = { input: number; cached: number; output: number; reasoning: number };

export type FakeReply =
  | {
      json: unknown;
      usage?: Partial<FakeUsage>;
      reasoningSummary?: string;
      delayMs?: number;
      /** Send this many text deltas, then break the stream: "reset" destroys the socket, "end" closes it cleanly without the final event. */
      cut?: { afterDeltas: number; how: "reset" | "end" };
      /** Pause between deltas. */
      deltaDelayMs?: number;
    }
  | { toolCalls: { name: string; arguments: Record<string, unknown> | string }[]; usage?: Partial<FakeUsage>; delayMs?: number }
  | { rawText: string; usage?: Partial<FakeUsage> }
  | { refusal: string }
  | { error: { status: number; message?: string; type?: string; code?: string | null }; headers?: Record<string, string>; delayMs?: number }
  | { hang: true };

export type FakeRequest = {
  endpoint: "responses" | "chat";
  body: Record<string, unknown>;
  headers: IncomingMessage["headers"];
  /** The structured-output schema name ("triage", "answer"), if any. */
  format: string | null;
  /** Everything the model was shown, concatenated (instructions, messages, tool results). */
  prompt: string;
  toolResults: string[];
  status?: number;
  /** When the request arrived (ms since epoch). */
  at: number;
};

export type FakeHandler = (req: FakeRequest) => FakeReply | undefined;

type Rejection = { status: number; message: string; param?: string; code?: string };

function bad(message: string, param?: string, code = "invalid_request_error"): Rejection {
  return { status: 400, message, ...(param ? { param } : {}), code };
}

/** Structured Outputs requires every object closed and every key required, all the way down. */
export function strictSchemaProblem(schema: unknown, path = "()"): string | null {
  if (!schema || typeof schema !== "object") return null;
  const s = schema as Record<string, unknown>;
  const isObject = s.type === "object" || (Array.isArray(s.type) && s.type.includes("object")) || s.properties !== undefined;
  if (isObject) {
    if (s.additionalProperties !== false) return `In context=${path}, 'additionalProperties' is required to be supplied and to be false.`;
    const props = Object.keys((s.properties as Record<string, unknown>) ?? {});
    const required = Array.isArray(s.required) ? (s.required as string[]) : [];
    const missing = props.filter((p) => !required.includes(p));
    if (missing.length)
      return `In context=${path}, 'required' is required to be supplied and to be an array including every key in properties. Missing '${missing[0]}'.`;
    for (const [k, v] of Object.entries((s.properties as Record<string, unknown>) ?? {})) {
      const p = strictSchemaProblem(v, `${path === "()" ? "(" : `${path.slice(0, -1)}, `}'properties', '${k}')`);
      if (p) return p;
    }
  }
  for (const key of ["items", "anyOf", "allOf", "oneOf", "$defs", "definitions"]) {
    const v = s[key];
    if (Array.isArray(v)) {
      for (const x of v) {
        const p = strictSchemaProblem(x, path);
        if (p) return p;
      }
    } else if (v && typeof v === "object") {
      if (key === "$defs" || key === "definitions") {
        for (const x of Object.values(v)) {
          const p = strictSchemaProblem(x, path);
          if (p) return p;
        }
      } else {
        const p = strictSchemaProblem(v, path);
        if (p) return p;
      }
    }
  }
  return null;
}

function unknownKeys(obj: Record<string, unknown>, allowed: Set<string>, prefix: string): Rejection | null {
  for (const k of Object.keys(obj)) if (!allowed.has(k)) return bad(`Unknown parameter: '${prefix}${k}'.`, `${prefix}${k}`, "unknown_parameter");
  return null;
}

function commonChecks(body: Record<string, unknown>, allowed: Set<string>): Rejection | null {
  const unknown = unknownKeys(body, allowed, "");
  if (unknown) return unknown;
  if (typeof body.model !== "string" || !body.model) return bad("Missing required parameter: 'model'.", "model", "missing_required_parameter");
  const model = body.model;
  if (isReasoningModel(model)) {
    for (const p of ["temperature", "top_p", "logprobs", "top_logprobs", "presence_penalty", "frequency_penalty", "logit_bias"])
      if (body[p] !== undefined) return bad(`Unsupported parameter: '${p}' is not supported with this model.`, p, "unsupported_parameter");
  }
  if (body.service_tier !== undefined && !SERVICE_TIERS.has(String(body.service_tier)))
    return bad(`Invalid value for 'service_tier'.`, "service_tier", "invalid_value");
  return null;
}

function validateResponses(body: Record<string, unknown>): Rejection | null {
  const c = commonChecks(body, RESPONSES_PARAMS);
  if (c) return c;
  const model = String(body.model);
  if (body.input === undefined && body.previous_response_id === undefined && body.conversation === undefined)
    return bad("Missing required parameter: 'input'.", "input", "missing_required_parameter");
  if (body.reasoning !== undefined) {
    if (!isReasoningModel(model))
      return bad(`Unsupported parameter: 'reasoning.effort' is not supported with this model.`, "reasoning.effort", "unsupported_parameter");
    const r = body.reasoning as Record<string, unknown>;
    const u = unknownKeys(r, REASONING_KEYS, "reasoning.");
    if (u) return u;
    if (r.effort !== undefined && !EFFORTS.has(String(r.effort)))
      return bad(`Invalid value: '${r.effort}'. Supported values are: 'low', 'medium', and 'high'.`, "reasoning.effort", "invalid_value");
    if (r.summary !== undefined && !["auto", "concise", "detailed"].includes(String(r.summary)))
      return bad("Invalid value for 'reasoning.summary'.", "reasoning.summary", "invalid_value");
  }
  if (body.max_tokens !== undefined) return bad("Unknown parameter: 'max_tokens'.", "max_tokens", "unknown_parameter");
  if (body.stream_options !== undefined) {
    if (!body.stream) return bad("'stream_options' is only allowed when 'stream' is true.", "stream_options");
    const u = unknownKeys(body.stream_options as Record<string, unknown>, new Set(["include_obfuscation"]), "stream_options.");
    if (u) return u;
  }
  if (body.text !== undefined) {
    const t = body.text as Record<string, unknown>;
    const u = unknownKeys(t, TEXT_KEYS, "text.");
    if (u) return u;
    const f = t.format as Record<string, unknown> | undefined;
    if (f) {
      const uf = unknownKeys(f, RESPONSES_FORMAT_KEYS, "text.format.");
      if (uf) return uf;
      if (f.type === "json_schema") {
        if (typeof f.name !== "string" || !/^[a-zA-Z0-9_-]{1,64}$/.test(f.name)) return bad("Invalid 'text.format.name'.", "text.format.name");
        if (!f.schema) return bad("Missing required parameter: 'text.format.schema'.", "text.format.schema", "missing_required_parameter");
        if (f.strict === true) {
          const p = strictSchemaProblem(f.schema);
          if (p) return bad(`Invalid schema for response_format '${f.name}': ${p}`, "text.format.schema", "invalid_json_schema");
        }
      }
    }
  }
  const tools = (body.tools as Record<string, unknown>[] | undefined) ?? [];
  for (const [i, tool] of tools.entries()) {
    if (tool.type !== "function") continue;
    if ("function" in tool) return bad(`Unknown parameter: 'tools[${i}].function'.`, `tools[${i}].function`, "unknown_parameter");
    const u = unknownKeys(tool, RESPONSES_TOOL_KEYS, `tools[${i}].`);
    if (u) return u;
    if (tool.strict === true) {
      const p = strictSchemaProblem(tool.parameters);
      if (p) return bad(`Invalid schema for function '${tool.name}': ${p}`, `tools[${i}].parameters`, "invalid_function_parameters");
    }
  }
  if (body.tool_choice !== undefined && typeof body.tool_choice === "string" && !["none", "auto", "required"].includes(body.tool_choice))
    return bad("Invalid value for 'tool_choice'.", "tool_choice", "invalid_value");
  if (Array.isArray(body.input)) {
    const callIds = new Set<string>();
    for (const [i, item] of (body.input as Record<string, unknown>[]).entries()) {
      const type = item.type ?? (item.role ? "message" : undefined);
      if (type === "function_call") {
        callIds.add(String(item.call_id));
        continue;
      }
      if (type === "function_call_output") {
        if (!callIds.has(String(item.call_id))) return bad(`No tool call found for function call output with call_id ${item.call_id}.`, `input[${i}]`);
        continue;
      }
      if (type === "reasoning" || type === "item_reference") continue;
      if (type !== "message") return bad(`Invalid value: '${String(type)}'.`, `input[${i}].type`, "invalid_value");
      if (!["user", "assistant", "system", "developer"].includes(String(item.role)))
        return bad(`Invalid value: '${item.role}'.`, `input[${i}].role`, "invalid_value");
      if (Array.isArray(item.content)) {
        for (const [j, part] of (item.content as Record<string, unknown>[]).entries())
          if (!RESPONSES_CONTENT_TYPES.has(String(part.type)))
            return bad(
              `Invalid value: '${part.type}'. Supported values are: 'input_text', 'input_image', 'output_text', 'refusal', 'input_file', 'computer_screenshot', and 'summary_text'.`,
              `input[${i}].content[${j}]`,
              "invalid_value",
            );
      }
    }
  }
  return null;
}

/** Chat Completions image parts: `image_url: { url, detail? }` in a user message, the URL a data: or http(s) URL. */
function imagePartProblem(imageUrl: unknown, param: string, role: unknown): Rejection | null {
  if (role !== "user") return bad(`Image content is only supported in user messages.`, param);
  if (typeof imageUrl !== "object" || imageUrl === null)
    return bad(`Invalid type for '${param}': expected an object, but got a string instead.`, param, "invalid_type");
  const u = unknownKeys(imageUrl as Record<string, unknown>, new Set(["url", "detail"]), `${param}.`);
  if (u) return u;
  const { url, detail } = imageUrl as { url?: unknown; detail?: unknown };
  if (typeof url !== "string") return bad(`Missing required parameter: '${param}.url'.`, `${param}.url`, "missing_required_parameter");
  if (!/^data:image\/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/]+=*$/.test(url) && !/^https?:\/\//.test(url))
    return bad("Invalid image URL: expected a base64 data URL of a PNG, JPEG, GIF or WebP image, or an http(s) URL.", `${param}.url`, "invalid_image_url");
  if (detail !== undefined && !["auto", "low", "high"].includes(String(detail))) return bad(`Invalid value: '${detail}'.`, `${param}.detail`, "invalid_value");
  return null;
}

/** Image input tokens as OpenAI counts them roughly: 85 for low/auto detail, 765 for high. */
function imageTokens(endpoint: "responses" | "chat", body: Record<string, unknown>): number {
  const items = (endpoint === "chat" ? body.messages : Array.isArray(body.input) ? body.input : []) as Record<string, unknown>[];
  let tokens = 0;
  for (const item of items)
    for (const part of Array.isArray(item.content) ? (item.content as Record<string, unknown>[]) : []) {
      const detail = part.type === "image_url" ? (part.image_url as { detail?: string } | undefined)?.detail : part.type === "input_image" ? part.detail : null;
      if (part.type === "image_url" || part.type === "input_image") tokens += detail === "high" ? 765 : 85;
    }
  return tokens;
}

function validateChat(body: Record<string, unknown>): Rejection | null {
  const c = commonChecks(body, CHAT_PARAMS);
  if (c) return c;
  const model = String(body.model);
  if (!Array.isArray(body.messages) || body.messages.length === 0)
    return bad("Missing required parameter: 'messages'.", "messages", "missing_required_parameter");
  if (isReasoningModel(model) && body.max_tokens !== undefined)
    return bad(
      "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
      "max_tokens",
      "unsupported_parameter",
    );
  if (body.reasoning_effort !== undefined) {
    if (!isReasoningModel(model)) return bad("Unrecognized request argument supplied: reasoning_effort", "reasoning_effort", "unsupported_parameter");
    if (!EFFORTS.has(String(body.reasoning_effort))) return bad(`Invalid value: '${body.reasoning_effort}'.`, "reasoning_effort", "invalid_value");
  }
  if (body.stream_options !== undefined) {
    if (!body.stream) return bad("The 'stream_options' parameter is only allowed when 'stream' is enabled.", "stream_options");
    const u = unknownKeys(body.stream_options as Record<string, unknown>, new Set(["include_usage", "include_obfuscation"]), "stream_options.");
    if (u) return u;
  }
  const rf = body.response_format as Record<string, unknown> | undefined;
  if (rf) {
    if ("schema" in rf || "name" in rf) return bad("Unknown parameter: 'response_format.schema'.", "response_format.schema", "unknown_parameter");
    if (rf.type === "json_schema") {
      const js = rf.json_schema as Record<string, unknown>;
      const u = unknownKeys(js ?? {}, CHAT_JSON_SCHEMA_KEYS, "response_format.json_schema.");
      if (u) return u;
      if (js?.strict === true) {
        const p = strictSchemaProblem(js.schema);
        if (p) return bad(`Invalid schema for response_format '${js.name}': ${p}`, "response_format", "invalid_json_schema");
      }
    }
  }
  for (const [i, tool] of ((body.tools as Record<string, unknown>[] | undefined) ?? []).entries()) {
    if (tool.type !== "function" || typeof tool.function !== "object")
      return bad(`Missing required parameter: 'tools[${i}].function'.`, `tools[${i}].function`, "missing_required_parameter");
    const fn = tool.function as Record<string, unknown>;
    const u = unknownKeys(fn, CHAT_TOOL_FUNCTION_KEYS, `tools[${i}].function.`);
    if (u) return u;
    if (fn.strict === true) {
      const p = strictSchemaProblem(fn.parameters);
      if (p) return bad(`Invalid schema for function '${fn.name}': ${p}`, `tools[${i}].function.parameters`, "invalid_function_parameters");
    }
  }
  const messages = body.messages as Record<string, unknown>[];
  for (const [i, m] of messages.entries()) {
    if (!["system", "developer", "user", "assistant", "tool", "function"].includes(String(m.role)))
      return bad(`Invalid value: '${m.role}'.`, `messages[${i}].role`, "invalid_value");
    if (Array.isArray(m.content))
      for (const [j, part] of (m.content as Record<string, unknown>[]).entries()) {
        if (!CHAT_CONTENT_TYPES.has(String(part.type)))
          return bad(
            `Invalid value: '${part.type}'. Supported values are: 'text', 'image_url', 'input_audio', 'refusal', and 'file'.`,
            `messages[${i}].content[${j}].type`,
            "invalid_value",
          );
        if (part.type === "image_url") {
          const problem = imagePartProblem(part.image_url, `messages[${i}].content[${j}].image_url`, m.role);
          if (problem) return problem;
        }
      }
    if (m.role === "assistant" && Array.isArray(m.tool_calls)) {
      const ids = (m.tool_calls as { id: string }[]).map((t) => t.id);
      const following = new Set(
        messages
          .slice(i + 1)
          .filter((x) => x.role === "tool")
          .map((x) => String(x.tool_call_id)),
      );
      const missing = ids.filter((id) => !following.has(id));
      if (missing.length)
        return bad(
          `An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: ${missing.join(", ")}`,
          `messages.[${i}].role`,
        );
    }
    if (m.role === "tool") {
      const earlier = messages.slice(0, i).some((x) => Array.isArray(x.tool_calls) && (x.tool_calls as { id: string }[]).some((t) => t.id === m.tool_call_id));
      if (!earlier) return bad("Messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.", `messages.[${i}].role`);
    }
  }
  return null;
}

function promptOf(endpoint: "responses" | "chat", body: Record<string, unknown>): { prompt: string; toolResults: string[] } {
  const parts: string[] = [];
  const toolResults: string[] = [];
  if (typeof body.instructions === "string") parts.push(body.instructions);
  const items = (endpoint === "chat" ? body.messages : Array.isArray(body.input) ? body.input : [{ content: body.input }]) as Record<string, unknown>[];
  for (const item of items) {
    const content = item.content ?? item.output;
    const text = typeof content === "string" ? content : Array.isArray(content) ? content.map((p: { text?: string }) => p.text ?? "").join("\n") : "";
    if (item.type === "function_call_output" || item.role === "tool") toolResults.push(text);
    parts.push(text);
  }
  return { prompt: parts.join("\n"), toolResults };
}

/** Article ids in the order the prompt lists them. */
export function articleIdsIn(prompt: string): string[] {
  return [...prompt.matchAll(/<article id="([^"]+)"/g)].map((m) => m[1]!);
}

export function articleIdBySlug(prompt: string, slug: string): string | undefined {
  return new RegExp(`<article id="([^"]+)" slug="${slug}"`).exec(prompt)?.[1];
}

const approxTokens = (s: string) => Math.max(1, Math.ceil(s.length / 4));

export type FakeOpenAI = Awaited<ReturnType<typeof startFakeOpenAI>>;

/** Starts the fake. `handler` decides replies; `queue(format, ...)` scripts the next replies per schema name. */
export async function startFakeOpenAI(opts: { handler?: FakeHandler } = {}) {
  const requests: FakeRequest[] = [];
  const queues = new Map<string, (FakeReply | ((r: FakeRequest) => FakeReply))[]>();
  const cacheKeys = new Set<string>();
  const sockets = new Set<Socket>();
  let handler = opts.handler;

  const pick = (req: FakeRequest): FakeReply => {
    const q = queues.get(req.format ?? "") ?? queues.get("*");
    const next = q?.shift();
    if (next) return typeof next === "function" ? next(req) : next;
    return handler?.(req) ?? defaultReply(req);
  };

  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const path = (req.url ?? "").split("?")[0];
    const endpoint = path === "/v1/responses" ? "responses" : path === "/v1/chat/completions" ? "chat" : null;
    if (req.method !== "POST" || !endpoint) return sendError(res, { status: 404, message: `Unknown path ${req.method} ${path}`, code: "unknown_url" });
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>;
    } catch {
      return sendError(res, bad("We could not parse the JSON body of your request."));
    }
    const { prompt, toolResults } = promptOf(endpoint, body);
    const format =
      endpoint === "responses"
        ? (((body.text as { format?: { name?: string } } | undefined)?.format?.name ?? null) as string | null)
        : (((body.response_format as { json_schema?: { name?: string } } | undefined)?.json_schema?.name ?? null) as string | null);
    const fr: FakeRequest = { endpoint, body, headers: req.headers, format, prompt, toolResults, at: Date.now() };
    requests.push(fr);
    const rejection = endpoint === "responses" ? validateResponses(body) : validateChat(body);
    if (rejection) {
      fr.status = rejection.status;
      return sendError(res, rejection);
    }
    const reply = pick(fr);
    if ("hang" in reply) return; // the client's timeout must fire
    if ("delayMs" in reply && reply.delayMs) await sleep(reply.delayMs);
    if ("error" in reply) {
      fr.status = reply.error.status;
      return sendError(
        res,
        {
          status: reply.error.status,
          message: reply.error.message ?? "The server had an error while processing your request.",
          code: reply.error.code ?? undefined,
        },
        reply.headers,
        reply.error.type,
      );
    }
    fr.status = 200;
    const cacheKey = typeof body.prompt_cache_key === "string" ? body.prompt_cache_key : null;
    const cachedBefore = cacheKey ? cacheKeys.has(cacheKey) : false;
    if (cacheKey) cacheKeys.add(cacheKey);
    const input = approxTokens(prompt) + imageTokens(endpoint, body);
    const effort = String((body.reasoning as { effort?: string } | undefined)?.effort ?? body.reasoning_effort ?? "none");
    const reasoningTokens = isReasoningModel(String(body.model))
      ? (({ minimal: 0, low: 64, medium: 256, high: 1024 } as Record<string, number>)[effort] ?? 0)
      : 0;
    const usageOf = (outText: string, u: Partial<FakeUsage> = {}): FakeUsage => ({
      input: u.input ?? input,
      cached: u.cached ?? (cachedBefore ? Math.floor(input / 128) * 64 : 0),
      output: u.output ?? approxTokens(outText) + (u.reasoning ?? reasoningTokens),
      reasoning: u.reasoning ?? reasoningTokens,
    });
    const model = String(body.model);
    const stream = body.stream === true;
    if (endpoint === "responses") return respondResponses(res, body, model, reply, usageOf, stream);
    return respondChat(res, body, model, reply, usageOf, stream);
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    /** Requests that reached the model (not rejected by validation). */
    accepted: () => requests.filter((r) => r.status === 200),
    rejected: () => requests.filter((r) => r.status === 400),
    queue(format: string, ...replies: (FakeReply | ((r: FakeRequest) => FakeReply))[]) {
      queues.set(format, [...(queues.get(format) ?? []), ...replies]);
    },
    setHandler(h: FakeHandler | undefined) {
      handler = h;
    },
    reset() {
      requests.length = 0;
      queues.clear();
      handler = opts.handler;
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** With nothing scripted: a simple triage, and an answer that cites the first article and quotes its title. */
export function defaultReply(req: FakeRequest): FakeReply {
  if (req.format === "triage") return { json: triageFields({ category: "other" }) };
  const id = articleIdsIn(req.prompt)[0];
  const title = /<article id="[^"]+" slug="[^"]+" version="\d+" title="([^"]+)"/.exec(req.prompt)?.[1] ?? "our help center";
  return {
    json: {
      text: `Here is what our help center says in "${title}". Follow the steps in that article.`,
      citations: id ? [id] : [],
      confidence: 0.9,
      fully_answered: true,
      language: "en",
    },
  };
}

function sendError(res: ServerResponse, r: Rejection, headers: Record<string, string> = {}, type?: string) {
  res.writeHead(r.status, { "content-type": "application/json", ...headers });
  res.end(
    JSON.stringify({
      error: {
        message: r.message,
        type: type ?? (r.status === 429 ? "rate_limit_exceeded" : r.status >= 500 ? "server_error" : "invalid_request_error"),
        param: r.param ?? null,
        code: r.code ?? null,
      },
    }),
  );
}

function chunksOf(text: string, n = 3): string[] {
  const words = text.match(/.{1,12}/gs) ?? [text];
  const out: string[] = [];
  for (let i = 0; i < words.length; i += n) out.push(words.slice(i, i + n).join(""));
  return out.length ? out : [""];
}

function responsesUsage(u: FakeUsage) {
  return {
    input_tokens: u.input,
    input_tokens_details: { cached_tokens: u.cached },
    output_tokens: u.output,
    output_tokens_details: { reasoning_tokens: u.reasoning },
    total_tokens: u.input + u.output,
  };
}

function chatUsage(u: FakeUsage) {
  return {
    prompt_tokens: u.input,
    completion_tokens: u.output,
    total_tokens: u.input + u.output,
    prompt_tokens_details: { cached_tokens: u.cached, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: u.reasoning, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
  };
}

async function respondResponses(
  res: ServerResponse,
  body: Record<string, unknown>,
  model: string,
  reply: Exclude<FakeReply, { hang: true } | { error: unknown }>,
  usageOf: (out: string, u?: Partial<FakeUsage>) => FakeUsage,
  stream: boolean,
) {
  const id = `resp_${randomUUID().replace(/-/g, "")}`;
  const created = Math.floor(Date.now() / 1000);
  const output: Record<string, unknown>[] = [];
  const reasoning = body.reasoning as { effort?: string; summary?: string } | undefined;
  const summaryText = "json" in reply && reasoning?.summary ? (reply.reasoningSummary ?? "Matched the question to the cited article.") : null;
  if (reasoning)
    output.push({ id: `rs_${randomUUID().slice(0, 8)}`, type: "reasoning", summary: summaryText ? [{ type: "summary_text", text: summaryText }] : [] });
  let outText = "";
  let refusal: string | null = null;
  if ("json" in reply) outText = JSON.stringify(reply.json);
  if ("rawText" in reply) outText = reply.rawText;
  if ("refusal" in reply) refusal = reply.refusal;
  const msgId = `msg_${randomUUID().slice(0, 8)}`;
  if ("toolCalls" in reply)
    for (const tc of reply.toolCalls)
      output.push({
        id: `fc_${randomUUID().slice(0, 8)}`,
        type: "function_call",
        status: "completed",
        call_id: `call_${randomUUID().slice(0, 8)}`,
        name: tc.name,
        arguments: typeof tc.arguments === "string" ? tc.arguments : JSON.stringify(tc.arguments),
      });
  else
    output.push({
      id: msgId,
      type: "message",
      status: "completed",
      role: "assistant",
      content: refusal !== null ? [{ type: "refusal", refusal }] : [{ type: "output_text", text: outText, annotations: [], logprobs: [] }],
    });
  const usage = usageOf(outText || JSON.stringify(output), "usage" in reply ? reply.usage : undefined);
  const base = {
    id,
    object: "response",
    created_at: created,
    status: "in_progress",
    background: false,
    error: null,
    incomplete_details: null,
    instructions: body.instructions ?? null,
    max_output_tokens: body.max_output_tokens ?? null,
    model,
    output: [] as unknown[],
    parallel_tool_calls: body.parallel_tool_calls ?? true,
    previous_response_id: null,
    prompt_cache_key: body.prompt_cache_key ?? null,
    reasoning: reasoning ? { effort: reasoning.effort ?? "medium", summary: reasoning.summary ?? null } : { effort: null, summary: null },
    service_tier: body.service_tier ?? "default",
    store: body.store ?? true,
    temperature: 1,
    text: body.text ?? { format: { type: "text" } },
    tool_choice: body.tool_choice ?? "auto",
    tools: body.tools ?? [],
    top_p: 1,
    truncation: "disabled",
    usage: null as unknown,
    user: null,
    metadata: {},
  };
  const final = { ...base, status: "completed", output, usage: responsesUsage(usage) };
  if (!stream) {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(final));
    return;
  }
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
  let seq = 0;
  const send = (type: string, data: Record<string, unknown>) =>
    res.write(`event: ${type}\ndata: ${JSON.stringify({ type, sequence_number: seq++, ...data })}\n\n`);
  send("response.created", { response: base });
  send("response.in_progress", { response: base });
  const cut = "cut" in reply ? reply.cut : undefined;
  const deltaDelay = "deltaDelayMs" in reply ? (reply.deltaDelayMs ?? 0) : 0;
  let deltas = 0;
  for (const [index, item] of output.entries()) {
    if (item.type === "reasoning") {
      send("response.output_item.added", { output_index: index, item: { ...item, summary: [] } });
      if (summaryText) {
        send("response.reasoning_summary_part.added", { item_id: item.id, output_index: index, summary_index: 0, part: { type: "summary_text", text: "" } });
        send("response.reasoning_summary_text.delta", { item_id: item.id, output_index: index, summary_index: 0, delta: summaryText });
        send("response.reasoning_summary_text.done", { item_id: item.id, output_index: index, summary_index: 0, text: summaryText });
        send("response.reasoning_summary_part.done", {
          item_id: item.id,
          output_index: index,
          summary_index: 0,
          part: { type: "summary_text", text: summaryText },
        });
      }
      send("response.output_item.done", { output_index: index, item });
    } else if (item.type === "function_call") {
      send("response.output_item.added", { output_index: index, item: { ...item, status: "in_progress", arguments: "" } });
      send("response.function_call_arguments.delta", { item_id: item.id, output_index: index, delta: item.arguments });
      send("response.function_call_arguments.done", { item_id: item.id, output_index: index, name: item.name, arguments: item.arguments });
      send("response.output_item.done", { output_index: index, item });
    } else {
      send("response.output_item.added", { output_index: index, item: { ...item, status: "in_progress", content: [] } });
      if (refusal !== null) {
        send("response.content_part.added", { item_id: msgId, output_index: index, content_index: 0, part: { type: "refusal", refusal: "" } });
        send("response.refusal.delta", { item_id: msgId, output_index: index, content_index: 0, delta: refusal });
        send("response.refusal.done", { item_id: msgId, output_index: index, content_index: 0, refusal });
        send("response.content_part.done", { item_id: msgId, output_index: index, content_index: 0, part: { type: "refusal", refusal } });
      } else {
        send("response.content_part.added", {
          item_id: msgId,
          output_index: index,
          content_index: 0,
          part: { type: "output_text", text: "", annotations: [], logprobs: [] },
        });
        for (const delta of chunksOf(outText)) {
          if (cut && deltas >= cut.afterDeltas) return breakStream(res, cut.how);
          send("response.output_text.delta", { item_id: msgId, output_index: index, content_index: 0, delta, logprobs: [] });
          deltas++;
          if (deltaDelay) await sleep(deltaDelay);
        }
        if (cut) return breakStream(res, cut.how);
        send("response.output_text.done", { item_id: msgId, output_index: index, content_index: 0, text: outText, logprobs: [] });
        send("response.content_part.done", {
          item_id: msgId,
          output_index: index,
          content_index: 0,
          part: { type: "output_text", text: outText, annotations: [], logprobs: [] },
        });
      }
      send("response.output_item.done", { output_index: index, item });
    }
  }
  send("response.completed", { response: final });
  res.end();
}

/** Lets what was written reach the client first, as when a real connection drops mid-answer. */
async function breakStream(res: ServerResponse, how: "reset" | "end") {
  await sleep(30);
  if (how === "reset") res.socket?.destroy();
  else res.end();
}

async function respondChat(
  res: ServerResponse,
  body: Record<string, unknown>,
  model: string,
  reply: Exclude<FakeReply, { hang: true } | { error: unknown }>,
  usageOf: (out: string, u?: Partial<FakeUsage>) => FakeUsage,
  stream: boolean,
) {
  const id = `chatcmpl-${randomUUID().replace(/-/g, "").slice(0, 24)}`;
  const created = Math.floor(Date.now() / 1000);
  let content: string | null = null;
  let refusal: string | null = null;
  let toolCalls: { id: string; type: "function"; function: { name: string; arguments: string } }[] | undefined;
  if ("json" in reply) content = JSON.stringify(reply.json);
  if ("rawText" in reply) content = reply.rawText;
  if ("refusal" in reply) refusal = reply.refusal;
  if ("toolCalls" in reply)
    toolCalls = reply.toolCalls.map((tc) => ({
      id: `call_${randomUUID().slice(0, 8)}`,
      type: "function" as const,
      function: { name: tc.name, arguments: typeof tc.arguments === "string" ? tc.arguments : JSON.stringify(tc.arguments) },
    }));
  const usage = usageOf(content ?? JSON.stringify(toolCalls ?? refusal), "usage" in reply ? reply.usage : undefined);
  const finish = toolCalls ? "tool_calls" : "stop";
  const serviceTier = body.service_tier ?? "default";
  if (!stream) {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(
      JSON.stringify({
        id,
        object: "chat.completion",
        created,
        model,
        choices: [
          {
            index: 0,
            message: { role: "assistant", content, refusal, annotations: [], ...(toolCalls ? { tool_calls: toolCalls } : {}) },
            logprobs: null,
            finish_reason: finish,
          },
        ],
        usage: chatUsage(usage),
        service_tier: serviceTier,
        system_fingerprint: "fp_fake",
      }),
    );
    return;
  }
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
  const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) =>
    res.write(
      `data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model, service_tier: serviceTier, system_fingerprint: "fp_fake", choices, ...extra })}\n\n`,
    );
  chunk([{ index: 0, delta: { role: "assistant", content: "", refusal: null }, logprobs: null, finish_reason: null }]);
  const cut = "cut" in reply ? reply.cut : undefined;
  let deltas = 0;
  if (content !== null)
    for (const delta of chunksOf(content)) {
      if (cut && deltas >= cut.afterDeltas) return breakStream(res, cut.how);
      chunk([{ index: 0, delta: { content: delta }, logprobs: null, finish_reason: null }]);
      deltas++;
    }
  if (cut) return breakStream(res, cut.how);
  if (refusal !== null) chunk([{ index: 0, delta: { refusal }, logprobs: null, finish_reason: null }]);
  for (const [index, tc] of (toolCalls ?? []).entries()) {
    chunk([
      {
        index: 0,
        delta: { tool_calls: [{ index, id: tc.id, type: "function", function: { name: tc.function.name, arguments: "" } }] },
        logprobs: null,
        finish_reason: null,
      },
    ]);
    chunk([{ index: 0, delta: { tool_calls: [{ index, function: { arguments: tc.function.arguments } }] }, logprobs: null, finish_reason: null }]);
  }
  chunk([{ index: 0, delta: {}, logprobs: null, finish_reason: refusal !== null ? "stop" : finish }]);
  if ((body.stream_options as { include_usage?: boolean } | undefined)?.include_usage) chunk([], { usage: chatUsage(usage) });
  res.write("data: [DONE]\n\n");
  res.end();
}
