import { type JobRunnerOptions, runJob } from "../../core/jobs/runner.js";
import type { Store } from "../../ports/store.js";
import type { DispatchJobs } from "./queue-dispatch.js";

export type QueueJobContext = {
  store: Store;
  jobs: JobRunnerOptions;
  dispatch: DispatchJobs;
  leaseMs: number;
};

export type ConsumeResult = "ran" | "gone" | "finished" | "not_due" | "leased" | "lane_busy";

/** How soon a job whose lane was busy (another turn of its conversation running) rings again. */
const LANE_BUSY_RETRY_MS = 2000;

/**
 * Runs the job a queue message names, with the same handlers and retry rules as the Node loop.
 * The message is only a doorbell: the row decides. A redelivered or duplicate message finds the job
 * done or leased and does nothing, so at-least-once delivery never answers a customer twice.
 */
export async function consumeJobMessage(ctx: QueueJobContext, jobId: string): Promise<ConsumeResult> {
  const now = ctx.jobs.clock.now();
  const job = await ctx.store.getJob(jobId);
  if (!job) return "gone";
  if (job.status === "done" || job.status === "dead") return "finished";
  if (job.status === "queued" && job.runAt > now + 1000) {
    // Sent early (a delay over the queue's 12 h cap, or a sweep): ring again when it is due.
    await ctx.dispatch([{ id: job.id, runAt: job.runAt }]);
    return "not_due";
  }
  const claimed = await ctx.store.claim(jobId, now, ctx.leaseMs);
  if (!claimed) {
    // Still queued means its lane is busy: the running turn will have seen this message or left it to
    // this job, which must ring again rather than wait for the next sweep.
    if (job.status === "queued") {
      await ctx.dispatch([{ id: job.id, runAt: now + LANE_BUSY_RETRY_MS }]);
      return "lane_busy";
    }
    return "leased";
  }
  // runJob completes, re-queues with backoff (the dispatching store sends the delayed message) or buries.
  await runJob(ctx.jobs, claimed);
  return "ran";
}

/**
 * A message the queue gave up on (the consumer itself kept failing, e.g. D1 unreachable): the job is
 * buried and its dead-letter path runs, which hands a turn's conversation to a person.
 */
export async function deadLetterJobMessage(ctx: QueueJobContext, jobId: string, deliveries: number): Promise<"buried" | "gone" | "finished"> {
  const job = await ctx.store.getJob(jobId);
  if (!job) return "gone";
  if (job.status === "done" || job.status === "dead") return "finished";
  const error = `dead-lettered by the queue after ${deliveries} deliveries`;
  await ctx.store.bury(jobId, error, ctx.jobs.clock.now());
  await ctx.jobs.onDead(job, error);
  ctx.jobs.logger.error("job.dead_lettered", { jobId, kind: job.kind, deliveries });
  return "buried";
}

/** The scheduled sweep: re-sends due and lease-expired jobs whose message was lost or never sent. */
export async function sweepDueJobs(ctx: QueueJobContext, graceMs: number, limit = 500): Promise<number> {
  const due = await ctx.store.listDue(ctx.jobs.clock.now() - graceMs, limit);
  if (due.length > 0) await ctx.dispatch(due);
  return due.length;
}
