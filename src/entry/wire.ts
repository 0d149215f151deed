import type { Hono } from "hono";
import { memoryLiveEvents } from "../adapters/live/memory-live.js";
import type { Db, RunBatch } from "../adapters/storage/db.js";
import { ftsSearch } from "../adapters/storage/fts-search.js";
import { createStore } from "../adapters/storage/store.js";
import { createApp } from "../channels/http/app.js";
import { webSender } from "../channels/http/web-sender.js";
import type { Settings } from "../config/settings.js";
import type { CoreDeps } from "../core/deps.js";
import { coreJobHandlers, onDeadJob } from "../core/jobs/handlers.js";
import { type JobHandler, JobRunner, type JobRunnerOptions } from "../core/jobs/runner.js";
import { offlineResponder } from "../core/responders/offline.js";
import type { Responder } from "../core/responders/responder.js";
import { parseRiskTopics } from "../core/triage/rules.js";
import type { ChannelSenders } from "../ports/channel-sender.js";
import { type Clock, systemClock } from "../ports/clock.js";
import type { LiveEvents } from "../ports/live-events.js";
import type { Logger } from "../ports/logger.js";
import type { Store } from "../ports/store.js";

export type Mount = { path: string; app: Hono };

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
  /** Job kinds channels add; a function receives the core deps, like mount. */
  extraJobs?: Record<string, JobHandler> | ((deps: CoreDeps) => Record<string, JobHandler>);
  /** Channel route groups; a function receives the core deps so routes can call the use cases. */
  mount?: Mount[] | ((deps: CoreDeps) => Mount[]);
  /** Wraps the store before anything uses it (Workers: send job ids to a Queue after each write). */
  wrapStore?: (store: Store) => Store;
  /** Per-file limit; Workers sets it so an attachment's blob fits in one D1 row. */
  maxAttachmentBytes?: number;
  /** How long a claimed job is leased before another worker may take it over. */
  jobLeaseMs?: number;
};

export function llmKind(settings: Settings): "openai" | "compatible" | "offline" {
  if (!settings.OPENAI_API_KEY && !settings.OPENAI_BASE_URL) return "offline";
  return settings.OPENAI_BASE_URL && !settings.OPENAI_BASE_URL.includes("api.openai.com") ? "compatible" : "openai";
}

/** Builds the core dependencies, the job runner and the HTTP app for any runtime. */
export function wire(w: Wiring) {
  const s = w.settings;
  const base = createStore(w.db, w.runBatch);
  const store = w.wrapStore ? w.wrapStore(base) : base;
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
      maxAttachmentBytes: w.maxAttachmentBytes,
      customerTokenTtlMs: s.CUSTOMER_TOKEN_TTL_HOURS * 3600_000,
      jobMaxAttempts: s.JOB_MAX_ATTEMPTS,
    },
  };
  const jobOptions: JobRunnerOptions = {
    store,
    handlers: coreJobHandlers(deps, typeof w.extraJobs === "function" ? w.extraJobs(deps) : w.extraJobs),
    onDead: onDeadJob(deps),
    clock: deps.clock,
    logger: w.logger,
    maxAttempts: s.JOB_MAX_ATTEMPTS,
    pollMs: s.JOB_POLL_MS,
    concurrency: s.JOB_CONCURRENCY,
    leaseMs: w.jobLeaseMs,
  };
  const runner = new JobRunner(jobOptions);
  deps.wake = runner.wake;
  const app = createApp(deps, { llm: llmKind(s), mount: typeof w.mount === "function" ? w.mount(deps) : w.mount });
  return { deps, store, runner, jobOptions, app };
}
