import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { openAiLlm } from "../../src/adapters/llm/openai-llm.js";
import type { LlmRequest } from "../../src/ports/llm.js";
import { type FakeOpenAI, startFakeOpenAI } from "../helpers/fake-openai.js";

const Out = z.object({ text: z.string(), n: z.number().nullable(), tags: z.array(z.object({ k: z.enum(["a", "b"]) })) });

let fake: FakeOpenAI;
beforeAll(async () => {
  fake = await startFakeOpenAI();
});
afterAll(async () => fake.close());
beforeEach(() => fake.reset());

const llm = (api: "responses" | "chat", over: Partial<Parameters<typeof openAiLlm>[0]> = {}) =>
  openAiLlm({ apiKey: "sk-test", baseURL: fake.url, api, provider: "compatible", timeoutMs: 2000, maxRetries: 1, ...over });

const req = (over: Partial<LlmRequest<z.infer<typeof Out>>> = {}): LlmRequest<z.infer<typeof Out>> => ({
  purpose: "test",
  model: "gpt-5-mini",
  effort: "low",
  instructions: "Answer.",
  input: [{ type: "message", role: "user", text: "hello" }],
  schema: Out,
  schemaName: "out",
  promptCacheKey: "conv-1",
  ...over,
});

const good = { json: { text: "Hello there, friend.", n: null, tags: [{ k: "a" }] }, usage: { input: 1200, cached: 1024, output: 300, reasoning: 192 } };

async function raw(path: string, body: unknown) {
  const res = await fetch(fake.url + path, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: "Bearer x" },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as { error: { message: string } } };
}

describe("the fake OpenAI server is as strict as the real API", () => {
  it("refuses unknown parameters, sampling parameters on reasoning models, open schemas and the other endpoint's content parts", async () => {
    const unknown = await raw("/responses", { model: "gpt-5-mini", input: "hi", response_format: { type: "json_object" } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toContain("Unknown parameter");
    expect(
      (await raw("/chat/completions", { model: "gpt-5-mini", messages: [{ role: "user", content: "hi" }], temperature: 0.2 })).body.error.message,
    ).toContain("temperature");
    expect((await raw("/responses", { model: "o4-mini", input: "hi", top_p: 0.5 })).status).toBe(400);
    const open = await raw("/responses", {
      model: "gpt-5-mini",
      input: "hi",
      text: { format: { type: "json_schema", name: "x", strict: true, schema: { type: "object", properties: { a: { type: "string" } }, required: ["a"] } } },
    });
    expect(open.body.error.message).toContain("additionalProperties");
    const notRequired = await raw("/chat/completions", {
      model: "gpt-5-mini",
      messages: [{ role: "user", content: "hi" }],
      response_format: {
        type: "json_schema",
        json_schema: {
          name: "x",
          strict: true,
          schema: { type: "object", properties: { a: { type: "string" }, b: { type: "string" } }, required: ["a"], additionalProperties: false },
        },
      },
    });
    expect(notRequired.body.error.message).toContain("Missing 'b'");
    const imageUrlInResponses = await raw("/responses", {
      model: "gpt-5-mini",
      input: [{ role: "user", content: [{ type: "image_url", image_url: { url: "data:image/png;base64,AA" } }] }],
    });
    expect(imageUrlInResponses.status).toBe(400);
    const inputImageInChat = await raw("/chat/completions", {
      model: "gpt-5-mini",
      messages: [{ role: "user", content: [{ type: "input_image", image_url: "data:image/png;base64,AA" }] }],
    });
    expect(inputImageInChat.status).toBe(400);
    // A non-reasoning model may use temperature.
    expect((await raw("/chat/completions", { model: "gpt-4.1-mini", messages: [{ role: "user", content: "hi" }], temperature: 0.2 })).status).toBe(200);
  });
});

describe.each(["responses", "chat"] as const)("openAiLlm over %s", (api) => {
  it("returns parsed structured output with usage, cached and reasoning tokens, latency and time to first token", async () => {
    fake.queue("out", good);
    const deltas: string[] = [];
    const res = await llm(api).call(req({ onTextDelta: (d) => deltas.push(d) }));
    expect(fake.rejected()).toEqual([]);
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.output).toEqual(good.json);
    expect(res.usage).toEqual({ inputTokens: 1200, cachedTokens: 1024, outputTokens: 300, reasoningTokens: 192 });
    expect(res.ttftMs).not.toBeNull();
    expect(res.latencyMs).toBeGreaterThanOrEqual(res.ttftMs ?? 0);
    expect(deltas.join("")).toBe(JSON.stringify(good.json));
    const body = fake.requests[0]!.body;
    expect(body).not.toHaveProperty("temperature");
    if (api === "responses") {
      expect(body.reasoning).toEqual({ effort: "low" });
      expect(body.prompt_cache_key).toBe("conv-1");
      expect((body.text as { format: { strict: boolean } }).format.strict).toBe(true);
    } else {
      expect(body.reasoning_effort).toBe("low");
      expect(body.stream_options).toEqual({ include_usage: true });
    }
  });

  it("round-trips tool calls and their results in the shape the endpoint accepts", async () => {
    const tools = [{ name: "lookup", description: "Look up", parameters: z.object({ q: z.string() }) }];
    fake.queue("out", { toolCalls: [{ name: "lookup", arguments: { q: "x" } }] }, good);
    const client = llm(api);
    const first = await client.call(req({ tools }));
    expect(first.ok && first.output === null && first.toolCalls[0]?.name === "lookup").toBe(true);
    if (!first.ok || first.output !== null) return;
    const call = first.toolCalls[0]!;
    const second = await client.call(
      req({
        tools,
        toolChoice: "none",
        input: [...req().input, { type: "tool_call", ...call }, { type: "tool_result", callId: call.callId, output: "found it" }],
      }),
    );
    expect(fake.rejected()).toEqual([]);
    expect(second.ok && second.output?.text).toBe("Hello there, friend.");
    expect(fake.requests[1]!.toolResults).toContain("found it");
  });

  it("retries a 429 after its Retry-After and succeeds", async () => {
    fake.queue("out", { error: { status: 429, message: "Rate limit reached" }, headers: { "retry-after": "0" } }, good);
    const res = await llm(api).call(req());
    expect(res.ok).toBe(true);
    expect(fake.requests).toHaveLength(2);
  });

  it("returns retryable errors as values: 5xx, timeout, reset and truncated streams", async () => {
    fake.queue("out", { error: { status: 500 } }, { error: { status: 503 } });
    const five = await llm(api).call(req());
    expect(five.ok ? null : five.error).toMatchObject({ kind: "server_error", retryable: true, status: 503 });

    fake.queue("out", { hang: true });
    const slow = await llm(api, { timeoutMs: 200, maxRetries: 0 }).call(req());
    expect(slow.ok ? null : slow.error).toMatchObject({ kind: "timeout", retryable: true });

    fake.queue("out", { ...good, cut: { afterDeltas: 1, how: "reset" } });
    const reset = await llm(api).call(req());
    expect(reset.ok ? null : reset.error.kind).toBe("stream_cut");

    fake.queue("out", { ...good, cut: { afterDeltas: 1, how: "end" } });
    const ended = await llm(api).call(req());
    expect(ended.ok ? null : ended.error.kind).toBe("stream_cut");
  });

  it("reports refusals and output that breaks the schema", async () => {
    fake.queue("out", { refusal: "I can't help with that." });
    const refused = await llm(api).call(req());
    expect(refused.ok ? null : refused.error.kind).toBe("refusal");
    fake.queue("out", { json: { text: 1 } });
    const invalid = await llm(api).call(req());
    expect(invalid.ok ? null : invalid.error.kind).toBe("invalid_output");
  });

  it("sends no reasoning effort to a non-reasoning model", async () => {
    fake.queue("out", good);
    const res = await llm(api).call(req({ model: "gpt-4.1-mini" }));
    expect(res.ok).toBe(true);
    expect(fake.requests[0]!.body).not.toHaveProperty(api === "chat" ? "reasoning_effort" : "reasoning");
  });

  it("asks for the flex tier when told to, and falls back to the default tier when flex is busy", async () => {
    fake.queue("out", { error: { status: 429, message: "Resource unavailable" } }, good);
    const res = await llm(api).call(req({ serviceTier: "flex" }));
    expect(res.ok).toBe(true);
    expect(res.serviceTier).toBe("default");
    expect(fake.requests.map((r) => r.body.service_tier ?? "default")).toEqual(["flex", "default"]);
  });
});

describe("reasoning summaries", () => {
  it("stops asking for them once the organisation is refused, instead of failing every call", async () => {
    fake.setHandler((r) =>
      (r.body.reasoning as { summary?: string } | undefined)?.summary
        ? { error: { status: 400, message: "Your organization must be verified to generate reasoning summaries." } }
        : good,
    );
    const client = llm("responses");
    const first = await client.call(req({ reasoningSummary: true }));
    const second = await client.call(req({ reasoningSummary: true }));
    fake.setHandler(undefined);
    expect(first.ok && second.ok).toBe(true);
    expect(fake.requests.map((r) => (r.body.reasoning as { summary?: string }).summary ?? null)).toEqual(["auto", null, null]);
  });
});
