import type { Channel, Draft, Job, Role } from "../core/types.js";
import type { JobStatus } from "./store.js";

/** A job as the delivery log shows it. */
export type JobRecord = Job & { status: JobStatus; lastError: string | null; createdAt: number; updatedAt: number };

/** What the knowledge-gap finder reads for conversations in a range: light rows, texts included. */
export type GapSources = {
  /** Turns that ended with a person (route human) or a reply, with the customer message each answered. */
  turns: { conversationId: string; messageId: string; route: string; reasons: string[]; createdAt: number }[];
  drafts: Pick<Draft, "id" | "conversationId" | "replyToMessageId" | "status" | "text" | "editedText" | "citations" | "createdAt">[];
  messages: { id: string; conversationId: string; role: Role; text: string; createdAt: number }[];
  conversations: { id: string; channel: Channel; createdAt: number }[];
};

/** Reads for the Insights page, /metrics and the webhook delivery log; the only writes are dismissals. */
export interface InsightsStore {
  /** Outbox rows not delivered yet and the oldest one's creation time. */
  outboxBacklog(): Promise<{ pending: number; oldestAt: number | null }>;
  /** Jobs of one kind, newest first. */
  listJobs(filter: { kind: string; limit: number }): Promise<JobRecord[]>;
  /** Conversations created in [from, to) with their turns, drafts and messages. */
  gapSources(range: { from: number; to: number }): Promise<GapSources>;
  dismissGap(id: string, by: string, now: number): Promise<void>;
  dismissedGaps(): Promise<Set<string>>;
}
