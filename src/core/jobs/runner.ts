import type { Clock } from "../../ports/clock.js";
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
export async function runJob(o: JobRunnerOptions, job: Job): Promise<void> {
  const handler = o.handlers[job.kind];
  const log = o.logger.child({ jobId: job.id, kind: job.kind, attempt: job.attempts });
  try {
    if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
    await handler(job);
    await o.store.complete(job.id, o.clock.now());
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (job.attempts < o.maxAttempts) {
      const delay = error instanceof RetryLater && error.retryAfterMs ? error.retryAfterMs : (o.backoffMs ?? defaultBackoff)(job.attempts);
      log.warn("job.retry", { error: message, delayMs: Math.round(delay) });
      await o.store.retry(job.id, message, o.clock.now() + delay, o.clock.now());
      return;
    }
    log.error("job.dead", { error: message });
    await o.store.bury(job.id, message, o.clock.now());
    try {
      await o.onDead(job, message);
    } catch (deadError) {
      log.error("job.dead_handler_failed", { error: String(deadError) });
    }
  }
}

/** Polls the job table and runs due jobs, a few at a time. `wake()` skips the wait. */
export class JobRunner {
  private running = 0;
  private stopped = true;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inFlight = new Set<Promise<void>>();
  private pumping = false;

  constructor(private readonly o: JobRunnerOptions) {}

  start(): void {
    this.stopped = false;
    this.wake();
  }

  wake = (): void => {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    void this.pump();
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
    try {
      while (!this.stopped && this.running < (this.o.concurrency ?? 8)) {
        const job = await this.o.store.claimNext(this.o.clock.now(), this.o.leaseMs ?? 120_000);
        if (!job) break;
        this.running++;
        const p = runJob(this.o, job)
          .catch((e) => this.o.logger.error("job.runner_error", { error: String(e) }))
          .finally(() => {
            this.running--;
            this.inFlight.delete(p);
            this.wake();
          });
        this.inFlight.add(p);
      }
    } catch (error) {
      this.o.logger.error("job.poll_failed", { error: String(error) });
    } finally {
      this.pumping = false;
    }
    if (!this.stopped && !this.timer) this.timer = setTimeout(this.wake, this.o.pollMs ?? 250);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await Promise.allSettled([...this.inFlight]);
  }
}
