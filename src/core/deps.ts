import type { ActionRepo } from "../ports/action-repo.js";
import type { ChannelCapabilityLookup } from "../ports/channel.js";
import type { ChannelSenders } from "../ports/channel-sender.js";
import type { Clock } from "../ports/clock.js";
import type { IdentityRepo } from "../ports/identity-repo.js";
import type { JobQueue } from "../ports/job-queue.js";
import type { KnowledgeSearch } from "../ports/knowledge-search.js";
import type { LiveEvents } from "../ports/live-events.js";
import type { Logger } from "../ports/logger.js";
import type { Store } from "../ports/store.js";
import type { ActionsRuntime } from "./actions/call-action.js";
import type { Responder } from "./responders/responder.js";
import type { ReviewMode } from "./review/policy.js";
import type { RiskTopic } from "./triage/rules.js";
import type { Attachment, AttachmentInput, Channel } from "./types.js";

/** Reads an attachment (image intake, OCR, receipt fields) before triage; optional. */
export interface AttachmentProcessor {
  process(attachment: Attachment): Promise<void>;
  /** Cheap checks without decoding (real type, size, header pixels) for channels that can refuse a file at once. */
  check?(input: AttachmentInput): { code: string; message: string } | null;
}

export type Policy = {
  reviewMode: ReviewMode;
  confidenceThreshold: number;
  dailyBudgetUsd?: number;
  riskTopics: RiskTopic[];
  maxMessageChars: number;
  /** Per-file cap where the store has one (D1: a blob must fit one 2 MB row); unset means the channel's own limit. */
  maxAttachmentBytes?: number;
  customerTokenTtlMs: number;
  /** Keys web chat's userHash (HMAC-SHA256 of userId); unset: a userId is stored but never verified. */
  identityVerificationSecret?: string;
  jobMaxAttempts: number;
  /** How long a fragment ("hi", "I can't log in") waits for the rest on this channel; 0 answers at once. */
  fragmentQuietMs?: (channel: Channel) => number;
};

/** Everything the core use cases need, injected by an entry. */
export type CoreDeps = {
  store: Store;
  search: KnowledgeSearch;
  live: LiveEvents;
  clock: Clock;
  logger: Logger;
  senders: ChannelSenders;
  /** What each channel can do; the core reads capabilities, never channel names. */
  capabilities: ChannelCapabilityLookup;
  /** The model-backed responder when configured, else the offline one. */
  responder: Responder;
  offline: Responder;
  attachments?: AttachmentProcessor;
  policy: Policy;
  /** Told the ids of jobs just written, so a worker can start on them at once. */
  jobs: JobQueue;
  /** Admin-defined HTTP actions: their definitions and what a call needs (guarded fetch, secrets, limits). */
  actions: { repo: ActionRepo; runtime: ActionsRuntime };
  identities: IdentityRepo;
};
