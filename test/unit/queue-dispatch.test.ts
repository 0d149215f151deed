import { describe, expect, it } from "vitest";
import { dispatchingStore, type JobMessage, MAX_QUEUE_DELAY_SECONDS, queueDelaySeconds, queueDispatcher } from "../../src/adapters/jobs/queue-dispatch.js";
import { silentLogger } from "../../src/ports/logger.js";
import type { Store } from "../../src/ports/store.js";

const clock = { now: () => 1_000_000 };

function recordingQueue(fail = false) {
  const batches: { body: JobMessage; delaySeconds?: number }[][] = [];
  return {
    batches,
    async sendBatch(messages: { body: JobMessage; delaySeconds?: number }[]) {
      if (fail) throw new Error("queue unavailable");
      batches.push(messages);
    },
  };
}

describe("queue dispatch", () => {
  it("sends ids only, delayed until the job is due and capped at the queue's 12 hours", () => {
    expect(queueDelaySeconds(1_000_000, 1_000_000)).toBe(0);
    expect(queueDelaySeconds(900_000, 1_000_000)).toBe(0);
    expect(queueDelaySeconds(1_000_001, 1_000_000)).toBe(1);
    expect(queueDelaySeconds(1_000_000 + 48 * 3600_000, 1_000_000)).toBe(MAX_QUEUE_DELAY_SECONDS);
  });

  it("splits more than 100 ids into several sendBatch calls", async () => {
    const queue = recordingQueue();
    const jobs = Array.from({ length: 250 }, (_, i) => ({ id: `j${i}`, runAt: 1_000_000 + 2_500 }));
    await queueDispatcher(queue, clock, silentLogger)(jobs);
    expect(queue.batches.map((b) => b.length)).toEqual([100, 100, 50]);
    expect(queue.batches[0]?.[0]).toEqual({ body: { jobId: "j0" }, delaySeconds: 3 });
  });

  it("keeps the customer's write when the queue is down: the failure is logged for the sweep", async () => {
    const warnings: string[] = [];
    const logger = { ...silentLogger, warn: (event: string) => void warnings.push(event) };
    await expect(queueDispatcher(recordingQueue(true), clock, logger)([{ id: "j1", runAt: 0 }])).resolves.toBeUndefined();
    expect(warnings).toEqual(["jobs.dispatch_failed"]);
  });

  it("rings for a new inbound job after the write, and not for a duplicate message", async () => {
    const order: string[] = [];
    let duplicate = false;
    const store = {
      appendInbound: async () => {
        order.push("write");
        return { messageId: "m1", duplicate };
      },
    } as unknown as Store;
    const wrapped = dispatchingStore(store, async (jobs) => void order.push(`send:${jobs.map((j) => j.id).join(",")}`));
    const input = { conversationId: "c1", message: {} as never, attachments: [], job: { id: "job1", kind: "turn", payload: {}, runAt: 0 } };
    await wrapped.appendInbound(input);
    duplicate = true;
    await wrapped.appendInbound(input);
    expect(order).toEqual(["write", "send:job1", "write"]);
  });

  it("rings for a turn's delivery and follow-up jobs, and for a retry at its new time", async () => {
    const sent: { id: string; runAt: number }[][] = [];
    const store = { applyOutcome: async () => {}, retry: async () => {}, decideDraft: async () => false } as unknown as Store;
    const wrapped = dispatchingStore(store, async (jobs) => void sent.push(jobs));
    await wrapped.applyOutcome(
      { conversationId: "c1", deliver: [{ outboxId: "o1", messageId: "m1", jobId: "d1" }], jobs: [{ id: "x1", kind: "draft_held", payload: {}, runAt: 7 }] },
      5,
    );
    await wrapped.retry("d1", "boom", 9_000, 5);
    // A draft decision that lost the race wrote nothing, so nothing is sent.
    await wrapped.decideDraft("dr1", "pending", {} as never, { conversationId: "c1", deliver: [{ outboxId: "o2", messageId: "m2", jobId: "d2" }] }, 5);
    expect(sent).toEqual([
      [
        { id: "d1", runAt: 5 },
        { id: "x1", runAt: 7 },
      ],
      [{ id: "d1", runAt: 9_000 }],
    ]);
  });
});
