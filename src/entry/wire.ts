import type { Hono } from "hono";
import { workersGuardedFetch } from "../adapters/http/guarded-fetch.js";
import { isBlockedAddress, isIpLiteral } from "../adapters/http/ip-ranges.js";
import { memoryLiveEvents } from "../adapters/live/memory-live.js";
import { openAiLlm } from "../adapters/llm/openai-llm.js";
import { actionRepo } from "../adapters/storage/action-repo.js";
import type { Db, RunBatch } from "../adapters/storage/db.js";
import { ftsSearch } from "../adapters/storage/fts-search.js";
import { identityRepo } from "../adapters/storage/identity-repo.js";
import { createStore } from "../adapters/storage/store.js";
import { type AppOptions, createApp } from "../channels/http/app.js";
import { metricsRoutes } from "../channels/http/routes/metrics.js";
import { webChannel } from "../channels/http/web-channel.js";
import { whatsappChannel } from "../channels/whatsapp/whatsapp-channel.js";
import type { Settings } from "../config/settings.js";
import { actionTools } from "../core/actions/action-tools.js";
import { attachmentReader } from "../core/attachments/read-attachment.js";
import { startOfUtcDay } from "../core/conversation/process-turn.js";
import type { CoreDeps } from "../core/deps.js";
import { coreJobHandlers, onDeadJob } from "../core/jobs/handlers.js";
import { jobPayload } from "../core/jobs/payloads.js";
import { type JobHandler, JobRunner, type JobRunnerOptions } from "../core/jobs/runner.js";
import { modelWarnings, priceTable } from "../core/llm/models.js";
import { observedStore } from "../core/observe/observed-store.js";
import { timedOcr } from "../core/observe/timed-ocr.js";
import { purgeOldAttachments } from "../core/privacy/retention.js";
import { type ModelResponderConfig, modelResponder } from "../core/responders/model/index.js";
import { offlineResponder } from "../core/responders/offline.js";
import type { Responder } from "../core/responders/responder.js";
import { parseRiskTopics } from "../core/triage/rules.js";
import { deliverWebhook } from "../core/webhooks/deliver-webhook.js";
import { parseWebhookEvents, WEBHOOK_JOB } from "../core/webhooks/events.js";
import { type ChannelModule, capabilityLookup } from "../ports/channel.js";
import type { ChannelSenders } from "../ports/channel-sender.js";
import { type Clock, systemClock } from "../ports/clock.js";
import type { GuardedFetch } from "../ports/guarded-fetch.js";
import type { JobQueue } from "../ports/job-queue.js";
import type { LiveEvents } from "../ports/live-events.js";
import type { Llm } from "../ports/llm.js";
import type { Logger } from "../ports/logger.js";
import { noMetrics } from "../ports/metrics.js";
import type { Store } from "../ports/store.js";
import type { ImageIntake, Ocr, VisionModel } from "../ports/vision.js";
import { type InsightsWiring, webhookTarget } from "./insights-wiring.js";

export type Mount = { path: string; app: Hono };

export type Wiring = InsightsWiring & {
  settings: Settings;
  db: Db;
  runBatch: RunBatch;
  logger: Logger;
  clock?: Clock;
  /** Outbound fetch for URLs from outside (media); Node passes its DNS-pinning one. Default: the runtime-agnostic guard. */
  http?: GuardedFetch;
  live?: LiveEvents;
  /** A model-backed responder; without one the offline responder answers. */
  responder?: Responder;
  /** A model client; with it (and no explicit responder) the fast/high model responder answers. */
  llm?: Llm;
  /** The channels whose parts differ per runtime (email: SMTP on Node; Slack: Bolt on Node, fetch on Workers). */
  channels?: ChannelModule[];
  /** Senders, job kinds and routes given directly, outside a channel module (tests wiring a channel by hand). */
  senders?: ChannelSenders;
  extraJobs?: Record<string, JobHandler> | ((deps: CoreDeps) => Record<string, JobHandler>);
  mount?: Mount[] | ((deps: CoreDeps) => Mount[]);
  /** Where new job ids go; the in-process runner by default (Workers: a Cloudflare Queue). */
  jobQueue?: JobQueue;
  /** Wraps the store before anything uses it (Workers: send job ids to a Queue after each write). */
  wrapStore?: (store: Store) => Store;
  /** Per-file limit; Workers sets it so an attachment's blob fits in one D1 row. */
  maxAttachmentBytes?: number;
  /** How long a claimed job is leased before another worker may take it over. */
  jobLeaseMs?: number;
  clientIp?: AppOptions["clientIp"];
  /** Outbound fetch for actions, built per runtime (Node pins checked DNS answers); the Workers-safe one by default. */
  guardedFetch?: (o: { allowPrivateNetwork: boolean }) => GuardedFetch;
  /** The process environment, read only for the names in ACTIONS_SECRETS, at call time. */
  secretEnv?: Record<string, string | undefined>;
  /** Image intake, OCR and an optional vision model; without them attachments are stored unread. */
  vision?: { intake: ImageIntake; ocr?: Ocr; model?: VisionModel };
};

export function llmKind(settings: Settings): "openai" | "compatible" | "offline" {
  if (!settings.OPENAI_API_KEY && !settings.OPENAI_BASE_URL) return "offline";
  return settings.OPENAI_BASE_URL && !settings.OPENAI_BASE_URL.includes("api.openai.com") ? "compatible" : "openai";
}

/** The model client both runtimes build from settings (the openai SDK runs on fetch), or none offline. */
export function llmFromSettings(settings: Settings): Llm | undefined {
  const kind = llmKind(settings);
  if (kind === "offline") return undefined;
  return openAiLlm({
    apiKey: settings.OPENAI_API_KEY,
    baseURL: settings.OPENAI_BASE_URL,
    api: settings.LLM_API,
    provider: kind,
    timeoutMs: settings.LLM_TIMEOUT_MS,
    maxRetries: settings.LLM_MAX_RETRIES,
  });
}

/** The APIs the operator configured for channels: the guarded fetch reaches them even on private addresses. */
export function trustedApiOrigins(s: Settings): string[] {
  return [s.SLACK_API_URL, s.WHATSAPP_API_URL].filter((u): u is string => Boolean(u)).map((u) => new URL(u).origin);
}

/** Builds the core dependencies, the job runner and the HTTP app for any runtime. */
export function wire(w: Wiring) {
  const s = w.settings;
  const base = createStore(w.db, w.runBatch);
  const metricsBackend = w.metrics?.(base);
  const metrics = metricsBackend ?? noMetrics;
  const webhook = webhookTarget(s, w.webhookHttp, metrics);
  // Outermost, so the events it adds to a write pass through wrapStore (Workers' queue dispatch) too.
  const store = observedStore(w.wrapStore ? w.wrapStore(base) : base, {
    metrics,
    webhooks: webhook ? new Set(parseWebhookEvents(s.WEBHOOK_EVENTS)) : undefined,
    now: () => (w.clock ?? systemClock).now(),
    notify: (ids) => deps.jobs.notify(ids),
  });
  const live = w.live ?? memoryLiveEvents();
  const offline = offlineResponder({ minScore: s.OFFLINE_MIN_SCORE, minMargin: s.OFFLINE_MIN_MARGIN });
  const search = ftsSearch(w.db);
  // Web chat is part of the HTTP app; channels that only need fetch are listed here.
  const channels = [
    webChannel,
    ...(w.channels ?? []),
    whatsappChannel(s, { logger: w.logger, http: w.http ?? workersGuardedFetch(trustedApiOrigins(s)) }),
  ].filter((c) => c !== undefined);
  const capabilities = capabilityLookup(channels);
  const actions = { repo: actionRepo(w.db, w.runBatch), runtime: actionsRuntime(s, w) };
  const loadActions = async () => actionTools({ ...actions, clock: w.clock ?? systemClock }, await actions.repo.listActions());
  const responder =
    w.responder ?? (w.llm ? buildModelResponder(s, w.llm, search, w.logger, w.clock ?? systemClock, (c) => capabilities(c).offPeakTier, loadActions) : offline);
  warnAboutModels(s, w.logger, w.clock ?? systemClock);
  const deps: CoreDeps = {
    store,
    search,
    live,
    clock: w.clock ?? systemClock,
    logger: w.logger,
    senders: {},
    capabilities,
    jobs: { notify: () => {} },
    actions,
    identities: identityRepo(w.db),
    responder,
    offline,
    policy: {
      reviewMode: s.REVIEW_MODE,
      confidenceThreshold: s.CONFIDENCE_THRESHOLD,
      dailyBudgetUsd: s.DAILY_BUDGET_USD,
      riskTopics: parseRiskTopics(s.RISK_TOPICS),
      maxMessageChars: s.MAX_MESSAGE_CHARS,
      maxAttachmentBytes: w.maxAttachmentBytes,
      customerTokenTtlMs: s.CUSTOMER_TOKEN_TTL_HOURS * 3600_000,
      identityVerificationSecret: s.IDENTITY_VERIFICATION_SECRET,
      jobMaxAttempts: s.JOB_MAX_ATTEMPTS,
      fragmentQuietMs: (channel) => (channel === "email" ? s.EMAIL_TURN_QUIET_MS : s.TURN_QUIET_MS),
    },
  };
  if (w.vision)
    deps.attachments = attachmentReader({
      store,
      logger: w.logger,
      clock: deps.clock,
      ...w.vision,
      ocr: w.vision.ocr ? timedOcr(w.vision.ocr, metrics) : undefined,
      limits: { maxBytes: s.IMAGE_MAX_BYTES, maxPixels: s.IMAGE_MAX_PIXELS, acceptHeic: false },
      redactPii: s.REDACT_PII,
      prices: priceTable(s.LLM_PRICES),
      overBudget: async () => s.DAILY_BUDGET_USD !== undefined && (await store.costSince(startOfUtcDay(deps.clock.now()))) >= s.DAILY_BUDGET_USD,
    });
  for (const channel of channels) if (channel.sender) deps.senders[channel.name] = channel.sender(deps);
  Object.assign(deps.senders, w.senders);
  const jobOptions: JobRunnerOptions = {
    store,
    handlers: coreJobHandlers(deps, {
      // Held drafts wait in the console; a channel that announces them to reviewers (Slack) replaces this.
      draft_held: async () => {},
      retention: async () => void (await purgeOldAttachments(deps, s.ATTACHMENT_RETENTION_DAYS)),
      [WEBHOOK_JOB]: async (job) => {
        if (!webhook) throw new Error("WEBHOOK_URL is not set any more; the event was not sent");
        await deliverWebhook(webhook, jobPayload("webhook", job).event);
      },
      ...Object.assign({}, ...channels.map((c) => c.jobs?.(deps) ?? {})),
      ...(typeof w.extraJobs === "function" ? w.extraJobs(deps) : w.extraJobs),
    }),
    onDead: onDeadJob(deps),
    clock: deps.clock,
    logger: w.logger,
    maxAttempts: s.JOB_MAX_ATTEMPTS,
    // A model turn may make several slow calls (triage, tool rounds, fast, high, each retried); the lease must outlast
    // them or the job would be claimed twice. Crashed jobs are released at start-up regardless.
    leaseMs: w.jobLeaseMs ?? (w.llm ? Math.max(120_000, s.LLM_TIMEOUT_MS * (s.LLM_MAX_RETRIES + 1) * (3 + 2 * s.LLM_MAX_TOOL_ROUNDS)) : undefined),
    pollMs: s.JOB_POLL_MS,
    concurrency: s.JOB_CONCURRENCY,
  };
  const runner = new JobRunner(jobOptions);
  deps.jobs = w.jobQueue ?? runner;
  const mount = [...((typeof w.mount === "function" ? w.mount(deps) : w.mount) ?? []), ...channels.flatMap((c) => c.routes?.(deps) ?? [])];
  if (s.METRICS_TOKEN && metricsBackend) mount.push({ path: "/metrics", app: metricsRoutes(s.METRICS_TOKEN, metricsBackend.render) });
  const app = createApp(deps, {
    llm: llmKind(s),
    mount,
    corsOrigins: s.CORS_ORIGINS,
    rateLimits: { perIpPerMinute: s.RATE_LIMIT_IP_PER_MINUTE, perTokenPerMinute: s.RATE_LIMIT_TOKEN_PER_MINUTE },
    clientIp: w.clientIp,
    authFailures: { perMinute: s.AUTH_FAILURES_PER_MINUTE },
    streams: { maxPerToken: s.SSE_MAX_STREAMS_PER_TOKEN, recheckMs: s.SSE_TOKEN_RECHECK_MS },
    staff: { adminApiKey: s.ADMIN_API_KEY, sessionSecret: s.CONSOLE_SESSION_SECRET, publicUrl: s.PUBLIC_URL },
  });
  return { deps, store, runner, jobOptions, app };
}

/** Every model the settings put to use, with the settings that name it (answers, images, embeddings). */
export function configuredModels(s: Settings): { model: string; settings: string[] }[] {
  const uses: [string, string | undefined][] = [];
  if (llmKind(s) !== "offline") {
    uses.push(["LLM_FAST_MODEL", s.LLM_FAST_MODEL], ["LLM_HIGH_MODEL", s.LLM_HIGH_MODEL ?? s.LLM_FAST_MODEL]);
    if (s.VISION_ENABLED) uses.push(["VISION_MODEL", s.VISION_MODEL ?? s.LLM_FAST_MODEL]);
  }
  // EMBEDDINGS_MODEL belongs to the retrieval settings; read loosely so this runs with or without them.
  const embeddings = (s as { EMBEDDINGS_MODEL?: unknown }).EMBEDDINGS_MODEL;
  if (typeof embeddings === "string" && embeddings) uses.push(["EMBEDDINGS_MODEL", embeddings]);
  const byModel = new Map<string, string[]>();
  for (const [setting, model] of uses) if (model) byModel.set(model, [...(byModel.get(model) ?? []), setting]);
  return [...byModel].map(([model, settings]) => ({ model, settings }));
}

/** Start-up warnings for every configured model that is retired, scheduled to retire, or has no price. */
export function warnAboutModels(s: Settings, logger: Logger, clock: Clock): void {
  const models = configuredModels(s);
  for (const w of modelWarnings(
    models.map((m) => m.model),
    priceTable(s.LLM_PRICES),
    clock.now(),
  ))
    logger.warn("llm.model_warning", { ...w, settings: models.find((m) => m.model === w.model)?.settings.join(",") });
}

/** The fast/high profiles and ladder from settings. */
function actionsRuntime(s: Settings, w: Wiring) {
  const allowPrivateNetwork = s.ACTIONS_ALLOW_PRIVATE_NETWORK;
  const env = w.secretEnv ?? {};
  return {
    http: (w.guardedFetch ?? ((o) => workersGuardedFetch([], o.allowPrivateNetwork)))({ allowPrivateNetwork }),
    secret: (name: string) => (s.ACTIONS_SECRETS.includes(name) ? env[name] : undefined),
    allowedSecrets: s.ACTIONS_SECRETS,
    timeoutMs: s.ACTIONS_TIMEOUT_MS,
    maxResponseBytes: s.ACTIONS_MAX_RESPONSE_BYTES,
    maxResultChars: s.ACTIONS_MAX_RESULT_CHARS,
    refusesHost: (host: string) =>
      !allowPrivateNetwork && (host === "localhost" || host.endsWith(".localhost") || (isIpLiteral(host) && isBlockedAddress(host))),
  };
}

/** The fast/high profiles and ladder from settings; warns about models that are unknown, unpriced or retired. */
export function buildModelResponder(
  s: Settings,
  llm: Llm,
  search: ReturnType<typeof ftsSearch>,
  logger: Logger,
  _clock: Clock,
  offPeakTier?: (channel: string) => boolean,
  actionTools?: ModelResponderConfig["actionTools"],
): Responder {
  const prices = priceTable(s.LLM_PRICES);
  const fast = { model: s.LLM_FAST_MODEL, effort: s.LLM_FAST_EFFORT };
  const high = { model: s.LLM_HIGH_MODEL ?? s.LLM_FAST_MODEL, effort: s.LLM_HIGH_EFFORT };
  return modelResponder({
    llm,
    search,
    prices,
    fast,
    high,
    confidenceThreshold: s.CONFIDENCE_THRESHOLD,
    retrievalMinScore: s.RETRIEVAL_MIN_SCORE,
    contextTokens: s.LLM_CONTEXT_TOKENS,
    maxToolRounds: s.LLM_MAX_TOOL_ROUNDS,
    asyncServiceTier: s.LLM_ASYNC_SERVICE_TIER,
    offPeakTier,
    streamHigh: s.REVIEW_MODE === "none",
    redactPii: s.REDACT_PII,
    logger: logger.child({ component: "model-responder" }),
    actionTools,
  });
}
