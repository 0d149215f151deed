import { App, LogLevel } from "@slack/bolt";
import { WebClient } from "@slack/web-api";
import type { GuardedFetch } from "../../../ports/guarded-fetch.js";
import type { Logger } from "../../../ports/logger.js";
import { CHOICE_ACTION, choicePressFrom, handleChoicePress } from "../choices.js";
import { withBudget } from "../context.js";
import { ingestSlackEvent } from "../ingest-event.js";
import { buttonPressFrom, REVIEW_ACTIONS, REVIEW_VIEWS, submissionFrom } from "../interactions.js";
import type { SlackEnvelope } from "../parse-request.js";
import { handleReviewButton, handleReviewSubmission } from "../review.js";
import { slackChannel } from "../slack-channel.js";
import { HonoReceiver } from "./hono-receiver.js";
import { webClientApi } from "./web-client-api.js";

export type SlackNodeOptions = {
  signingSecret: string;
  botToken: string;
  reviewChannel?: string;
  /** Web API base URL; Slack's by default. */
  apiUrl?: string;
  logger: Logger;
  maxFileBytes?: number;
  /** Outbound fetch for file downloads (Node: DNS checked and pinned). */
  http: GuardedFetch;
};

function boltLogger(logger: Logger) {
  const l = logger.child({ component: "bolt" });
  return {
    debug: (...msg: unknown[]) => l.debug("bolt.debug", { msg: msg.map(String).join(" ") }),
    info: (...msg: unknown[]) => l.info("bolt.info", { msg: msg.map(String).join(" ") }),
    warn: (...msg: unknown[]) => l.warn("bolt.warn", { msg: msg.map(String).join(" ") }),
    error: (...msg: unknown[]) => l.error("bolt.error", { msg: msg.map(String).join(" ") }),
    setLevel: () => {},
    getLevel: () => LogLevel.INFO,
    setName: () => {},
  };
}

/**
 * Slack on Node: the shared Slack channel, with a Bolt app (HTTP mode, custom receiver) handling
 * what POST /slack/events verified.
 */
export function createSlackNode(o: SlackNodeOptions) {
  const slackApiUrl = o.apiUrl ? (o.apiUrl.endsWith("/") ? o.apiUrl : `${o.apiUrl}/`) : undefined;
  // No SDK-internal retries or rate-limit sleeping: the job queue retries with Slack's Retry-After.
  const clientOptions = { slackApiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, timeout: 10_000 };
  const client = new WebClient(o.botToken, clientOptions);

  // auth.test once, lazily: tells Bolt (ignoreSelf) and our filter which user is the bot. It runs
  // before every listener (Bolt's authorize), so it gets a short budget, and a failure is cached
  // for a minute: the envelope's `authorizations` carries the bot user id anyway.
  let identity: Promise<{ botUserId?: string; botId?: string }> | undefined;
  const whoAmI = () => {
    identity ??= withBudget(client.auth.test(), 800).then(
      (r) => ({ botUserId: r.user_id, botId: r.bot_id }),
      (error) => {
        o.logger.warn("slack.auth_test_failed", { error: String(error) });
        setTimeout(() => {
          identity = undefined;
        }, 60_000).unref();
        return {};
      },
    );
    return identity;
  };

  const receiver = new HonoReceiver();
  const bolt = new App({
    receiver,
    authorize: async () => ({ botToken: o.botToken, ...(await whoAmI()) }),
    clientOptions,
    logger: boltLogger(o.logger),
    // Errors reach the receiver, which answers 500 for events so Slack retries them.
    extendedErrorHandler: false,
  });
  const logLate = (error: unknown) => o.logger.error("slack.after_ack_failed", { error: String(error) });
  const channel = slackChannel({
    signingSecret: o.signingSecret,
    api: webClientApi(client, o.botToken, o.http, slackApiUrl),
    apiUrl: slackApiUrl,
    reviewChannel: o.reviewChannel,
    maxFileBytes: o.maxFileBytes ?? 10 * 1024 * 1024,
    logger: o.logger,
    dispatch: () => async (request, meta) => {
      if (request.kind === "unknown") return { status: 200 };
      const body = request.kind === "event_callback" ? request.envelope : request.payload;
      try {
        return await receiver.dispatch(body as unknown as Record<string, unknown>, {
          ...meta,
          waitForListeners: request.kind === "event_callback",
          onLateError: logLate,
        });
      } catch (error) {
        o.logger.error("slack.dispatch_failed", { kind: request.kind, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
        return { status: 500, body: { error: { code: "internal", message: "Could not store the event; Slack will retry." } } };
      }
    },
  });
  const need = channel.context;

  const onMessage = async ({ body, context }: { body: unknown; context: { botUserId?: string } }) => {
    const outcome = await ingestSlackEvent(need(), body as SlackEnvelope, { botUserId: context.botUserId });
    o.logger.info("slack.event", { outcome: outcome.kind, reason: "reason" in outcome ? outcome.reason : undefined });
  };
  bolt.event("message", onMessage);
  bolt.event("app_mention", onMessage);

  bolt.action(CHOICE_ACTION, async ({ ack, body }) => {
    await ack();
    const press = choicePressFrom(body as unknown as Record<string, unknown>);
    if (press) await handleChoicePress(need(), press);
  });
  for (const actionId of REVIEW_ACTIONS)
    bolt.action(actionId, async ({ ack, body }) => {
      await ack();
      const press = buttonPressFrom(body as unknown as Record<string, unknown>);
      if (press) await handleReviewButton(need(), press);
    });
  for (const callbackId of REVIEW_VIEWS)
    bolt.view(callbackId, async ({ ack, body }) => {
      const submission = submissionFrom(body as unknown as Record<string, unknown>);
      if (!submission) return ack();
      const result = await handleReviewSubmission(need(), submission);
      await ack(result.response);
      await result.after?.();
    });

  return { ...channel, bolt };
}
