import { join } from "node:path";
import { createInterface } from "node:readline";
import { serve } from "@hono/node-server";
import Database from "better-sqlite3";
import { Hono } from "hono";
import { parseSettings } from "../src/config/settings.js";
import { startNode } from "../src/entry/node.js";
import { peakRssMb, repoRoot } from "./lib.js";
import { tempDir } from "./temp.js";

/**
 * A server under test in its own process: `frontdesk` (the real server, job loop included, fresh
 * database) or `baseline` (a bare Hono route inserting one row into SQLite with the same pragmas).
 * `frontdesk-accept-only` is the real server with its job loop stopped. Prints {"url"} when listening; on a "stop" line from stdin prints {"peakRssMb", "cpuMs"} and exits.
 * Extra environment (OPENAI_BASE_URL, …) passes through to the frontdesk settings.
 */
const mode = process.argv[2] ?? "frontdesk";
const tmp = tempDir(`frontdesk-bench-${mode}-`);
let stop: () => Promise<void>;
let url: string;

if (mode === "baseline") {
  const db = new Database(join(tmp.dir, "baseline.db"));
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.exec("create table messages (id text primary key, conversation_id text not null, text text not null, created_at integer not null)");
  const insert = db.prepare("insert into messages (id, conversation_id, text, created_at) values (?, ?, ?, ?)");
  let n = 0;
  const app = new Hono();
  app.post("/c/:id/messages", async (c) => {
    const body = (await c.req.json()) as { text: string };
    const id = `m${++n}`;
    insert.run(id, c.req.param("id"), body.text, Date.now());
    return c.json({ messageId: id }, 202);
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  const address = server.address();
  url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  stop = async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    db.close();
  };
} else {
  const node = await startNode(
    parseSettings({
      ...process.env,
      PORT: "0",
      HOST: "127.0.0.1",
      DATABASE_PATH: join(tmp.dir, "frontdesk.db"),
      KNOWLEDGE_DIR: join(repoRoot, "knowledge"),
      LOG_LEVEL: "silent",
      // 64 customers on one loopback address: the limiter still runs (its cost is measured) but
      // must not turn the load into 429s, which would measure the limit instead of the server.
      RATE_LIMIT_IP_PER_MINUTE: process.env.RATE_LIMIT_IP_PER_MINUTE ?? "1000000000",
      RATE_LIMIT_TOKEN_PER_MINUTE: process.env.RATE_LIMIT_TOKEN_PER_MINUTE ?? "1000000000",
    }),
  );
  url = node.url;
  stop = node.stop;
  // Only the accept path: messages are stored with their turn job, and nobody answers them.
  if (mode === "frontdesk-accept-only") await node.runner.stop();
  console.log(JSON.stringify({ url, responder: node.deps.responder.name }));
}
if (mode === "baseline") console.log(JSON.stringify({ url, responder: null }));

// CPU time from here to "stop" divided by the requests served is the server's cost per message:
// unlike msgs/s it barely moves when other work shares the machine.
const cpuAtReady = process.cpuUsage();
const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  if (line.trim() !== "stop") continue;
  const cpu = process.cpuUsage(cpuAtReady);
  await stop();
  tmp.cleanup();
  console.log(JSON.stringify({ peakRssMb: peakRssMb(), cpuMs: (cpu.user + cpu.system) / 1000 }));
  process.exit(0);
}
