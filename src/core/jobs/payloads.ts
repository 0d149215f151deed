import { z } from "zod";
import type { Job } from "../types.js";
import { WEBHOOK_EVENT_TYPES } from "../webhooks/events.js";

/** What each job kind carries. Jobs outlive deploys, so a payload is checked when it is run, not trusted. */
export const JOB_PAYLOADS = {
  // A turn answers every pending message of its conversation; messageId names the one that queued it
  // (none when a conversation is handed back to the bot).
  turn: z.object({ conversationId: z.string().min(1), messageId: z.string().min(1).optional() }),
  deliver: z.object({ outboxId: z.string().min(1) }),
  draft_held: z.object({ draftId: z.string().min(1) }),
  retention: z.object({}),
  webhook: z.object({
    event: z.object({ id: z.string().min(1), type: z.enum(WEBHOOK_EVENT_TYPES), createdAt: z.string(), data: z.record(z.string(), z.unknown()) }),
  }),
} as const;

export type JobKind = keyof typeof JOB_PAYLOADS;
export type JobPayload<K extends JobKind> = z.infer<(typeof JOB_PAYLOADS)[K]>;

/** The job's payload as its kind's schema reads it; a malformed one fails the job with a clear message. */
export function jobPayload<K extends JobKind>(kind: K, job: Job): JobPayload<K> {
  const parsed = JOB_PAYLOADS[kind].safeParse(job.payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`job ${job.id} (${kind}) has a malformed payload: ${issue?.path.join(".") || "payload"} ${issue?.message ?? "is invalid"}`);
  }
  return parsed.data as JobPayload<K>;
}
