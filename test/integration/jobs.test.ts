import { afterEach, describe, expect, it } from "vitest";
import { openSqlite } from "../../src/adapters/storage/sqlite-node.js";
import { parseSettings } from "../../src/config/settings.js";
import { conversationForThread, ingestMessage } from "../../src/core/conversation/ingest.js";
import { startWebConversation } from "../../src/core/conversation/web-chat.js";
import { JobRunner } from "../../src/core/jobs/runner.js";
import { wire } from "../../src/entry/wire.js";
import { silentLogger } from "../../src/ports/logger.js";
import { tempDir } from "../helpers/harness.js";

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function setup(env: Record<string, string> = {}) {
  const tmp = tempDir();
  const sqlite = openSqlite(`${tmp.dir}/jobs.db`);
  cleanups.push(() => {
    sqlite.close();
    tmp.cleanup();
  });
  let now = Date.UTC(2026, 10, 22, 12);
  const clock = { now: () => now };
  const settings = parseSettings({ LOG_LEVEL: "silent", JOB_MAX_ATTEMPTS: "3", ...env });
  const wired = wire({ settings, db: sqlite.db, runBatch: sqlite.runBatch, logger: silentLogger, clock });
  return { ...wired, advance: (ms: number) => (now += ms), clock };
}

describe("durable jobs", () => {
  it("retries a failing job with growing backoff, then dead-letters it once", async () => {
    const { store, clock, advance } = setup();
    const attempts: number[] = [];
    const dead: string[] = [];
    const runner = new JobRunner({
      store,
      clock,
      logger: silentLogger,
      maxAttempts: 3,
      backoffMs: (n) => 1000 * 2 ** n,
      handlers: {
        flaky: async (job) => {
          attempts.push(job.attempts);
          throw new Error(`boom ${job.attempts}`);
        },
      },
      onDead: async (job, error) => {
        dead.push(`${job.id}:${error}`);
      },
    });
    await store.enqueue({ id: "j1", kind: "flaky", payload: {}, runAt: clock.now() }, clock.now());
    await runner.drain();
    expect(attempts).toEqual([1]);
    advance(1999);
    await runner.drain();
    expect(attempts).toEqual([1]); // not due before its backoff
    advance(1);
    await runner.drain();
    expect(attempts).toEqual([1, 2]);
    advance(8000);
    await runner.drain();
    expect(attempts).toEqual([1, 2, 3]);
    expect(dead).toEqual(["j1:boom 3"]);
    advance(60_000);
    await runner.drain();
    expect(attempts).toHaveLength(3);
    expect(await store.counts()).toEqual({ dead: 1 });
  });

  it("hands the conversation to a person when a turn keeps failing, so the message is never left unanswered", async () => {
    const { deps, store, runner, advance } = setup();
    deps.search = {
      search: async () => {
        throw new Error("disk I/O error");
      },
    };
    const { conversationId } = await startWebConversation(deps, {});
    const conversation = await store.getConversation(conversationId);
    await ingestMessage(deps, conversation!, { text: "How do I reset my password?", attachments: [], channelMessageId: "m1" });
    for (let i = 0; i < 5; i++) {
      await runner.drain();
      advance(120_000);
    }
    const after = await store.getConversation(conversationId);
    expect(after?.status).toBe("handed_off");
    expect(after?.handoffReason).toContain("disk I/O error");
    const messages = await store.listMessages(conversationId);
    expect(messages.map((m) => m.role)).toEqual(["customer", "system"]);
    expect(messages[1]?.text).toMatch(/something went wrong on our side/);
  });

  it("does not answer the same message twice when a turn job runs again", async () => {
    const { deps, store, runner } = setup();
    const { conversationId } = await startWebConversation(deps, {});
    const conversation = await store.getConversation(conversationId);
    const { messageId } = await ingestMessage(deps, conversation!, { text: "How do I reset my password?", attachments: [], channelMessageId: "m1" });
    await runner.drain();
    await store.enqueue({ id: "again", kind: "turn", payload: { conversationId, messageId }, runAt: 0 }, 0);
    await runner.drain();
    // (No articles are loaded here, so the one reply is a handoff notice.)
    expect((await store.listMessages(conversationId)).filter((m) => m.role !== "customer")).toHaveLength(1);
    expect(await store.listTurns(conversationId)).toHaveLength(1);
  });

  it("hands the conversation to a person when its channel has no sender, instead of dropping the reply", async () => {
    const { deps, store, runner } = setup();
    const conversation = await conversationForThread(deps, { channel: "email", threadKey: "t1", sender: { externalId: "ana@example.com" } });
    await ingestMessage(deps, conversation, { text: "I want to talk to a human", attachments: [], channelMessageId: "e1" });
    await runner.drain();
    const after = await store.getConversation(conversation.id);
    expect(after?.status).toBe("handed_off");
    expect(after?.handoffReason).toMatch(/delivery_failed: channel email has no sender/);
  });

  it("leases a claimed job so a second worker cannot take it until the lease expires", async () => {
    const { store, clock, advance } = setup();
    await store.enqueue({ id: "j", kind: "x", payload: {}, runAt: clock.now() }, clock.now());
    expect((await store.claimNext(clock.now(), 1000))?.id).toBe("j");
    expect(await store.claimNext(clock.now(), 1000)).toBeNull();
    advance(1001);
    expect((await store.claimNext(clock.now(), 1000))?.attempts).toBe(2);
  });

  it("hands out due deliveries before older turns, so written answers are not stuck behind model calls", async () => {
    const { store, clock, advance } = setup();
    await store.enqueue({ id: "turn-1", kind: "turn", payload: {}, runAt: clock.now() }, clock.now());
    advance(10);
    await store.enqueue({ id: "turn-2", kind: "turn", payload: {}, runAt: clock.now() }, clock.now());
    advance(10);
    await store.enqueue({ id: "deliver-1", kind: "deliver", payload: {}, runAt: clock.now() }, clock.now());
    await store.enqueue({ id: "deliver-later", kind: "deliver", payload: {}, runAt: clock.now() + 60_000 }, clock.now());
    const order: string[] = [];
    for (let job = await store.claimNext(clock.now(), 60_000); job; job = await store.claimNext(clock.now(), 60_000)) order.push(job.id);
    expect(order).toEqual(["deliver-1", "turn-1", "turn-2"]); // a delivery that is not due yet still waits
  });

  it("runs the jobs of one lane one at a time, while other lanes go on", async () => {
    const { store, clock, advance } = setup();
    const at = clock.now();
    await store.enqueue({ id: "a1", kind: "turn", payload: {}, runAt: at, lane: "conversation:a" }, at);
    await store.enqueue({ id: "a2", kind: "turn", payload: {}, runAt: at, lane: "conversation:a" }, at);
    await store.enqueue({ id: "b1", kind: "turn", payload: {}, runAt: at + 1, lane: "conversation:b" }, at);
    advance(5);
    expect((await store.claimNext(clock.now(), 1000))?.id).toBe("a1");
    // a2 is older than b1, but its lane is busy: b1 goes first, then nothing until a1 is done.
    expect((await store.claimNext(clock.now(), 1000))?.id).toBe("b1");
    expect(await store.claimNext(clock.now(), 1000)).toBeNull();
    expect(await store.claim("a2", clock.now(), 1000)).toBeNull();
    await store.complete("a1", clock.now());
    expect((await store.claim("a2", clock.now(), 1000))?.id).toBe("a2");
  });

  it("frees a lane when its running job's lease runs out, and lets only one worker take it over", async () => {
    const { store, clock, advance } = setup();
    await store.enqueue({ id: "a1", kind: "turn", payload: {}, runAt: clock.now(), lane: "conversation:a" }, clock.now());
    await store.enqueue({ id: "a2", kind: "turn", payload: {}, runAt: clock.now(), lane: "conversation:a" }, clock.now());
    expect((await store.claimNext(clock.now(), 1000))?.id).toBe("a1");
    advance(1001); // the worker running a1 died
    const taken = await store.claimNext(clock.now(), 1000);
    expect(["a1", "a2"]).toContain(taken?.id);
    expect(await store.claimNext(clock.now(), 1000)).toBeNull();
  });
});
