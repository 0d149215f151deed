import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { slackFetchSender } from "../../src/channels/slack/fetch-sender.js";
import type { Conversation, Message } from "../../src/core/types.js";

// A fake Slack Web API on 127.0.0.1 whose answer each test picks.
let server: Server;
let apiUrl = "";
let answer: { status: number; headers?: Record<string, string>; body: unknown } = { status: 200, body: { ok: true } };
const seen: { url?: string; auth?: string; body: Record<string, string> }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => {
      raw += c;
    });
    req.on("end", () => {
      seen.push({ url: req.url, auth: req.headers.authorization, body: JSON.parse(raw) });
      res.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
      res.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const conversation = { id: "c1", channel: "slack", threadKey: "C123:1700000000.000100" } as Conversation;
const message = { id: "m1", text: "Sign-in unlocks after 15 minutes." } as Message;
const send = () => slackFetchSender({ botToken: "xoxb-1", apiUrl }).send({ conversation, message, idempotencyKey: "o1" });

describe("Slack sender over fetch", () => {
  it("posts the reply into the customer's thread and returns Slack's ts", async () => {
    answer = { status: 200, body: { ok: true, ts: "1700000001.000200" } };
    expect(await send()).toEqual({ ok: true, externalId: "1700000001.000200" });
    expect(seen.at(-1)).toEqual({
      url: "/api/chat.postMessage",
      auth: "Bearer xoxb-1",
      body: { channel: "C123", thread_ts: "1700000000.000100", text: message.text },
    });
  });

  it("retries a rate limit after Slack's Retry-After", async () => {
    answer = { status: 429, headers: { "retry-after": "7" }, body: { ok: false, error: "ratelimited" } };
    expect(await send()).toEqual({ ok: false, retryable: true, error: "slack http 429", retryAfterMs: 7000 });
  });

  it("does not retry Slack's own refusals", async () => {
    answer = { status: 200, body: { ok: false, error: "channel_not_found" } };
    expect(await send()).toEqual({ ok: false, retryable: false, error: "slack: channel_not_found" });
  });
});
