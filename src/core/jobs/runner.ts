import type { Clock } from "../../ports/clock.js";
import type { JobQueue } from "../../ports/job-queue.js";
import type { Logger } from "../../ports/logger.js";
import type { JobStore } from "../../ports/store.js";
import { RetryLater } from "../delivery/deliver.js";
import type { Job } from "../types.js";

export type JobHandler = (job: Job) => Promise<void>;

export type JobRunnerOptions = {
  store: JobStore;
  handlers: Record<string, JobHandler>;
  /** Called once when a job has failed its last attempt: the dead-letter path. */
  onDead: (job: Job, error: string) => Promise<void>;
  clock: Clock;
  logger: Logger;
  maxAttempts: number;
  leaseMs?: number;
  concurrency?: number;
  pollMs?: number;
  /** Delay before attempt n+1; exponential with jitter by default. */
  backoffMs?: (attempt: number) => number;
};

export const defaultBackoff = (attempt: number) => Math.min(60_000, 500 * 2 ** (attempt - 1)) * (0.75 + Math.random() * 0.5);

/** Runs one claimed job to its end state: done, queued again with backoff, or dead. */
export async function runJob(o: JobRunnerOptions, job: Job, deferWrite?: (write: () => Promise<unknown>) => void): Promise<void> {
  const handler = o.handlers[job.kind];
  const log = o.logger.child({ jobId: job.id, kind: job.kind, attempt: job.attempts });
  // When the database itself is what failed (locked, full), recording the outcome can fail too: the runner
  // keeps that write and repeats it once the database answers, instead of leaving the job leased for minutes.
  const settle = async (what: string, write: () => Promise<unknown>) => {
    try {
      await write();
    } catch (error) {
      if (!deferWrite) throw error;
      log.warn("job.settle_deferred", { what, error: error instanceof Error ? error.message : String(error) });
      deferWrite(write);
    }
  };
  let failure: string | null = null;
  let retryAfterMs: number | undefined;
  try {
    if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
    await handler(job);
  } catch (error) {
    failure = error instanceof Error ? error.message : String(error);
    if (error instanceof RetryLater) retryAfterMs = error.retryAfterMs;
  }
  if (failure === null) return settle("complete", () => o.store.complete(job.id, o.clock.now()));
  if (job.attempts < o.maxAttempts) {
    const delay = retryAfterMs ?? (o.backoffMs ?? defaultBackoff)(job.attempts);
    log.warn("job.retry", { error: failure, delayMs: Math.round(delay) });
    const runAt = o.clock.now() + delay;
    return settle("retry", () => o.store.retry(job.id, failure, runAt, o.clock.now()));
  }
  log.error("job.dead", { error: failure });
  await settle("bury", () => o.store.bury(job.id, failure, o.clock.now()));
  try {
    await o.onDead(job, failure);
  } catch (deadError) {
    log.error("job.dead_handler_failed", { error: String(deadError) });
  }
}

/** Polls the job table and runs due jobs, a few at a time; as the Node job queue, `notify()` skips the wait. */
export class JobRunner implements JobQueue {
  private running = 0;
  private stopped = true;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inFlight = new Set<Promise<void>>();
  private pumping = false;
  /** Outcome writes that failed because the database was unavailable; repeated before the next claim. */
  private deferred: (() => Promise<unknown>)[] = [];
  /** Consecutive failed polls: the wait doubles with each, so a locked database is not hammered. */
  private failures = 0;
  private backingOff = false;

  constructor(private readonly o: JobRunnerOptions) {}

  start(): void {
    this.stopped = false;
    this.poll();
  }

  notify = (_jobIds?: string[]): void => this.poll();

  private poll = (): void => {
    if (this.stopped) return;
    // Backing off after a failed poll: a finished job or a new message must not cut the wait short.
    if (this.backingOff) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    void this.pump();
  };

  private fire = (): void => {
    this.timer = undefined;
    this.backingOff = false;
    this.poll();
  };

  /** Claims and runs until nothing is due; tests call it to drain the queue deterministically. */
  async drain(): Promise<void> {
    for (;;) {
      const job = await this.o.store.claimNext(this.o.clock.now(), this.o.leaseMs ?? 120_000);
      if (!job) return;
      await runJob(this.o, job);
    }
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    let delay = this.o.pollMs ?? 250;
    try {
      while (this.deferred.length > 0) {
        await (this.deferred[0] as () => Promise<unknown>)();
        this.deferred.shift();
      }
      while (!this.stopped && this.running < (this.o.concurrency ?? 8)) {
        const job = await this.o.store.claimNext(this.o.clock.now(), this.o.leaseMs ?? 120_000);
        if (!job) break;
        this.running++;
        const p = runJob(this.o, job, (write) => this.deferred.push(write))
          .catch((e) => this.o.logger.error("job.runner_error", { error: String(e) }))
          .finally(() => {
            this.running--;
            this.inFlight.delete(p);
            this.poll();
          });
        this.inFlight.add(p);
      }
      if (this.failures > 0) this.o.logger.info("job.poll_recovered", { failures: this.failures });
      this.failures = 0;
    } catch (error) {
      this.failures++;
      delay = Math.min(10_000, delay * 2 ** this.failures);
      this.backingOff = true;
      this.o.logger.error("job.poll_failed", { error: error instanceof Error ? error.message : String(error), failures: this.failures, retryInMs: delay });
    } finally {
      this.pumping = false;
    }
    if (!this.stopped && !this.timer) this.timer = setTimeout(this.fire, delay);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await Promise.allSettled([...this.inFlight]);
  }
}
