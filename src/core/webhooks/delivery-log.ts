import type { CoreDeps } from "../deps.js";
import { notFound } from "../errors.js";
import { newId } from "../ids.js";
import { JOB_PAYLOADS } from "../jobs/payloads.js";
import { WEBHOOK_JOB } from "./events.js";

export type WebhookDelivery = {
  jobId: string;
  eventId: string;
  type: string;
  /** queued (waiting or between retries), running, done (delivered) or dead (gave up). */
  status: string;
  attempts: number;
  lastError: string | null;
  createdAt: number;
  updatedAt: number;
};

/** The newest webhook deliveries: one row per delivery job (a redelivery is a new row with the same event id). */
export async function listWebhookDeliveries(deps: Pick<CoreDeps, "store">, limit = 100): Promise<WebhookDelivery[]> {
  const jobs = await deps.store.listJobs({ kind: WEBHOOK_JOB, limit });
  return jobs.map((j) => {
    const parsed = JOB_PAYLOADS.webhook.safeParse(j.payload);
    return {
      jobId: j.id,
      eventId: parsed.success ? parsed.data.event.id : "",
      type: parsed.success ? parsed.data.event.type : "unknown",
      status: j.status,
      attempts: j.attempts,
      lastError: j.lastError,
      createdAt: j.createdAt,
      updatedAt: j.updatedAt,
    };
  });
}

/** Sends an event again as it was first sent (same event id and body, signed anew), in a new job. */
export async function redeliverWebhook(deps: Pick<CoreDeps, "store" | "clock" | "jobs">, jobId: string): Promise<{ jobId: string }> {
  const job = await deps.store.getJob(jobId);
  if (!job || job.kind !== WEBHOOK_JOB) throw notFound("Webhook delivery");
  const now = deps.clock.now();
  const id = newId();
  await deps.store.enqueue({ id, kind: WEBHOOK_JOB, payload: job.payload, runAt: now }, now);
  await deps.jobs.notify([id]);
  return { jobId: id };
}
