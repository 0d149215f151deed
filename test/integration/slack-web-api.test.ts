import { WebClient } from "@slack/web-api";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { memoryPlaceholders, type SlackContext } from "../../src/channels/slack/context.js";
import { fetchSlackApi } from "../../src/channels/slack/fetch-api.js";
import { webClientApi } from "../../src/channels/slack/node/web-client-api.js";
import { slackSender } from "../../src/channels/slack/slack-sender.js";
import type { CoreDeps } from "../../src/core/deps.js";
import type { Conversation, Message } from "../../src/core/types.js";
import { silentLogger } from "../../src/ports/logger.js";
import { type FakeSlack, startFakeSlack } from "../helpers/fake-slack.js";

const TOKEN = "xoxb-test";
let slack: FakeSlack;
let ctx: SlackContext;

const conversation = { id: "C-1", channel: "slack", threadKey: "C0CUST:1700000000.000001" } as Conversation;
const message = {
  id: "M-1",
  role: "assistant",
  text: "Here is how to reset it.",
  citations: [{ articleId: "a", slug: "reset-password", title: "Reset your password", version: 2 }],
} as Message;
const send = () => slackSender(ctx).send({ conversation, message, idempotencyKey: "o-1" });

beforeAll(async () => {
  slack = await startFakeSlack({ botToken: TOKEN });
});
afterAll(() => slack.close());
const apis = {
  "@slack/web-api (Node, Bolt's client)": () =>
    webClientApi(new WebClient(TOKEN, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true }), TOKEN),
  "fetch (Workers)": () => fetchSlackApi({ botToken: TOKEN, apiUrl: slack.apiUrl }),
};

describe.each(Object.entries(apis))("the Slack sender over %s", (_name, makeApi) => {
  beforeEach(() => {
    slack.reset();
    ctx = {
      deps: { logger: silentLogger } as CoreDeps,
      api: makeApi(),
      reviewChannel: "CREVIEW",
      placeholders: memoryPlaceholders(),
      fileHosts: [],
      maxFileBytes: 1024,
      background: () => {},
    };
  });

  it("posts the reply in the conversation's thread with its sources", async () => {
    expect(await send()).toMatchObject({ ok: true });
    expect(slack.called("chat.postMessage")[0]?.args).toMatchObject({
      channel: "C0CUST",
      thread_ts: "1700000000.000001",
      text: "Here is how to reset it.\n\n_Sources: Reset your password_",
    });
  });

  it("replaces the 'looking into it' placeholder instead of posting again", async () => {
    ctx.placeholders.set(conversation.id, Promise.resolve({ channel: "C0CUST", ts: "1700000000.000009" }));
    expect(await send()).toEqual({ ok: true, externalId: "1700000000.000009" });
    expect(slack.called("chat.update")[0]?.args).toMatchObject({ channel: "C0CUST", ts: "1700000000.000009" });
    expect(slack.called("chat.postMessage")).toHaveLength(0);
  });

  it("sends the outbox id as message metadata, and on a retry finds a reply Slack already took instead of posting again", async () => {
    expect(await send()).toMatchObject({ ok: true });
    expect(slack.called("chat.postMessage")[0]?.args.metadata).toEqual({ event_type: "frontdesk_reply", event_payload: { outbox_id: "o-1" } });
    expect(slack.called("conversations.replies")).toHaveLength(0); // first attempts do not pay for a lookup

    slack.reset();
    slack.on("conversations.replies", () => ({
      ok: true,
      messages: [
        { ts: "1700000000.000001", text: "customer" },
        { ts: "1700000000.000050", text: "ours", metadata: { event_type: "frontdesk_reply", event_payload: { outbox_id: "o-1" } } },
      ],
    }));
    const retried = await slackSender(ctx).send({ conversation, message, idempotencyKey: "o-1", retry: true });
    expect(retried).toEqual({ ok: true, externalId: "1700000000.000050" });
    expect(slack.called("conversations.replies")[0]?.args).toMatchObject({ channel: "C0CUST", ts: "1700000000.000001", include_all_metadata: "true" });
    expect(slack.called("chat.postMessage")).toHaveLength(0);

    // A different outbox row in the same thread is a different reply, and a failed lookup still posts.
    expect(await slackSender(ctx).send({ conversation, message, idempotencyKey: "o-2", retry: true })).toMatchObject({ ok: true });
    slack.on("conversations.replies", () => ({ ok: false, error: "missing_scope" }));
    expect(await slackSender(ctx).send({ conversation, message, idempotencyKey: "o-3", retry: true })).toMatchObject({ ok: true });
    expect(slack.called("chat.postMessage").map((c) => (c.args.metadata as { event_payload: { outbox_id: string } }).event_payload.outbox_id)).toEqual([
      "o-2",
      "o-3",
    ]);
  });

  it("returns a rate limit as retryable with Slack's Retry-After", async () => {
    slack.on("chat.postMessage", () => ({ status: 429, headers: { "retry-after": "7" }, body: { ok: false, error: "ratelimited" } }));
    expect(await send()).toEqual({ ok: false, retryable: true, error: "slack:ratelimited", retryAfterMs: 7000 });
  });

  it("retries server errors", async () => {
    slack.on("chat.postMessage", () => ({ status: 503, body: { ok: false, error: "service_unavailable" } }));
    expect(await send()).toMatchObject({ ok: false, retryable: true });
  });

  it.each(["not_in_channel", "token_revoked"])("fails %s for good and tells agents in the review channel", async (code) => {
    slack.on("chat.postMessage", (args) => (args.channel === "C0CUST" ? { ok: false, error: code } : undefined));
    expect(await send()).toEqual({ ok: false, retryable: false, error: `slack:${code}` });
    const note = slack.called("chat.postMessage").find((c) => c.args.channel === "CREVIEW");
    expect(String(note?.args.text)).toContain(code);
  });

  it("refuses a file larger than the limit while reading it", async () => {
    await expect(ctx.api.downloadFile(`${slack.url}/files-pri/T1-F1/download/big.png`, 10)).rejects.toMatchObject({ code: "file_too_large" });
  });

  it("reads users.info into a name and email", async () => {
    slack.addUser("U9", "Katherine Johnson", "kj@example.com");
    expect(await ctx.api.userInfo("U9")).toEqual({ name: "Katherine Johnson", email: "kj@example.com", isBot: false });
  });
});
