import { performance } from "node:perf_hooks";
import { startFakeOpenAI } from "./fake-openai.js";
import { round, startChildServer, summarize } from "./lib.js";

/**
 * Benchmark 3: frontdesk's own time around the model, with a model that answers at once.
 * - accept → model request: from the 202 reaching the customer to the request arriving at the model;
 * - first token → first delta: from the model's first token to the customer's first SSE `delta`.
 * When the server has no model responder (it answers offline), no model request leaves; then the
 * figure is accept → reply: from the 202 to the customer's SSE `message` with the answer, which
 * bounds both segments from above.
 */
export async function overheadBench(opts: { samples: number; texts: string[] }) {
  const fake = await startFakeOpenAI();
  const server = await startChildServer("frontdesk", { OPENAI_BASE_URL: fake.url, OPENAI_API_KEY: "bench-key", REVIEW_MODE: "none", LLM_TIMEOUT_MS: "10000" });
  const withModel = server.responder !== null && server.responder !== "offline";
  const toRequest: number[] = [];
  const toDelta: number[] = [];
  const toReply: number[] = [];
  try {
    for (let i = 0; i < opts.samples + 3; i++) {
      const text = opts.texts[i % opts.texts.length] as string;
      const sample = await oneTurn(server.url, text);
      if (i < 3) continue; // warm-up: first requests compile code paths
      toReply.push(sample.replyAt - sample.acceptedAt);
      if (withModel) {
        const calls = fake.calls.filter((c) => c.receivedAt >= sample.sentAt);
        const first = calls[0];
        const streamed = calls.find(
          (c) => c.firstTokenAt !== null && sample.firstDeltaAt !== null && (c.firstTokenAt as number) <= (sample.firstDeltaAt as number),
        );
        if (first) toRequest.push(first.receivedAt - sample.acceptedAt);
        if (streamed && sample.firstDeltaAt !== null) toDelta.push(sample.firstDeltaAt - (streamed.firstTokenAt as number));
      }
      fake.calls.length = 0;
    }
  } finally {
    await server.stop();
    await fake.close();
  }
  const reply = summarize(toReply);
  const request = summarize(toRequest);
  const delta = summarize(toDelta);
  return {
    responder: server.responder ?? "offline",
    samples: toReply.length,
    acceptToReply: reply,
    ...(withModel ? { acceptToModelRequest: request, firstTokenToDelta: delta } : {}),
    // The headline: the larger of the two model segments, or the whole offline turn.
    p95Ms: withModel ? round(Math.max(request.p95, delta.n ? delta.p95 : 0)) : reply.p95,
    measured: withModel ? "model segments (instant fake model)" : "accept → reply with the offline responder (no model responder wired)",
  };
}

/** One message in a fresh conversation, timed from the customer's side over HTTP and SSE. */
async function oneTurn(base: string, text: string) {
  const created = (await (
    await fetch(`${base}/api/chat/conversations`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" })
  ).json()) as {
    conversationId: string;
    customerToken: string;
  };
  const auth = { authorization: `Bearer ${created.customerToken}` };
  const abort = new AbortController();
  const stream = await fetch(`${base}/api/chat/conversations/${created.conversationId}/stream`, { headers: auth, signal: abort.signal });
  if (!stream.body) throw new Error("no SSE body");
  const reader = stream.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  // Resolves with the time each awaited event arrives.
  const nextEvent = async (): Promise<{ event: string; data: string; at: number }> => {
    for (;;) {
      const end = buffer.indexOf("\n\n");
      if (end >= 0) {
        const raw = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(raw)?.[1] ?? "message";
        const data = /^data: (.*)$/m.exec(raw)?.[1] ?? "";
        if (raw.startsWith(":")) continue;
        return { event, data, at: performance.now() };
      }
      const { value, done } = await reader.read();
      if (done) throw new Error("SSE stream ended");
      buffer += value;
    }
  };
  await nextEvent(); // the initial status: the stream is live
  const sentAt = performance.now();
  const posted = await fetch(`${base}/api/chat/conversations/${created.conversationId}/messages`, {
    method: "POST",
    headers: { ...auth, "content-type": "application/json" },
    body: JSON.stringify({ text }),
  });
  const acceptedAt = performance.now();
  if (posted.status !== 202) throw new Error(`message not accepted: ${posted.status}`);
  let firstDeltaAt: number | null = null;
  let replyAt = 0;
  for (;;) {
    const e = await nextEvent();
    if (e.event === "delta" && firstDeltaAt === null) firstDeltaAt = e.at;
    if (e.event === "message") {
      const role = (JSON.parse(e.data) as { role?: string }).role;
      if (role === "assistant" || role === "system") {
        replyAt = e.at;
        break;
      }
    }
  }
  abort.abort();
  return { sentAt, acceptedAt, firstDeltaAt, replyAt };
}
