import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { workersGuardedFetch } from "../../src/adapters/http/guarded-fetch.js";
import { importKnowledgeDir } from "../../src/adapters/kb/import-dir.js";
import { jsonLogger } from "../../src/adapters/log/json-logger.js";
import { openSqlite } from "../../src/adapters/storage/sqlite-node.js";
import { DEFAULT_FILE_HOSTS, memoryPlaceholders, type SlackContext } from "../../src/channels/slack/context.js";
import { directDispatch } from "../../src/channels/slack/dispatch.js";
import { fetchSlackApi } from "../../src/channels/slack/fetch-api.js";
import { draftHeldHandler } from "../../src/channels/slack/review.js";
import { slackRoutes } from "../../src/channels/slack/routes.js";
import { slackSender } from "../../src/channels/slack/slack-sender.js";
import { signSlackRequest } from "../../src/channels/slack/verify-signature.js";
import { parseSettings } from "../../src/config/settings.js";
import type { CoreDeps } from "../../src/core/deps.js";
import { wire } from "../../src/entry/wire.js";
import { type FakeSlack, startFakeSlack } from "../helpers/fake-slack.js";
import { repoRoot, tempDir } from "../helpers/harness.js";

// The wiring the Workers entry needs: routes + directDispatch + fetch API, no Bolt, no node:http.
const SECRET = "direct-secret";
const TOKEN = "xoxb-direct";
let slack: FakeSlack;
const tmp = tempDir();
const sqlite = openSqlite(join(tmp.dir, "db.sqlite"));
let w: ReturnType<typeof wire>;

beforeAll(async () => {
  slack = await startFakeSlack({ botToken: TOKEN });
  const api = fetchSlackApi({ botToken: TOKEN, apiUrl: slack.apiUrl, http: workersGuardedFetch([slack.url]) });
  let ctx: SlackContext | undefined;
  const need = () => ctx!;
  const logger = jsonLogger("silent");
  const routes = slackRoutes({ signingSecret: SECRET, clock: { now: () => Date.now() }, logger, dispatch: (r, m) => directDispatch(need())(r, m) });
  w = wire({
    settings: parseSettings({ DATABASE_PATH: ":memory:", REVIEW_MODE: "all", TURN_QUIET_MS: "0" }),
    db: sqlite.db,
    runBatch: sqlite.runBatch,
    logger,
    senders: { slack: { send: (i) => slackSender(need()).send(i) } },
    extraJobs: { draft_held: (j) => draftHeldHandler(need())(j) },
    mount: [{ path: "/slack", app: routes }],
  });
  await importKnowledgeDir(w.store, join(repoRoot, "knowledge"));
  ctx = {
    deps: w.deps as CoreDeps,
    api,
    reviewChannel: "CREV",
    placeholders: memoryPlaceholders(),
    fileHosts: [...DEFAULT_FILE_HOSTS, new URL(slack.url).host],
    maxFileBytes: 1 << 20,
    background: () => {},
  };
});
afterAll(async () => {
  sqlite.close();
  tmp.cleanup();
  await slack.close();
});

it("runs a DM through the Workers-style path: signed request, stored turn, reply and review post over fetch", async () => {
  const body = JSON.stringify({
    type: "event_callback",
    event_id: "EvDirect1",
    authorizations: [{ user_id: "UBOT", is_bot: true }],
    event: {
      type: "message",
      channel_type: "im",
      channel: "D1",
      user: "U1",
      text: "My account is locked after too many sign-in attempts, it says TB-1101. How long does the lock last?",
      ts: "1763000000.000001",
    },
  });
  const ts = Math.floor(Date.now() / 1000);
  const res = await w.app.request("/slack/events", {
    method: "POST",
    headers: { "content-type": "application/json", "x-slack-request-timestamp": String(ts), "x-slack-signature": await signSlackRequest(SECRET, ts, body) },
    body,
  });
  expect(res.status).toBe(200);
  await w.runner.drain();
  expect(slack.called("chat.postMessage").map((c) => [c.args.channel, c.args.thread_ts ?? null])).toEqual(
    expect.arrayContaining([
      ["D1", "1763000000.000001"],
      ["CREV", null],
    ]),
  );
  const bad = await w.app.request("/slack/events", { method: "POST", headers: { "content-type": "application/json" }, body });
  expect(bad.status).toBe(401);
});

it("posts choices as Block Kit buttons, and a press answers as the customer's pick", async () => {
  const sign = async (body: string, contentType: string) => {
    const ts = Math.floor(Date.now() / 1000);
    return w.app.request("/slack/events", {
      method: "POST",
      headers: { "content-type": contentType, "x-slack-request-timestamp": String(ts), "x-slack-signature": await signSlackRequest(SECRET, ts, body) },
      body,
    });
  };
  const event = {
    type: "event_callback",
    event_id: "EvChoice1",
    authorizations: [{ user_id: "UBOT", is_bot: true }],
    event: { type: "message", channel_type: "im", channel: "D2", user: "U2", text: "question about my bill", ts: "1763000100.000001" },
  };
  expect((await sign(JSON.stringify(event), "application/json")).status).toBe(200);
  await w.runner.drain();
  // The reply replaces the "looking into it" placeholder, or is posted when there is none.
  const posted = [...slack.called("chat.update"), ...slack.called("chat.postMessage")].find((c) => c.args.channel === "D2" && c.args.blocks);
  const blocks = posted?.args.blocks as { type: string; elements?: { action_id: string; value: string }[] }[];
  const buttons = blocks.find((b) => b.type === "actions")?.elements ?? [];
  expect(buttons.length).toBeGreaterThanOrEqual(2);
  expect(buttons.at(-1)?.value).toBe("None of these");
  const press = {
    type: "block_actions",
    user: { id: "U2" },
    channel: { id: "D2" },
    container: { type: "message", channel_id: "D2", message_ts: "1763000101.000100", thread_ts: "1763000100.000001" },
    message: { ts: "1763000101.000100", thread_ts: "1763000100.000001", text: "I found a few help articles" },
    actions: [{ action_id: buttons[0]?.action_id, value: buttons[0]?.value, action_ts: "1763000102.000300" }],
    trigger_id: "T1",
  };
  expect((await sign(`payload=${encodeURIComponent(JSON.stringify(press))}`, "application/x-www-form-urlencoded")).status).toBe(200);
  const conversation = await w.store.findConversationByThread("slack", "D2:1763000100.000001");
  let messages = await w.store.listMessages(conversation!.id);
  for (let i = 0; i < 50 && !messages.some((m) => m.role === "customer" && m.text === buttons[0]?.value); i++) {
    await new Promise((r) => setTimeout(r, 20));
    messages = await w.store.listMessages(conversation!.id);
  }
  await w.runner.drain();
  // REVIEW_MODE=all here: the answer from the picked article waits for review, citing it.
  const drafts = await w.store.listDrafts({ conversationId: conversation!.id });
  expect(drafts.map((d) => d.citations.map((c) => c.title))).toEqual([[buttons[0]?.value]]);
});
