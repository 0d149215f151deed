import { serve } from "@hono/node-server";
import { importKnowledgeDir } from "../adapters/kb/import-dir.js";
import { jsonLogger } from "../adapters/log/json-logger.js";
import { openSqlite } from "../adapters/storage/sqlite-node.js";
import { ConfigError, parseSettings, type Settings } from "../config/settings.js";
import { wire } from "./wire.js";

/** Starts frontdesk on Node: SQLite, the knowledge import, the job loop and the HTTP server. */
export async function startNode(settings: Settings) {
  const logger = jsonLogger(settings.LOG_LEVEL);
  const sqlite = openSqlite(settings.DATABASE_PATH);
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
  const { deps, store, runner, app } = wire({
    settings,
    db: sqlite.db,
    runBatch: sqlite.runBatch,
    logger,
    ...(slack ? { senders: { slack: slack.sender }, extraJobs: slack.jobs, mount: [{ path: "/slack", app: slack.routes }] } : {}),
  });
  const slackRuntime = slack?.bind(deps);

  const kb = await importKnowledgeDir(store, settings.KNOWLEDGE_DIR);
  for (const error of kb.errors) logger.warn("kb.import_error", { error });
  logger.info("kb.imported", { created: kb.created, updated: kb.updated, unchanged: kb.unchanged, keptConsoleEdits: kb.keptConsoleEdits.length });

  // One process owns this database: anything "running" was cut off by a crash and is due again.
  const released = await store.releaseRunning(Date.now());
  if (released > 0) logger.warn("jobs.recovered", { count: released });
  runner.start();

  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: settings.PORT, hostname: settings.HOST }, () => resolve(s));
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : settings.PORT;
  const url = `http://${settings.HOST}:${port}`;
  logger.info("server.listening", { url, llm: app ? "ready" : "" });

  const stop = async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await runner.stop();
    await slackRuntime?.drain();
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
