import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { encode } from "gpt-tokenizer";

/**
 * An OpenAI-compatible model that answers at once, for measuring frontdesk's own overhead and the
 * token layout of its prompts. Responses and Chat Completions, streaming or not, with usage. Cached
 * tokens follow OpenAI's prompt caching rule: the longest prefix (in 128-token steps, from 1,024
 * tokens) shared with an earlier request under the same prompt_cache_key. Not a test double: it
 * validates nothing (test/helpers/fake-openai.ts is the strict one).
 */
export type FakeCall = {
  path: string;
  model: string;
  stream: boolean;
  receivedAt: number;
  firstTokenAt: number | null;
  inputTokens: number;
  cachedTokens: number;
  outputTokens: number;
};

type Json = Record<string, unknown>;

export async function startFakeOpenAI() {
  const calls: FakeCall[] = [];
  const prefixes = new Map<string, number[][]>();
  let n = 0;

  const server = createServer((req, res) => {
    const receivedAt = performance.now();
    readJson(req)
      .then((body) => {
        const path = (req.url ?? "").replace(/^\/v1/, "").split("?")[0] ?? "";
        if (req.method === "GET" && path === "/models") return send(res, 200, { object: "list", data: [{ id: "fake", object: "model" }] });
        if (req.method !== "POST" || (path !== "/responses" && path !== "/chat/completions"))
          return send(res, 404, { error: { message: `no route ${req.method} ${path}`, type: "invalid_request_error" } });
        const chat = path === "/chat/completions";
        const prompt = chat ? render([body.tools, body.messages]) : render([body.tools, body.instructions, body.input]);
        const tokens = encode(prompt);
        const key = String(body.prompt_cache_key ?? "");
        const cachedTokens = cachedPrefix(prefixes, key, tokens);
        const schema = chat
          ? ((body.response_format as Json | undefined)?.json_schema as Json | undefined)?.schema
          : ((body.text as Json | undefined)?.format as Json | undefined)?.schema;
        const text = schema
          ? JSON.stringify(sample(schema as Json, "", prompt))
          : "Thanks for reaching out. Here is what to do, step by step, based on our help center article.";
        const call: FakeCall = {
          path,
          model: String(body.model ?? "fake"),
          stream: body.stream === true,
          receivedAt,
          firstTokenAt: null,
          inputTokens: tokens.length,
          cachedTokens,
          outputTokens: encode(text).length,
        };
        calls.push(call);
        const id = `fake_${++n}`;
        if (chat) return chatCompletion(res, body, call, id, text);
        return response(res, call, id, text);
      })
      .catch((error: Error) => send(res, 400, { error: { message: error.message, type: "invalid_request_error" } }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    calls,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function readJson(req: IncomingMessage): Promise<Json> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      try {
        resolve(raw ? (JSON.parse(raw) as Json) : {});
      } catch {
        reject(new Error("body is not JSON"));
      }
    });
    req.on("error", reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

/** The request as the model would see it, in order, so a stable prefix stays a token prefix. */
function render(parts: unknown[]): string {
  return parts
    .filter((p) => p !== undefined && p !== null)
    .map((p) => (typeof p === "string" ? p : JSON.stringify(p)))
    .join("\n");
}

function cachedPrefix(store: Map<string, number[][]>, key: string, tokens: number[]): number {
  const seen = store.get(key) ?? [];
  let best = 0;
  for (const earlier of seen) {
    let i = 0;
    const max = Math.min(earlier.length, tokens.length);
    while (i < max && earlier[i] === tokens[i]) i++;
    best = Math.max(best, i);
  }
  seen.push(tokens);
  if (seen.length > 20) seen.shift();
  store.set(key, seen);
  return best >= 1024 ? Math.floor(best / 128) * 128 : 0;
}

/** A schema-valid value that reads as a confident, grounded, simple answer. */
function sample(schema: Json, key: string, prompt: string): unknown {
  const type = Array.isArray(schema.type) ? (schema.type as string[]).find((t) => t !== "null") : schema.type;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  if (Array.isArray(schema.anyOf)) return sample(schema.anyOf[0] as Json, key, prompt);
  const k = key.toLowerCase();
  switch (type) {
    case "object": {
      const props = (schema.properties ?? {}) as Record<string, Json>;
      return Object.fromEntries(Object.entries(props).map(([name, s]) => [name, sample(s, name, prompt)]));
    }
    case "array": {
      if (/citation|article|source/.test(k)) {
        const id = /\b[0-9A-HJKMNP-TV-Z]{26}\b/.exec(prompt)?.[0];
        return id ? [sample(schema.items as Json, "id", id)] : [];
      }
      return [];
    }
    case "number":
    case "integer":
      return /confidence|score/.test(k) ? 0.9 : 0;
    case "boolean":
      return /answer|complete|resolved|grounded/.test(k) && !/human|handoff|escalat|multi|several/.test(k);
    case "string":
      if (k === "id" || /article_?id|articleid/.test(k)) return /\b[0-9A-HJKMNP-TV-Z]{26}\b/.exec(prompt)?.[0] ?? "";
      if (/text|answer|reply|message/.test(k)) return "Thanks for reaching out. Here is what to do, step by step, based on our help center article.";
      if (/lang/.test(k)) return "en";
      return "";
    default:
      return null;
  }
}

function response(res: ServerResponse, call: FakeCall, id: string, text: string) {
  const usage = {
    input_tokens: call.inputTokens,
    input_tokens_details: { cached_tokens: call.cachedTokens },
    output_tokens: call.outputTokens,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: call.inputTokens + call.outputTokens,
  };
  const message = { id: `msg_${id}`, type: "message", role: "assistant", status: "completed", content: [{ type: "output_text", text, annotations: [] }] };
  const final = {
    id,
    object: "response",
    created_at: Math.floor(Date.now() / 1000),
    status: "completed",
    model: call.model,
    output: [message],
    output_text: text,
    usage,
    error: null,
    incomplete_details: null,
  };
  if (!call.stream) return send(res, 200, final);
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  let seq = 0;
  const event = (type: string, data: Json) => res.write(`event: ${type}\ndata: ${JSON.stringify({ type, sequence_number: seq++, ...data })}\n\n`);
  const pending = { ...final, status: "in_progress", output: [], output_text: "", usage: null };
  event("response.created", { response: pending });
  event("response.in_progress", { response: pending });
  event("response.output_item.added", { output_index: 0, item: { ...message, status: "in_progress", content: [] } });
  event("response.content_part.added", { item_id: message.id, output_index: 0, content_index: 0, part: { type: "output_text", text: "", annotations: [] } });
  const words = text.match(/\S+\s*/g) ?? [text];
  call.firstTokenAt = performance.now();
  for (const w of words) event("response.output_text.delta", { item_id: message.id, output_index: 0, content_index: 0, delta: w, logprobs: [] });
  event("response.output_text.done", { item_id: message.id, output_index: 0, content_index: 0, text, logprobs: [] });
  event("response.content_part.done", { item_id: message.id, output_index: 0, content_index: 0, part: message.content[0] as Json });
  event("response.output_item.done", { output_index: 0, item: message });
  event("response.completed", { response: final });
  res.end();
}

function chatCompletion(res: ServerResponse, body: Json, call: FakeCall, id: string, text: string) {
  const usage = {
    prompt_tokens: call.inputTokens,
    completion_tokens: call.outputTokens,
    total_tokens: call.inputTokens + call.outputTokens,
    prompt_tokens_details: { cached_tokens: call.cachedTokens },
    completion_tokens_details: { reasoning_tokens: 0 },
  };
  const created = Math.floor(Date.now() / 1000);
  if (!call.stream) {
    return send(res, 200, {
      id,
      object: "chat.completion",
      created,
      model: call.model,
      choices: [{ index: 0, message: { role: "assistant", content: text, refusal: null }, finish_reason: "stop", logprobs: null }],
      usage,
    });
  }
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  const chunk = (delta: Json, finish: string | null, extra: Json = {}) =>
    res.write(
      `data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model: call.model, choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }], ...extra })}\n\n`,
    );
  chunk({ role: "assistant", content: "" }, null);
  call.firstTokenAt = performance.now();
  for (const w of text.match(/\S+\s*/g) ?? [text]) chunk({ content: w }, null);
  chunk({}, "stop");
  if ((body.stream_options as Json | undefined)?.include_usage)
    res.write(`data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model: call.model, choices: [], usage })}\n\n`);
  res.write("data: [DONE]\n\n");
  res.end();
}
