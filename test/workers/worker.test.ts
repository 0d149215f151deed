import { createExecutionContext, createMessageBatch, createScheduledController, getQueueResult, waitOnExecutionContext } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import type { ForwardableEmailMessage } from "@cloudflare/workers-types/index.ts";
import { beforeAll, describe, expect, it } from "vitest";
import type { JobMessage } from "../../src/adapters/jobs/queue-dispatch.js";
import { MAX_SEED_ARTICLES } from "../../src/channels/http/routes/kb-seed.js";
import { verifySlackSignature } from "../../src/channels/slack/verify-signature.js";
import { newId } from "../../src/core/ids.js";
import worker, { MAX_ATTACHMENT_BYTES } from "../../src/entry/worker.js";
import { api, BASE, eventually, jobsFor, knowledgeArticles, rawStore, startChat, waitForMessages } from "./helpers.js";

const LOCKED_OUT = "I can't sign in, it says TB-1101 Too many sign-in attempts. How long is my account locked?";

const ADMIN = { authorization: `Bearer ${env.ADMIN_API_KEY}` };

beforeAll(async () => {
  // As `npm run kb:push` does in production: the worker has no file system to import from.
  const articles = knowledgeArticles();
  for (let i = 0; i < articles.length; i += MAX_SEED_ARTICLES) {
    const res = await api("POST", "/api/admin/kb/seed", { headers: ADMIN, body: { articles: articles.slice(i, i + MAX_SEED_ARTICLES) } });
    if (res.status !== 200) throw new Error(`seed failed: ${res.status} ${JSON.stringify(res.json)}`);
  }
});

describe("frontdesk on Workers (workerd, local D1, local queues)", () => {
  it("seeds the knowledge base idempotently, for admins only", async () => {
    const articles = knowledgeArticles().slice(0, 3);
    const again = await api("POST", "/api/admin/kb/seed", { headers: ADMIN, body: { articles } });
    expect(again.json).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    expect((await api("POST", "/api/admin/kb/seed", { body: { articles } })).status).toBe(401);
  });

  it("refuses an attachment too big for one D1 row, and stores one that fits", async () => {
    const { conversationId, customerToken } = await startChat();
    const file = (bytes: number) => {
      const form = new FormData();
      form.set("text", "Here is my receipt");
      form.append("files", new File([new Uint8Array(bytes)], "receipt.png", { type: "image/png" }));
      return exports.default.fetch(`${BASE}/api/chat/conversations/${conversationId}/messages`, {
        method: "POST",
        headers: { authorization: `Bearer ${customerToken}` },
        body: form,
      });
    };
    const big = await file(MAX_ATTACHMENT_BYTES + 1);
    expect(big.status).toBe(413);
    const fits = await file(MAX_ATTACHMENT_BYTES);
    expect(fits.status).toBe(202);
    const blob = await env.DB.prepare(
      "select b.size, length(b.data) as stored from attachments a join blobs b on b.sha256 = a.sha256 where a.conversation_id = ?",
    )
      .bind(conversationId)
      .first<{ size: number; stored: number }>();
    expect(blob?.size).toBe(MAX_ATTACHMENT_BYTES);
    expect(blob?.stored).toBeLessThan(2_000_000);
  });

  it("serves health from D1 and finds seeded articles through the FTS5 triggers", async () => {
    expect((await api("GET", "/health")).json).toMatchObject({ ok: true, db: "ok", llm: "offline" });
    const search = await api("GET", `/api/kb/search?q=${encodeURIComponent("too many sign-in attempts")}`);
    expect((search.json.results as unknown as { slug: string }[])[0]?.slug).toBe("account-locked");
  });

  it("answers a web chat message through the queue: producer after the D1 write, consumer runs the turn", async () => {
    const { conversationId, customerToken } = await startChat();
    const posted = await api("POST", `/api/chat/conversations/${conversationId}/messages`, { token: customerToken, body: { text: LOCKED_OUT } });
    expect(posted.status).toBe(202);
    const { messages } = await waitForMessages(conversationId, customerToken, (m) => m.some((x) => x.role === "assistant"));
    const reply = messages.find((m) => m.role === "assistant");
    expect(reply?.text).toMatch(/15 minutes/);
    expect((await jobsFor(conversationId)).map((j) => [j.kind, j.status])).toEqual([["turn", "done"]]);
    // The reply's delivery is its own job, also run by the consumer.
    await eventually(async () => {
      const outbox = await env.DB.prepare("select status from outbox where conversation_id = ?").bind(conversationId).all<{ status: string }>();
      expect(outbox.results).toEqual([{ status: "sent" }]);
    });
  });

  it("runs a job once when its id is delivered twice in one batch", async () => {
    const { conversationId, customerToken } = await startChat();
    const jobId = newId();
    const messageId = newId();
    // Written without the producer, so only this batch rings for it.
    await rawStore().appendInbound({
      conversationId,
      message: { id: messageId, role: "customer", text: LOCKED_OUT, channelMessageId: `web:${newId()}`, createdAt: Date.now() },
      attachments: [],
      job: { id: jobId, kind: "turn", payload: { conversationId, messageId }, runAt: Date.now() },
    });
    const [job] = await jobsFor(conversationId);
    expect(job?.status).toBe("queued");
    const batch = createMessageBatch<JobMessage>("frontdesk-jobs", [
      { id: "a", timestamp: new Date(), attempts: 1, body: { jobId } },
      { id: "b", timestamp: new Date(), attempts: 1, body: { jobId } },
    ]);
    const ctx = createExecutionContext();
    await worker.queue(batch, env);
    const result = await getQueueResult(batch, ctx);
    expect(result.explicitAcks.sort()).toEqual(["a", "b"]);
    const turn = (await jobsFor(conversationId)).find((j) => j.id === jobId);
    expect(turn).toMatchObject({ status: "done", attempts: 1 });
    const { messages } = await waitForMessages(conversationId, customerToken, (m) => m.some((x) => x.role === "assistant"));
    expect(messages.filter((m) => m.role === "assistant")).toHaveLength(1);
  });

  it("answers with the model when OPENAI_BASE_URL points at an OpenAI-compatible server", async () => {
    const { conversationId, customerToken } = await startChat();
    const jobId = newId();
    const messageId = newId();
    await rawStore().appendInbound({
      conversationId,
      message: { id: messageId, role: "customer", text: "How do I reset my password?", channelMessageId: `web:${newId()}`, createdAt: Date.now() },
      attachments: [],
      job: { id: jobId, kind: "turn", payload: { conversationId, messageId }, runAt: Date.now() },
    });
    const withModel = {
      ...env,
      OPENAI_API_KEY: "sk-test",
      OPENAI_BASE_URL: (env as unknown as { FAKE_OPENAI_URL: string }).FAKE_OPENAI_URL,
      RETRIEVAL_MIN_SCORE: "2",
    };
    await worker.queue(createMessageBatch<JobMessage>("frontdesk-jobs", [{ id: "llm", timestamp: new Date(), attempts: 1, body: { jobId } }]), withModel);
    const { messages } = await waitForMessages(conversationId, customerToken, (m) => m.some((x) => x.role === "assistant"));
    expect(messages.find((m) => m.role === "assistant")?.text).toMatch(/^Here is what our help center says/);
  });

  it("hands the conversation to a person when a turn's message reaches the dead-letter queue", async () => {
    const { conversationId, customerToken } = await startChat();
    const jobId = newId();
    const messageId = newId();
    await rawStore().appendInbound({
      conversationId,
      message: { id: messageId, role: "customer", text: "Please help with my invoice", channelMessageId: `web:${newId()}`, createdAt: Date.now() },
      attachments: [],
      job: { id: jobId, kind: "turn", payload: { conversationId, messageId }, runAt: Date.now() },
    });
    const batch = createMessageBatch<JobMessage>("frontdesk-jobs-dlq", [{ id: "dead", timestamp: new Date(), attempts: 6, body: { jobId } }]);
    await worker.queue(batch, env);
    expect((await jobsFor(conversationId)).find((j) => j.id === jobId)).toMatchObject({ status: "dead" });
    expect((await jobsFor(conversationId)).find((j) => j.id === jobId)?.lastError).toMatch(/dead-lettered by the queue after 6 deliveries/);
    const body = await waitForMessages(conversationId, customerToken, (m) => m.some((x) => x.role === "system"));
    expect(body.status).toBe("handed_off");
  });

  it("retries a failing job through the jobs table, not the queue's retry counter", async () => {
    const { conversationId } = await startChat();
    const jobId = newId();
    await rawStore().enqueue({ id: jobId, kind: "no_such_kind", payload: { conversationId }, runAt: Date.now() }, Date.now());
    const batch = createMessageBatch<JobMessage>("frontdesk-jobs", [{ id: "x", timestamp: new Date(), attempts: 1, body: { jobId } }]);
    const ctx = createExecutionContext();
    await worker.queue(batch, env);
    expect((await getQueueResult(batch, ctx)).explicitAcks).toEqual(["x"]);
    const job = (await jobsFor(conversationId)).find((j) => j.id === jobId);
    expect(job).toMatchObject({ status: "queued", attempts: 1 });
    expect(job?.lastError).toMatch(/no handler for job kind no_such_kind/);
  });

  it("re-sends due jobs whose message was lost when the cron runs", async () => {
    const { conversationId, customerToken } = await startChat();
    const past = Date.now() - 5 * 60_000;
    const messageId = newId();
    await rawStore().appendInbound({
      conversationId,
      message: { id: messageId, role: "customer", text: LOCKED_OUT, channelMessageId: `web:${newId()}`, createdAt: past },
      attachments: [],
      job: { id: newId(), kind: "turn", payload: { conversationId, messageId }, runAt: past },
    });
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ scheduledTime: new Date(), cron: "* * * * *" }), env);
    await waitOnExecutionContext(ctx);
    await waitForMessages(conversationId, customerToken, (m) => m.some((x) => x.role === "assistant"));
  });

  it("streams the reply over SSE through the conversation's Durable Object", async () => {
    const { conversationId, customerToken } = await startChat();
    const res = await exports.default.fetch(`${BASE}/api/chat/conversations/${conversationId}/stream?token=${customerToken}`);
    expect(res.headers.get("content-type")).toMatch(/text\/event-stream/);
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let seen = "";
    const readUntil = async (pattern: RegExp) => {
      const until = Date.now() + 10_000;
      while (!pattern.test(seen)) {
        if (Date.now() > until) throw new Error(`no ${pattern} in: ${seen}`);
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended: ${seen}`);
        seen += value;
      }
    };
    await readUntil(/event: status/);
    // Let the subscription reach the object before the answer is published.
    await new Promise((r) => setTimeout(r, 200));
    await api("POST", `/api/chat/conversations/${conversationId}/messages`, { token: customerToken, body: { text: LOCKED_OUT } });
    await readUntil(/event: message\ndata: \{[^\n]*"role":"assistant"/);
    expect(seen).toMatch(/"state":"thinking"/);
    await reader.cancel();
  });

  it("turns an email delivered to email() into a conversation", async () => {
    const raw = [
      "From: Grace Hopper <grace@example.com>",
      "To: support@frontdesk.test",
      "Subject: Locked out of Tallybird",
      `Message-ID: <${newId()}@example.com>`,
      "Content-Type: text/plain; charset=utf-8",
      "",
      LOCKED_OUT,
      "",
    ].join("\r\n");
    const rejected: string[] = [];
    const message = emailMessage(raw, rejected);
    await worker.email(message, env);
    expect(rejected).toEqual([]);
    const row = await env.DB.prepare(
      "select c.id, c.subject, c.channel, m.text from conversations c join messages m on m.conversation_id = c.id where c.channel = 'email' and c.subject = ?",
    )
      .bind("Locked out of Tallybird")
      .first<{ id: string; subject: string; channel: string; text: string }>();
    expect(row).toMatchObject({ channel: "email", text: LOCKED_OUT });
    const jobs = await jobsFor(row!.id);
    expect(jobs[0]?.kind).toBe("turn");
  });

  it("never replies to an auto-reply delivered to email(), so two robots never loop", async () => {
    const raw = ["From: grace@example.com", "To: support@frontdesk.test", "Subject: Out of office", "Auto-Submitted: auto-replied", "", "I am away.", ""].join(
      "\r\n",
    );
    const rejected: string[] = [];
    await worker.email(emailMessage(raw, rejected), env);
    expect(rejected).toEqual([]);
    const conversation = await env.DB.prepare("select id from conversations where subject = 'Out of office'").first<{ id: string }>();
    // Whether it is dropped or kept for agents, every job it started finishes without an outbox row.
    if (conversation) await eventually(async () => expect((await jobsFor(conversation.id)).every((j) => j.status === "done")).toBe(true));
    const replies = await env.DB.prepare(
      "select count(*) as n from outbox o join conversations c on c.id = o.conversation_id where c.subject = 'Out of office'",
    ).first<{
      n: number;
    }>();
    expect(replies?.n).toBe(0);
  });

  it("accepts a signed Slack event, answers in its thread through the Web API, and refuses a forged one", async () => {
    const ts = `${Date.now() / 1000}`;
    const body = JSON.stringify({
      type: "event_callback",
      event_id: `Ev${newId()}`,
      event: { type: "message", channel: "D024BE91L", user: "U2147483697", text: LOCKED_OUT, ts, channel_type: "im" },
    });
    const signed = await slackRequest(body, env.SLACK_SIGNING_SECRET as string);
    const ok = await exports.default.fetch(signed);
    expect(ok.status).toBe(200);
    const stored = await env.DB.prepare("select id from conversations where channel = 'slack' and thread_key = ?")
      .bind(`D024BE91L:${ts}`)
      .first<{ id: string }>();
    expect(stored?.id).toBeDefined();
    expect((await jobsFor(stored!.id))[0]?.kind).toBe("turn");

    // The reply goes back into the thread through the queue and the fetch-based Web API client.
    await eventually(async () => {
      const calls = (await (await fetch(new URL("/calls", env.SLACK_API_URL))).json()) as {
        method: string;
        authorization: string;
        body: Record<string, string>;
      }[];
      const reply = calls.find((c) => c.method === "chat.postMessage" && c.body.channel === "D024BE91L" && c.body.thread_ts === ts);
      expect(reply?.authorization).toBe("Bearer xoxb-test-token");
      expect(reply?.body.text).toMatch(/15 minutes/);
    });

    const forged = await exports.default.fetch(await slackRequest(body, "not-the-secret"));
    expect(forged.status).toBe(401);
    const challenge = await exports.default.fetch(
      await slackRequest(JSON.stringify({ type: "url_verification", challenge: "abc" }), env.SLACK_SIGNING_SECRET as string),
    );
    expect(await challenge.json()).toEqual({ challenge: "abc" });
  });

  it("verifies Slack's documented signing vector with Web Crypto inside workerd", async () => {
    const rawBody =
      "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    const input = {
      signingSecret: "8f742231b10e8888abcd99yyyzzz85a5",
      timestamp: "1531420618",
      signature: "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503",
      rawBody,
      nowMs: 1531420618_000,
    };
    expect(await verifySlackSignature(input)).toEqual({ ok: true });
    expect(await verifySlackSignature({ ...input, rawBody: `${rawBody}------` })).toMatchObject({ ok: false, reason: "bad_signature" });
    expect(await verifySlackSignature({ ...input, nowMs: input.nowMs + 301_000 })).toMatchObject({ ok: false, reason: "stale_timestamp" });
  });

  it("parses settings from bindings with the same schema and refuses a bad deploy with 503", async () => {
    const ctx = createExecutionContext();
    const res = await worker.fetch(new Request(`${BASE}/health`), { ...env, REVIEW_MODE: "sometimes" }, ctx);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ error: { code: "unavailable" } });
  });
});

function emailMessage(raw: string, rejected: string[]) {
  const bytes = new TextEncoder().encode(raw);
  const headers = new Headers();
  return {
    from: "grace@example.com",
    to: "support@frontdesk.test",
    raw: new Response(bytes).body!,
    rawSize: bytes.byteLength,
    headers,
    setReject: (reason: string) => void rejected.push(reason),
    forward: async () => ({ messageId: "" }),
    reply: async () => ({ messageId: "" }),
  } as unknown as ForwardableEmailMessage;
}

async function slackRequest(body: string, secret: string) {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const mac = await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(`v0:${timestamp}:${body}`));
  const signature = `v0=${[...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, "0")).join("")}`;
  return new Request(`${BASE}/slack/events`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-slack-request-timestamp": timestamp, "x-slack-signature": signature },
    body,
  });
}
