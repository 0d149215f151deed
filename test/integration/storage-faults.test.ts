import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { startFakeOpenAI } from "../helpers/fake-openai.js";
import { eventually, openChat, startTestServer } from "../helpers/harness.js";

/** The server's own log lines (LOG_LEVEL=warn writes warn and error to stderr through console.error). */
let logged: string[] = [];
beforeEach(() => {
  logged = [];
  vi.spyOn(console, "error").mockImplementation((line: unknown) => void logged.push(String(line)));
});
afterEach(() => vi.restoreAllMocks());
const events = (name: string) =>
  logged
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .filter((e) => e.event === name);

describe("the disk is full", () => {
  it("answers a web chat message with 503 and its error body, stores nothing, and takes messages again once there is room", async () => {
    const server = await startTestServer({ LOG_LEVEL: "warn" });
    try {
      const chat = await openChat(server.url);
      await chat.send("How do I reset my password?");
      // The answer and "Did this answer your question?".
      await eventually(async () => (await chat.messages()).messages.length === 3);
      const db = server.sqlite.sqlite;
      const jobsBefore = await server.store.counts();
      // SQLite's page limit on the server's own connection behaves like a disk with no space left.
      db.exec("VACUUM");
      db.pragma(`max_page_count = ${db.pragma("page_count", { simple: true })}`);

      const full = await chat.send(`And how do I turn on two-factor authentication? ${"Here is everything I tried. ".repeat(250)}`);
      expect(full.status).toBe(503);
      expect(full.headers.get("retry-after")).toBe("30");
      expect(full.json).toEqual({ error: { code: "unavailable", message: expect.stringContaining("try again"), requestId: expect.any(String) } });
      expect(await server.store.listMessages(chat.conversationId)).toHaveLength(3);
      expect(await server.store.counts()).toEqual(jobsBefore);
      expect(events("storage.unavailable")).toEqual([
        expect.objectContaining({ level: "error", reason: "full", requestId: full.json.error && (full.json.error as { requestId: string }).requestId }),
      ]);

      db.pragma("max_page_count = 1073741823");
      const roomAgain = await chat.send("And how do I turn on two-factor authentication?");
      expect(roomAgain.status).toBe(202);
      const after = await eventually(async () => {
        const m = await chat.messages();
        return m.messages.length === 6 ? m : undefined;
      });
      expect(after.messages.filter((m) => m.role === "customer")).toHaveLength(2);
    } finally {
      await server.stop();
    }
  });
});

describe("another process holds the database's write lock", () => {
  it("refuses new messages with a quick 503 while the lock is held, and the running turn retries and answers once", async () => {
    let locker: Database.Database | undefined;
    let lockedAt = 0;
    const HOLD_MS = 1500;
    const fake = await startFakeOpenAI({
      handler: (req) => {
        // The first answer call takes the lock, so the turn cannot write its outcome (nor its retry) for a while.
        if (req.format === "answer" && !locker) {
          locker = new Database(server.settings.DATABASE_PATH);
          locker.exec("BEGIN IMMEDIATE");
          lockedAt = Date.now();
          setTimeout(() => locker?.exec("ROLLBACK"), HOLD_MS);
        }
        return undefined;
      },
    });
    const server = await startTestServer({
      LOG_LEVEL: "warn",
      OPENAI_API_KEY: "sk-test",
      OPENAI_BASE_URL: fake.url,
      RETRIEVAL_MIN_SCORE: "2",
      REVIEW_MODE: "none",
      SQLITE_BUSY_TIMEOUT_MS: "150",
    });
    try {
      const waiting = await openChat(server.url);
      const other = await openChat(server.url);
      expect((await waiting.send("How do I reset my password?")).status).toBe(202);
      await eventually(() => lockedAt > 0);

      const started = Date.now();
      const refused = await other.send("How do I export my data?");
      const took = Date.now() - started;
      expect(refused.status).toBe(503);
      expect((refused.json.error as { code: string }).code).toBe("unavailable");
      expect(refused.headers.get("retry-after")).toBe("2");
      expect(Date.now()).toBeLessThan(lockedAt + HOLD_MS); // answered while the lock was still held, not after it
      expect(took).toBeLessThan(1000);
      expect(await server.store.listMessages(other.conversationId)).toHaveLength(0);

      const done = await eventually(
        async () => {
          const m = await waiting.messages();
          return m.messages.length >= 3 ? m : undefined;
        },
        15_000,
        50,
      );
      expect(done.messages.map((m) => m.role)).toEqual(["customer", "assistant", "assistant"]);
      expect(events("storage.unavailable")).toEqual([expect.objectContaining({ level: "warn", reason: "locked", path: expect.stringContaining("/messages") })]);
      const retry = events("job.retry");
      expect(retry).toEqual([expect.objectContaining({ kind: "turn", error: expect.stringMatching(/locked/), delayMs: expect.any(Number) })]);
      expect(events("job.settle_deferred")).toEqual([expect.objectContaining({ what: "retry" })]);
      expect(events("job.poll_failed").length).toBeGreaterThan(0);
      // The locked poll backs off instead of spinning: doubling waits, far fewer polls than JOB_POLL_MS would allow.
      const waits = events("job.poll_failed").map((e) => e.retryInMs as number);
      expect(waits).toEqual([...waits].sort((a, b) => a - b));
      expect(waits.length).toBeLessThan(HOLD_MS / 20 / 4);
      // After the lock is gone the same message can be sent again and is answered.
      expect((await other.send("How do I export my data?")).status).toBe(202);
      await eventually(async () => (await other.messages()).messages.length === 3, 10_000);
    } finally {
      await server.stop();
      await fake.close();
      locker?.close();
    }
  }, 30_000);
});
