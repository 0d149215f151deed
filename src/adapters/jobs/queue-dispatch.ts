import type { Clock } from "../../ports/clock.js";
import type { Logger } from "../../ports/logger.js";
import type { Store, TurnOutcome } from "../../ports/store.js";

/** What goes on the queue: only the id. The jobs table holds the payload (Queue messages cap at 128 KB). */
export type JobMessage = { jobId: string };

/** The producer half of a Cloudflare Queue binding, structurally, so this file needs no Workers types. */
export interface JobQueueProducer {
  sendBatch(messages: { body: JobMessage; delaySeconds?: number }[]): Promise<unknown>;
}

/** Queues refuse delays over 12 hours; a later job is re-sent by the consumer until it is due. */
export const MAX_QUEUE_DELAY_SECONDS = 12 * 3600;
/** Queues take at most 100 messages per sendBatch. */
const MAX_SEND_BATCH = 100;

export type DispatchJobs = (jobs: { id: string; runAt: number }[]) => Promise<void>;

export function queueDelaySeconds(runAt: number, now: number): number {
  return Math.min(MAX_QUEUE_DELAY_SECONDS, Math.max(0, Math.ceil((runAt - now) / 1000)));
}

/**
 * Sends job ids to the queue. A failed send is logged, not thrown: the row is already durable and
 * the scheduled sweep re-sends every due job, so the customer's write still succeeds.
 */
export function queueDispatcher(queue: JobQueueProducer, clock: Clock, logger: Logger): DispatchJobs {
  return async (jobs) => {
    const now = clock.now();
    for (let i = 0; i < jobs.length; i += MAX_SEND_BATCH) {
      const chunk = jobs.slice(i, i + MAX_SEND_BATCH);
      try {
        await queue.sendBatch(chunk.map((j) => ({ body: { jobId: j.id }, delaySeconds: queueDelaySeconds(j.runAt, now) })));
      } catch (error) {
        logger.warn("jobs.dispatch_failed", { count: chunk.length, error: String(error), jobIds: chunk.map((j) => j.id) });
      }
    }
  };
}

function outcomeJobs(o: TurnOutcome, now: number) {
  return [...(o.deliver ?? []).map((d) => ({ id: d.jobId, runAt: now })), ...(o.jobs ?? []).map((j) => ({ id: j.id, runAt: j.runAt }))];
}

/**
 * The store, plus: every write that creates or re-schedules a job sends its id to the queue after
 * the D1 write has succeeded. The jobs table stays the source of truth; the queue is the doorbell.
 */
export function dispatchingStore(store: Store, dispatch: DispatchJobs): Store {
  return {
    ...store,
    async enqueue(job, now) {
      await store.enqueue(job, now);
      await dispatch([{ id: job.id, runAt: job.runAt }]);
    },
    async appendInbound(input) {
      const result = await store.appendInbound(input);
      if (!result.duplicate) await dispatch([{ id: input.job.id, runAt: input.job.runAt }]);
      return result;
    },
    async applyOutcome(outcome, now) {
      await store.applyOutcome(outcome, now);
      const jobs = outcomeJobs(outcome, now);
      if (jobs.length > 0) await dispatch(jobs);
    },
    async decideDraft(id, from, patch, outcome, now) {
      const won = await store.decideDraft(id, from, patch, outcome, now);
      const jobs = outcomeJobs(outcome, now);
      if (won && jobs.length > 0) await dispatch(jobs);
      return won;
    },
    async retry(id, error, runAt, now) {
      await store.retry(id, error, runAt, now);
      await dispatch([{ id, runAt }]);
    },
  };
}
