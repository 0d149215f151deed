import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openSqlite } from "../../src/adapters/storage/sqlite-node.js";
import { parseSettings } from "../../src/config/settings.js";
import { ingestMessage } from "../../src/core/conversation/ingest.js";
import { wire } from "../../src/entry/wire.js";
import { silentLogger } from "../../src/ports/logger.js";
import { startChild } from "../helpers/child-server.js";
import { eventually, openChat, tempDir } from "../helpers/harness.js";

const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe("restart recovery on a real SQLite file", () => {
  it("loses nothing across SIGKILL and answers every message that was waiting, exactly once", async () => {
    const env = { DATABASE_PATH: join(tmp.dir, "frontdesk.db") };
    const first = await startChild(env);
    const answered = await openChat(first.url);
    await answered.send("How do I reset my password?");
    await eventually(async () => (await answered.messages()).messages.length === 3, 5000);
    // Killed right after accepting: the reply may or may not have been written before the kill.
    const racing = await openChat(first.url);
    await racing.send("How do I reset my password?");
    await first.kill("SIGKILL");

    // While the server is down: one message ingested but never picked up, one cut off mid-turn.
    const sqlite = openSqlite(env.DATABASE_PATH);
    const { deps, store } = wire({ settings: parseSettings({ LOG_LEVEL: "silent" }), db: sqlite.db, runBatch: sqlite.runBatch, logger: silentLogger });
    const waiting = await store.getConversation(answered.conversationId);
    await ingestMessage(deps, waiting!, { text: "And how do I turn on two-factor authentication?", attachments: [], channelMessageId: "waiting-1" });
    const cut = await openChat(first.url).catch(() => null);
    expect(cut).toBeNull(); // the server really is gone
    const midTurn = await store.getConversation(racing.conversationId);
    await ingestMessage(deps, midTurn!, { text: "I want to talk to a human", attachments: [], channelMessageId: "mid-turn" });
    const job = await store.claimNext(Date.now(), 10 * 60_000); // leased as if a worker had it when the process died
    expect(job).not.toBeNull();
    sqlite.close();

    const second = await startChild(env, first.port); // same address: the customers' clients keep working
    try {
      const a = await eventually(async () => {
        const m = await answered.messages();
        return m.messages.length === 6 ? m : undefined;
      }, 10_000);
      // Each answer is followed by "Did this answer your question?".
      expect(a.messages.map((m) => m.role)).toEqual(["customer", "assistant", "assistant", "customer", "assistant", "assistant"]);
      const r = await eventually(async () => {
        const m = await racing.messages();
        return m.status === "handed_off" && m.messages.some((x) => x.role === "system") ? m : undefined;
      }, 10_000);
      // The question was either answered before the kill, or it is still pending and joins the request
      // for a person in one turn: either way one handoff notice, and no answer after the request.
      const roles = r.messages.map((m) => m.role);
      expect([
        ["customer", "assistant", "assistant", "customer", "system"],
        ["customer", "customer", "system"],
      ]).toContainEqual(roles);
    } finally {
      await second.kill("SIGTERM");
    }
  }, 60_000);
});
