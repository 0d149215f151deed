import type { Hono } from "hono";
import { memoryLiveEvents } from "../adapters/live/memory-live.js";
import type { Db, RunBatch } from "../adapters/storage/db.js";
import { ftsSearch } from "../adapters/storage/fts-search.js";
import { createStore } from "../adapters/storage/store.js";
import { emailInboundRoutes } from "../channels/email/inbound-route.js";
import { type AppOptions, createApp } from "../channels/http/app.js";
import { webSender } from "../channels/http/web-sender.js";
import type { Settings } from "../config/settings.js";
import type { CoreDeps } from "../core/deps.js";
import { bareAddress } from "../core/email/compose-reply.js";
import { coreJobHandlers, onDeadJob } from "../core/jobs/handlers.js";
import { type JobHandler, JobRunner } from "../core/jobs/runner.js";
import { purgeOldAttachments } from "../core/privacy/retention.js";
import { offlineResponder } from "../core/responders/offline.js";
import type { Responder } from "../core/responders/responder.js";
import { parseRiskTopics } from "../core/triage/rules.js";
import type { ChannelSenders } from "../ports/channel-sender.js";
import { type Clock, systemClock } from "../ports/clock.js";
import type { LiveEvents } from "../ports/live-events.js";
import type { Logger } from "../ports/logger.js";

export type Wiring = {
  settings: Settings;
  db: Db;
  runBatch: RunBatch;
  logger: Logger;
  clock?: Clock;
  live?: LiveEvents;
  /** A model-backed responder; without one the offline responder answers. */
  responder?: Responder;
  senders?: ChannelSenders;
  extraJobs?: Record<string, JobHandler>;
  mount?: { path: string; app: Hono }[];
  clientIp?: AppOptions["clientIp"];
};

export function llmKind(settings: Settings): "openai" | "compatible" | "offline" {
  if (!settings.OPENAI_API_KEY && !settings.OPENAI_BASE_URL) return "offline";
  return settings.OPENAI_BASE_URL && !settings.OPENAI_BASE_URL.includes("api.openai.com") ? "compatible" : "openai";
}

/** Email threading and loop settings, shared by the inbound route, IMAP polling and Workers' email(). */
export function emailInboundConfig(s: Settings) {
  return {
    ownAddresses: s.EMAIL_FROM ? [bareAddress(s.EMAIL_FROM)] : [],
    threadWindowMs: s.EMAIL_THREAD_WINDOW_HOURS * 3600_000,
    maxPerSenderPerHour: s.EMAIL_MAX_PER_SENDER_PER_HOUR,
    maxAttachments: s.EMAIL_MAX_ATTACHMENTS,
  };
}

/** Builds the core dependencies, the job runner and the HTTP app for any runtime. */
export function wire(w: Wiring) {
  const s = w.settings;
  const store = createStore(w.db, w.runBatch);
  const live = w.live ?? memoryLiveEvents();
  const offline = offlineResponder({ minScore: s.OFFLINE_MIN_SCORE, minMargin: s.OFFLINE_MIN_MARGIN });
  const deps: CoreDeps = {
    store,
    search: ftsSearch(w.db),
    live,
    clock: w.clock ?? systemClock,
    logger: w.logger,
    senders: { web: webSender(live), ...w.senders },
    responder: w.responder ?? offline,
    offline,
    policy: {
      reviewMode: s.REVIEW_MODE,
      confidenceThreshold: s.CONFIDENCE_THRESHOLD,
      dailyBudgetUsd: s.DAILY_BUDGET_USD,
      riskTopics: parseRiskTopics(s.RISK_TOPICS),
      maxMessageChars: s.MAX_MESSAGE_CHARS,
      customerTokenTtlMs: s.CUSTOMER_TOKEN_TTL_HOURS * 3600_000,
      jobMaxAttempts: s.JOB_MAX_ATTEMPTS,
    },
  };
  const runner = new JobRunner({
    store,
    handlers: coreJobHandlers(deps, { retention: async () => void (await purgeOldAttachments(deps, s.ATTACHMENT_RETENTION_DAYS)), ...w.extraJobs }),
    onDead: onDeadJob(deps),
    clock: deps.clock,
    logger: w.logger,
    maxAttempts: s.JOB_MAX_ATTEMPTS,
    pollMs: s.JOB_POLL_MS,
    concurrency: s.JOB_CONCURRENCY,
  });
  deps.wake = runner.wake;
  const mount = [...(w.mount ?? [])];
  // Without a secret the route does not exist (404), so nobody can inject mail by accident.
  if (s.EMAIL_INBOUND_SECRET)
    mount.push({ path: "/email", app: emailInboundRoutes(deps, { ...emailInboundConfig(s), secret: s.EMAIL_INBOUND_SECRET, maxBytes: s.EMAIL_MAX_BYTES }) });
  const app = createApp(deps, {
    llm: llmKind(s),
    mount,
    corsOrigins: s.CORS_ORIGINS,
    rateLimits: { perIpPerMinute: s.RATE_LIMIT_IP_PER_MINUTE, perTokenPerMinute: s.RATE_LIMIT_TOKEN_PER_MINUTE },
    clientIp: w.clientIp,
  });
  return { deps, store, runner, app };
}
