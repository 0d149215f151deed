import { Hono } from "hono";
import { conversationForThread, ingestMessage } from "../../core/conversation/ingest.js";
import type { CoreDeps } from "../../core/deps.js";
import { verifySlackSignature } from "./verify.js";

type SlackMessageEvent = {
  type: string;
  subtype?: string;
  bot_id?: string;
  user?: string;
  text?: string;
  channel?: string;
  ts?: string;
  thread_ts?: string;
};
type SlackEnvelope = { type: string; challenge?: string; event_id?: string; event?: SlackMessageEvent };

/** A Slack thread is one conversation: channel plus the root message's ts. */
export function slackThreadKey(channel: string, ts: string, threadTs?: string): string {
  return `${channel}:${threadTs ?? ts}`;
}

/**
 * `POST /slack/events` without Bolt (Bolt is Node-only): Web Crypto signature check, the URL
 * challenge, and customer messages (DMs and mentions) ingested through the same core use case.
 * Slack's retries carry the same ts, which ingest dedupes, so a retried event answers once.
 */
export function slackEventsRoutes(deps: CoreDeps, options: { signingSecret: string }) {
  const app = new Hono();
  app.post("/events", async (c) => {
    const rawBody = await c.req.text();
    const verdict = await verifySlackSignature({
      signingSecret: options.signingSecret,
      timestamp: c.req.header("x-slack-request-timestamp"),
      signature: c.req.header("x-slack-signature"),
      rawBody,
      now: deps.clock.now(),
    });
    if (!verdict.ok) {
      deps.logger.warn("slack.bad_signature", { reason: verdict.reason });
      return c.json({ error: { code: "unauthorized", message: "Invalid Slack signature.", requestId: c.get("requestId") } }, 401);
    }
    let envelope: SlackEnvelope;
    try {
      envelope = JSON.parse(rawBody) as SlackEnvelope;
    } catch {
      return c.json({ error: { code: "bad_request", message: "Body is not JSON.", requestId: c.get("requestId") } }, 400);
    }
    if (envelope.type === "url_verification") return c.json({ challenge: envelope.challenge ?? "" });
    const event = envelope.event;
    const isCustomerMessage =
      envelope.type === "event_callback" &&
      event &&
      (event.type === "message" || event.type === "app_mention") &&
      !event.subtype &&
      !event.bot_id &&
      event.user &&
      event.channel &&
      event.ts;
    if (!isCustomerMessage) return c.body(null, 200);
    const channel = event.channel as string;
    const ts = event.ts as string;
    const conversation = await conversationForThread(deps, {
      channel: "slack",
      threadKey: slackThreadKey(channel, ts, event.thread_ts),
      sender: { externalId: event.user as string },
    });
    const text = (event.text ?? "").replace(/<@[A-Z0-9]+>\s*/g, "").trim();
    const result = await ingestMessage(deps, conversation, { text, attachments: [], channelMessageId: `${channel}:${ts}` });
    return c.json({ ok: true, conversationId: conversation.id, duplicate: result.duplicate });
  });
  return app;
}
