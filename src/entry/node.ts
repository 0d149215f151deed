import { serve } from "@hono/node-server";
import { getConnInfo } from "@hono/node-server/conninfo";
import { importKnowledgeDir } from "../adapters/kb/import-dir.js";
import { jsonLogger } from "../adapters/log/json-logger.js";
import { smtpTransport } from "../adapters/mail/smtp-transport.js";
import { openSqlite } from "../adapters/storage/sqlite-node.js";
import { openAiVision } from "../adapters/vision/openai-vision.js";
import { sharpIntake } from "../adapters/vision/sharp-intake.js";
import { tesseractOcr } from "../adapters/vision/tesseract-ocr.js";
import { emailChannel, emailInboundConfig } from "../channels/email/email-channel.js";
import { imapPoller } from "../channels/email/imap-poller.js";
import { ConfigError, parseSettings, type Settings } from "../config/settings.js";
import { newId } from "../core/ids.js";
import { retentionJobKey } from "../core/privacy/retention.js";
import { llmFromSettings, llmKind, wire } from "./wire.js";

/** sharp + tesseract.js (offline) and, when a model is configured, the OpenAI vision reader. */
export function nodeVision(settings: Settings) {
  const intake = sharpIntake({ maxBytes: settings.IMAGE_MAX_BYTES, maxPixels: settings.IMAGE_MAX_PIXELS, maxSide: settings.IMAGE_MAX_SIDE, acceptHeic: false });
  const ocr = settings.OCR_ENABLED ? tesseractOcr({ timeoutMs: settings.OCR_TIMEOUT_MS }) : undefined;
  const model =
    settings.VISION_ENABLED && llmKind(settings) !== "offline"
      ? openAiVision({
          apiKey: settings.OPENAI_API_KEY,
          baseURL: settings.OPENAI_BASE_URL,
          model: settings.VISION_MODEL ?? settings.LLM_FAST_MODEL,
          fastEffort: settings.VISION_FAST_EFFORT,
          highEffort: settings.VISION_HIGH_EFFORT,
          timeoutMs: settings.LLM_TIMEOUT_MS,
          maxRetries: settings.LLM_MAX_RETRIES,
        })
      : undefined;
  return { intake, ocr, model };
}

/** Starts frontdesk on Node: SQLite, the knowledge import, the job loop and the HTTP server. */
export async function startNode(settings: Settings) {
  let retentionTimer: ReturnType<typeof setInterval> | undefined;
  const logger = jsonLogger(settings.LOG_LEVEL);
  const sqlite = openSqlite(settings.DATABASE_PATH, { busyTimeoutMs: settings.SQLITE_BUSY_TIMEOUT_MS });
  const llm = llmFromSettings(settings);
  if (llm)
    logger.info("llm.configured", {
      provider: llmKind(settings),
      api: settings.LLM_API,
      fast: settings.LLM_FAST_MODEL,
      high: settings.LLM_HIGH_MODEL ?? settings.LLM_FAST_MODEL,
    });
  const vision = nodeVision(settings);
  if (settings.SMTP_URL && !settings.EMAIL_FROM) throw new ConfigError(["EMAIL_FROM=unset: required when SMTP_URL is set (the address replies come from)"]);
  // Bolt (and Express under it) is loaded only when Slack is switched on.
  const slack =
    settings.SLACK_SIGNING_SECRET && settings.SLACK_BOT_TOKEN
      ? (await import("../channels/slack/node/slack-node.js")).createSlackNode({
          signingSecret: settings.SLACK_SIGNING_SECRET,
          botToken: settings.SLACK_BOT_TOKEN,
          reviewChannel: settings.SLACK_REVIEW_CHANNEL,
          apiUrl: settings.SLACK_API_URL,
          logger,
        })
      : undefined;
  if (!slack && (settings.SLACK_SIGNING_SECRET || settings.SLACK_BOT_TOKEN))
    logger.warn("slack.disabled", { reason: "set both SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN to enable Slack" });
  const smtp = settings.SMTP_URL ? smtpTransport(settings.SMTP_URL) : undefined;
  const { deps, store, runner, app } = wire({
    settings,
    db: sqlite.db,
    runBatch: sqlite.runBatch,
    logger,
    llm,
    vision,
    // Behind a reverse proxy the socket address is the proxy's; TRUST_PROXY takes the forwarded one.
    clientIp: (c) => (settings.TRUST_PROXY ? c.req.header("x-forwarded-for")?.split(",")[0]?.trim() : undefined) ?? getConnInfo(c).remote.address ?? "unknown",
    channels: [emailChannel(settings, { transport: smtp }), ...(slack ? [slack] : [])],
  });

  const kb = await importKnowledgeDir(store, settings.KNOWLEDGE_DIR);
  for (const error of kb.errors) logger.warn("kb.import_error", { error });
  logger.info("kb.imported", { created: kb.created, updated: kb.updated, unchanged: kb.unchanged, keptConsoleEdits: kb.keptConsoleEdits.length });

  // One process owns this database: anything "running" was cut off by a crash and is due again.
  const released = await store.releaseRunning(Date.now());
  if (released > 0) logger.warn("jobs.recovered", { count: released });
  runner.start();
  // Periodic work (Workers use a cron trigger): one retention job a day, deduplicated by date.
  const enqueueRetention = () =>
    store
      .enqueue({ id: newId(), kind: "retention", payload: {}, runAt: Date.now(), dedupeKey: retentionJobKey(Date.now()) }, Date.now())
      .catch((error) => logger.error("retention.enqueue_failed", { error: String(error) }));
  if (settings.ATTACHMENT_RETENTION_DAYS) {
    void enqueueRetention();
    retentionTimer = setInterval(enqueueRetention, 3600_000);
    retentionTimer.unref();
  }
  const imap = settings.IMAP_URL
    ? imapPoller({ url: settings.IMAP_URL, intervalMs: settings.IMAP_POLL_SECONDS * 1000, deps, config: emailInboundConfig(settings) })
    : undefined;
  imap?.start();
  // Loading the OCR engine takes seconds on a busy machine; do it now, not on the first receipt.
  if (settings.OCR_WARM_START) void vision.ocr?.warm().catch((error) => logger.warn("ocr.warm_failed", { error: String(error) }));

  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: settings.PORT, hostname: settings.HOST }, () => resolve(s));
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : settings.PORT;
  const url = `http://${settings.HOST}:${port}`;
  logger.info("server.listening", { url, llm: llmKind(settings) });

  const stop = async () => {
    clearInterval(retentionTimer);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await imap?.stop();
    await runner.stop();
    smtp?.close();
    await vision.ocr?.close();
    await slack?.drain();
    sqlite.close();
  };
  return { url, port, deps, store, runner, app, stop, sqlite, slack };
}

async function main() {
  let settings: Settings;
  try {
    settings = parseSettings(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const node = await startNode(settings);
  console.error(`frontdesk is running at ${node.url} (chat page at ${node.url}/)`);
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.error(`${signal}: shutting down`);
    await node.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
