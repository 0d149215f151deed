import type {
  D1Database,
  DurableObjectNamespace,
  ExecutionContext,
  ForwardableEmailMessage,
  MessageBatch,
  Queue,
  ScheduledController,
} from "@cloudflare/workers-types/index.ts";
import { consumeJobMessage, deadLetterJobMessage, type QueueJobContext, sweepDueJobs } from "../adapters/jobs/queue-consumer.js";
import { dispatchingStore, type JobMessage, queueDispatcher } from "../adapters/jobs/queue-dispatch.js";
import { ConversationLive, durableLiveEvents, type LiveNamespace } from "../adapters/live/durable-live.js";
import { jsonLogger } from "../adapters/log/json-logger.js";
import { openD1 } from "../adapters/storage/d1.js";
import { acceptRawEmail } from "../channels/email/accept-email.js";
import { emailChannel, emailInboundConfig } from "../channels/email/email-channel.js";
import { kbSeedRoutes } from "../channels/http/routes/kb-seed.js";
import { fetchSlackApi } from "../channels/slack/fetch-api.js";
import { slackChannel } from "../channels/slack/slack-channel.js";
import { ConfigError, parseSettings } from "../config/settings.js";
import { AppError } from "../core/errors.js";
import { newId } from "../core/ids.js";
import { retentionJobKey } from "../core/privacy/retention.js";
import { systemClock } from "../ports/clock.js";
import { llmFromSettings, wire } from "./wire.js";

export { ConversationLive };

/** Bindings from wrangler.toml; every other string binding (vars and secrets) is a setting. */
export type WorkerEnv = {
  DB: D1Database;
  JOBS: Queue<JobMessage>;
  LIVE?: DurableObjectNamespace;
  /** The dead-letter queue's name, so queue() knows which consumer it is running as. */
  JOBS_DLQ_NAME?: string;
  [setting: string]: unknown;
};

/** D1 rows cap at 2 MB and blobs are stored base64 (4/3), so one file may be at most this big here. */
export const MAX_ATTACHMENT_BYTES = 1_400_000;
/** Email Workers accept up to 25 MiB; past that the sender is told, not silently dropped. */
const MAX_EMAIL_BYTES = 25 * 1024 * 1024;
/** A job leased by a consumer that died (isolate evicted, 15-min wall limit) is retaken after this. */
const JOB_LEASE_MS = 5 * 60_000;
/** The sweep leaves just-written jobs to the producer's own message. */
const SWEEP_GRACE_MS = 60_000;
const DEFAULT_DLQ_NAME = "frontdesk-jobs-dlq";

function stringBindings(env: WorkerEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
}

/**
 * Everything for one invocation. Built per request/batch: it costs a zod parse and a router, and
 * sharing nothing between invocations means nothing stale when bindings or secrets change.
 */
export function buildWorker(env: WorkerEnv, waitUntil?: (work: Promise<unknown>) => void) {
  const settings = parseSettings(stringBindings(env));
  const logger = jsonLogger(settings.LOG_LEVEL, { runtime: "workers" });
  const { db, runBatch } = openD1(env.DB);
  const dispatch = queueDispatcher(env.JOBS, systemClock, logger);
  const live = env.LIVE ? durableLiveEvents(env.LIVE as unknown as LiveNamespace, logger) : undefined;
  // Slack without Bolt: the same channel as on Node, its API over fetch and its logic called directly.
  const signingSecret = settings.SLACK_SIGNING_SECRET;
  const slack =
    signingSecret && settings.SLACK_BOT_TOKEN
      ? slackChannel({
          signingSecret,
          api: fetchSlackApi({ botToken: settings.SLACK_BOT_TOKEN, apiUrl: settings.SLACK_API_URL }),
          apiUrl: settings.SLACK_API_URL,
          reviewChannel: settings.SLACK_REVIEW_CHANNEL,
          maxFileBytes: MAX_ATTACHMENT_BYTES,
          logger,
          ...(waitUntil ? { background: waitUntil } : {}),
        })
      : undefined;
  const llm = llmFromSettings(settings);
  const wired = wire({
    llm,
    clientIp: (c) => c.req.header("cf-connecting-ip") ?? "unknown",
    settings,
    db,
    runBatch,
    logger,
    live,
    channels: [emailChannel(settings), ...(slack ? [slack] : [])],
    mount: (deps) => [{ path: "/api/admin/kb", app: kbSeedRoutes(deps, { adminApiKey: settings.ADMIN_API_KEY }) }],
    wrapStore: (store) => dispatchingStore(store, dispatch),
    maxAttachmentBytes: MAX_ATTACHMENT_BYTES,
    jobLeaseMs: JOB_LEASE_MS,
  });
  const jobs: QueueJobContext = { store: wired.store, jobs: wired.jobOptions, dispatch, leaseMs: JOB_LEASE_MS };
  const flush = async () => {
    await live?.flush();
  };
  const receiveEmail = (raw: Uint8Array) => acceptRawEmail(wired.deps, emailInboundConfig(settings), raw);
  return { ...wired, settings, logger, jobs, flush, receiveEmail };
}

function configErrorResponse(error: ConfigError) {
  console.error(error.message);
  return Response.json({ error: { code: "unavailable", message: "frontdesk is misconfigured; see the worker logs." } }, { status: 503 });
}

export default {
  async fetch(request: Request, env: WorkerEnv, ctx: ExecutionContext): Promise<Response> {
    let w: ReturnType<typeof buildWorker>;
    try {
      w = buildWorker(env, (work) => ctx.waitUntil(work));
    } catch (error) {
      if (error instanceof ConfigError) return configErrorResponse(error);
      throw error;
    }
    const response = await w.app.fetch(request, env, ctx);
    ctx.waitUntil(w.flush());
    return response;
  },

  /** Job ids from the producer, the sweep and retries; the DLQ's consumer is this same handler. */
  async queue(batch: MessageBatch<JobMessage>, env: WorkerEnv): Promise<void> {
    const w = buildWorker(env);
    const deadLetters = batch.queue === (env.JOBS_DLQ_NAME ?? DEFAULT_DLQ_NAME);
    await Promise.all(
      batch.messages.map(async (message) => {
        const jobId = message.body?.jobId;
        if (typeof jobId !== "string") {
          w.logger.error("queue.bad_message", { queue: batch.queue, messageId: message.id });
          message.ack();
          return;
        }
        try {
          const result = deadLetters ? await deadLetterJobMessage(w.jobs, jobId, message.attempts) : await consumeJobMessage(w.jobs, jobId);
          w.logger.debug("queue.consumed", { queue: batch.queue, jobId, result, attempts: message.attempts });
          message.ack();
        } catch (error) {
          // The consumer itself failed (D1 unreachable...): the queue redelivers, then dead-letters.
          w.logger.error("queue.consume_failed", { queue: batch.queue, jobId, attempts: message.attempts, error: String(error) });
          message.retry();
        }
      }),
    );
    await w.flush();
  },

  /** The cron: re-send due or lease-expired jobs (lost messages, outbox retries, delays over 12 h). */
  async scheduled(_controller: ScheduledController, env: WorkerEnv): Promise<void> {
    const w = buildWorker(env);
    // One retention job a day (dedupe key per date), sent to the queue like any other job.
    if (w.settings.ATTACHMENT_RETENTION_DAYS)
      await w.store.enqueue({ id: newId(), kind: "retention", payload: {}, runAt: Date.now(), dedupeKey: retentionJobKey(Date.now()) }, Date.now());
    const count = await sweepDueJobs(w.jobs, SWEEP_GRACE_MS);
    if (count > 0) w.logger.info("jobs.swept", { count });
  },

  /** Email Routing delivers here; the message goes through the same inbound email use case as Node. */
  async email(message: ForwardableEmailMessage, env: WorkerEnv): Promise<void> {
    const w = buildWorker(env);
    if (message.rawSize > MAX_EMAIL_BYTES) {
      message.setReject(`Message too large (over ${MAX_EMAIL_BYTES} bytes).`);
      return;
    }
    const raw = new Uint8Array(await new Response(message.raw as unknown as ReadableStream).arrayBuffer());
    try {
      const result = await w.receiveEmail(raw);
      w.logger.info("email.received", { result });
    } catch (error) {
      // Our own validation (empty, too long): tell the sender. Anything else throws, so the MTA retries.
      if (error instanceof AppError && error.code !== "internal" && error.code !== "unavailable") {
        message.setReject(error.message);
        return;
      }
      throw error;
    } finally {
      await w.flush();
    }
  },
};
