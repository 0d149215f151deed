import type { Attachment, Channel, Choice, Citation, Conversation, ConversationStatus, Draft, Job, Message, Role, StaffMember, Turn } from "../core/types.js";
import type { InsightsStore } from "./insights-store.js";
import type { ProfileStore } from "./profile-store.js";

export type NewMessage = {
  id: string;
  role: Role;
  text: string;
  citations?: Citation[];
  choices?: Choice[];
  channelMessageId?: string | null;
  authorId?: string | null;
  draftId?: string | null;
  createdAt: number;
};

export type JobStatus = "queued" | "running" | "done" | "dead";

export type NewJob = {
  id: string;
  kind: string;
  payload: Record<string, unknown>;
  runAt: number;
  dedupeKey?: string;
  /** Jobs of one lane run one at a time (a conversation's turns); a claim passes over a busy lane. */
  lane?: string;
};

export type NewAttachment = Omit<Attachment, "createdAt" | "conversationId" | "messageId"> & {
  /** Raw bytes, stored once per sha256 (base64 in the blobs table). */
  data?: Uint8Array;
};

export type ConversationPatch = Partial<
  Pick<
    Conversation,
    | "status"
    | "priority"
    | "category"
    | "assigneeId"
    | "handoffReason"
    | "summary"
    | "locale"
    | "subject"
    | "language"
    | "sentiment"
    | "resolvedBy"
    | "handedOffAt"
    | "firstResponseDueAt"
    | "firstResponseAt"
  >
>;

export type OutboxItem = {
  id: string;
  conversationId: string;
  messageId: string;
  channel: Channel;
  status: "pending" | "sent" | "failed";
  attempts: number;
};

/** Everything a finished turn writes, applied atomically so a crash leaves all or nothing. */
export type TurnOutcome = {
  conversationId: string;
  turn?: Turn;
  conversation?: ConversationPatch;
  /**
   * A status the bot wants (open, waiting). Applied only while no person owns the conversation, in
   * the same statement, so a turn that overlaps a handoff can never take the conversation back.
   */
  botStatus?: "open" | "waiting";
  messages?: NewMessage[];
  draft?: Draft;
  /** Messages to deliver on the conversation's channel; each gets an outbox row and a deliver job. */
  deliver?: { outboxId: string; messageId: string; jobId: string }[];
  jobs?: NewJob[];
  audit?: NewAudit[];
};

export type NewAudit = { id: string; actor: string; action: string; entity: string; entityId: string; detail?: Record<string, unknown> };

export type ConversationFilter = {
  status?: ConversationStatus;
  channel?: Channel;
  priority?: string;
  category?: string;
  language?: string;
  sentiment?: string;
  assigneeId?: string;
  contactId?: string;
  limit?: number;
  before?: string;
  /** "due": first replies still owed come first, the most overdue on top; default: latest activity first. */
  sort?: "due" | "updated";
};

/** The light rows the admin stats are computed from: conversations started in a range and their parts. */
export type StatsData = {
  conversations: (Partial<Pick<Conversation, "handedOffAt" | "firstResponseDueAt" | "firstResponseAt">> & {
    id: string;
    channel: Channel;
    status: ConversationStatus;
    handoffReason: string | null;
    assigneeId: string | null;
    createdAt: number;
  })[];
  messages: { id: string; conversationId: string; role: Role; authorId: string | null; createdAt: number; offersChoices: boolean }[];
  turns: { conversationId: string; route: string; costUsd: number; latencyMs: number; reasons: string[] }[];
  drafts: { conversationId: string; status: Draft["status"]; edited: boolean; decidedBy: string | null }[];
};

/** Conversations, their messages, attachments, turns and drafts. */
export interface ConversationStore {
  createConversation(input: {
    conversation: Conversation;
    contact?: { id: string; name?: string | null; email?: string | null };
    identity?: { id: string; channel: Channel; externalId: string };
    /** Another identity of the same contact, written in the same batch (web chat's company user id, verified or not). */
    userIdentity?: { id: string; channel: Channel; externalId: string; verifiedAt: number | null };
    customerTokenHash?: string;
    tokenExpiresAt?: number;
  }): Promise<Conversation>;
  getConversation(id: string): Promise<Conversation | null>;
  findConversationByThread(channel: Channel, threadKey: string): Promise<Conversation | null>;
  findContactByIdentity(channel: Channel, externalId: string): Promise<{ contactId: string } | null>;
  getContact(id: string): Promise<{ id: string; name: string | null; email: string | null } | null>;
  findConversationIdByTokenHash(hash: string): Promise<string | null>;
  getCustomerToken(conversationId: string): Promise<{ hash: string; expiresAt: number | null } | null>;
  /** The conversation with its customer token hash, in one read (customer auth on every request). */
  getConversationForCustomer(id: string): Promise<{ conversation: Conversation; tokenHash: string | null; tokenExpiresAt: number | null } | null>;
  listConversations(filter: ConversationFilter): Promise<Conversation[]>;
  updateConversation(id: string, patch: ConversationPatch, now: number, audit?: NewAudit): Promise<void>;

  /**
   * Stores a customer message, its attachments and the job that will answer it in one write.
   * Idempotent on (conversation, channelMessageId): a repeat returns the first message.
   */
  appendInbound(input: {
    conversationId: string;
    message: NewMessage & { channelMessageId: string };
    attachments: NewAttachment[];
    job: NewJob;
  }): Promise<{ messageId: string; duplicate: boolean }>;
  appendMessage(conversationId: string, message: NewMessage, patch?: ConversationPatch): Promise<void>;
  getMessage(id: string): Promise<Message | null>;
  listMessages(conversationId: string, opts?: { afterId?: string; limit?: number }): Promise<Message[]>;
  /** The newest customer message texts of OTHER conversations: what an answer here must never repeat. */
  recentCustomerTexts(excludeConversationId: string, limit: number): Promise<string[]>;
  listAttachments(conversationId: string): Promise<Attachment[]>;
  getAttachment(id: string): Promise<Attachment | null>;
  getBlob(sha256: string): Promise<{ mime: string; data: Uint8Array } | null>;
  updateAttachment(
    id: string,
    patch: Partial<Pick<Attachment, "status" | "error" | "extracted" | "sha256" | "mime" | "size">>,
    blob?: { sha256: string; mime: string; data: Uint8Array },
  ): Promise<void>;
  /** Deletes stored bytes no attachment refers to any more (an original replaced by its normalised copy). */
  dropBlobIfUnused(sha256: string): Promise<void>;

  /** Applies a turn's trace, messages, draft, outbox rows and jobs atomically. */
  applyOutcome(outcome: TurnOutcome, now: number): Promise<void>;
  listTurns(conversationId: string): Promise<Turn[]>;
  getTurnByMessage(messageId: string): Promise<Turn | null>;
  costSince(since: number): Promise<number>;

  getDraft(id: string): Promise<Draft | null>;
  listDrafts(filter: { status?: Draft["status"]; conversationId?: string; limit?: number }): Promise<Draft[]>;
  /** Moves a draft from `from` to a decided state; false when someone else already decided it. */
  decideDraft(
    id: string,
    from: Draft["status"],
    patch: Pick<Draft, "status" | "decidedBy" | "decidedAt"> & Partial<Pick<Draft, "editedText" | "rejectReason">>,
    outcome: TurnOutcome,
    now: number,
  ): Promise<boolean>;

  getOutbox(id: string): Promise<OutboxItem | null>;
  markOutbox(id: string, patch: { status: OutboxItem["status"]; lastError?: string | null; externalId?: string | null }, now: number): Promise<void>;

  /** Remembers a dedupe key; false when it was already seen and has not expired. */
  rememberKey(key: string, ttlMs: number, now: number): Promise<boolean>;

  /** Rows for the stats of conversations created in [from, to). */
  statsData(range: { from: number; to: number }): Promise<StatsData>;
  /** Whether a dedupe key was remembered and has not expired; reads only. */
  hasKey(key: string, now: number): Promise<boolean>;
}

/** The durable job table (Node polls it; Workers mirror it onto a Queue). */
export interface JobStore {
  enqueue(job: NewJob, now: number): Promise<void>;
  /**
   * Atomically takes the next due job (or one whose lease expired) and leases it, passing over jobs
   * whose lane has another job running under a live lease.
   */
  claimNext(now: number, leaseMs: number): Promise<Job | null>;
  /** Leases this job if it is due and its lane is free; null otherwise (see `laneBusy`). */
  claim(id: string, now: number, leaseMs: number): Promise<Job | null>;
  complete(id: string, now: number): Promise<void>;
  retry(id: string, error: string, runAt: number, now: number): Promise<void>;
  bury(id: string, error: string, now: number): Promise<void>;
  /** On a single-process start-up, jobs left running by a dead process are due again. */
  releaseRunning(now: number): Promise<number>;
  counts(): Promise<Record<string, number>>;
  /** One job's state, for a queue consumer that is handed an id rather than claiming the next. */
  getJob(id: string): Promise<(Job & { status: JobStatus; lockedUntil: number | null }) | null>;
  /** Jobs that are due (or whose lease ran out) and so should be (re)sent to a queue; oldest first. */
  listDue(now: number, limit: number): Promise<{ id: string; runAt: number }[]>;
}

export type ArticleSummary = {
  id: string;
  slug: string;
  status: "draft" | "published" | "archived";
  latestVersion: number;
  publishedVersion: number | null;
  source: "seed" | "console" | "import";
  title: string;
  tags: string[];
  updatedAt: number;
};
export type ArticleVersion = {
  version: number;
  title: string;
  body: string;
  tags: string[];
  /** Example phrasings of the question the article answers (searched as a weighted field). */
  questions?: string[];
  createdBy: string;
  createdAt: number;
};

export interface ArticleStore {
  getArticle(idOrSlug: string): Promise<(ArticleSummary & { body: string; questions: string[]; seedHash: string | null }) | null>;
  listArticles(filter: { status?: ArticleSummary["status"]; q?: string; limit?: number }): Promise<ArticleSummary[]>;
  listVersions(articleId: string): Promise<ArticleVersion[]>;
  getVersion(articleId: string, version: number): Promise<ArticleVersion | null>;
  /** Creates an article with version 1. */
  createArticle(input: {
    id: string;
    slug: string;
    version: Omit<ArticleVersion, "version">;
    status: ArticleSummary["status"];
    source: ArticleSummary["source"];
    seedHash?: string | null;
    /** For an imported article: where it came from, its id there and its language. */
    external?: { source: string; id: string; language: string | null };
    audit?: NewAudit;
  }): Promise<void>;
  /** Adds the next version; when publish is set it becomes the published one in the same write. */
  addVersion(input: {
    articleId: string;
    version: Omit<ArticleVersion, "version">;
    publish: boolean;
    source: ArticleSummary["source"];
    seedHash?: string | null;
    audit?: NewAudit;
    now: number;
  }): Promise<number>;
  setStatus(articleId: string, status: ArticleSummary["status"], publishedVersion: number | null, now: number, audit?: NewAudit): Promise<void>;
  deleteArticle(articleId: string, audit?: NewAudit): Promise<void>;
  countPublished(): Promise<number>;
  /** Brings every version without an index form (written before migration 0009) into the index; returns how many. */
  analysePending(): Promise<number>;
  /** Every article imported from `source`, with the id it has there (re-imports match on it). */
  listExternalArticles(
    source: string,
  ): Promise<{ id: string; slug: string; externalId: string; status: ArticleSummary["status"]; source: ArticleSummary["source"]; seedHash: string | null }[]>;
}

export interface StaffStore {
  findStaffByKeyHash(hash: string): Promise<StaffMember | null>;
  findStaffBySlackUser(slackUserId: string, email?: string | null): Promise<StaffMember | null>;
  getStaff(id: string): Promise<StaffMember | null>;
  createStaff(member: StaffMember & { keyHash: string }, audit?: NewAudit): Promise<void>;
  listStaff(): Promise<StaffMember[]>;
  /** Revokes a member's key; false when there was no active member with that id. */
  disableStaff(id: string, now: number, audit?: NewAudit): Promise<boolean>;
  listAudit(filter: { entity?: string; entityId?: string; limit?: number }): Promise<(NewAudit & { createdAt: number })[]>;
  /** A note in the audit log that belongs to no other write (e.g. a failed-authentication limit tripping). */
  appendAudit(audit: NewAudit, now: number): Promise<void>;
  /** Console sign-ins, so that signing out revokes a session on the server and not just in the browser. */
  createStaffSession(session: { id: string; staffId: string; expiresAt: number }, now: number): Promise<void>;
  /** Whether the session exists for this member, is unrevoked and unexpired. */
  isStaffSessionActive(id: string, staffId: string, now: number): Promise<boolean>;
  revokeStaffSession(id: string, now: number): Promise<void>;
  /** Sign out everywhere: revokes every session of the member; returns how many were active. */
  revokeAllStaffSessions(staffId: string, now: number, audit?: NewAudit): Promise<number>;
}

/** A contact's data on request (export, erasure) and attachment retention. */
export interface PrivacyStore {
  /** Everything stored about a contact, or null when there is no such contact. */
  exportContact(contactId: string, audit?: NewAudit): Promise<Record<string, unknown> | null>;
  /** Erases a contact with their conversations, messages, attachments and bytes; false when unknown. */
  deleteContact(contactId: string, audit: NewAudit): Promise<boolean>;
  /** Drops the bytes and extracted text of attachments older than the cutoff; returns how many. */
  purgeAttachmentsBefore(cutoff: number): Promise<number>;
}

/** The RFC 5322 facts of one email received or sent, kept for threading and loop checks. */
export type EmailRecord = {
  id: string;
  conversationId: string;
  /** Our messages.id for the turn (inbound) or the reply (outbound). */
  messageId: string | null;
  direction: "in" | "out";
  /** Message-ID without angle brackets. */
  rfcMessageId: string;
  inReplyTo: string | null;
  references: string[];
  subject: string | null;
  normalizedSubject: string | null;
  fromAddress: string | null;
  toAddress: string | null;
  suppressedReason: string | null;
  fullText: string | null;
  rawSha256: string | null;
  /** SPF/DKIM/DMARC from our trusted MTA's Authentication-Results; null when it reported none. */
  authentication?: { authservId: string; dmarc: string | null; spf: string | null; dkim: string | null } | null;
  createdAt: number;
};

/** An address an email thread included besides its contact; only accepted ones are participants. */
export type EmailParticipant = { address: string; status: "pending" | "accepted"; acceptedBy: string | null; acceptedAt: number | null; createdAt: number };

/** Email threading facts; every method is safe to repeat (inserts ignore an existing Message-ID). */
export interface EmailStore {
  recordEmail(record: EmailRecord): Promise<void>;
  findEmail(direction: EmailRecord["direction"], rfcMessageId: string): Promise<EmailRecord | null>;
  /** The conversation that sent or received any of these Message-IDs (newest match wins). */
  findConversationByEmailIds(rfcMessageIds: string[]): Promise<string | null>;
  /** The newest conversation with an inbound mail from this address and normalised subject since `since`. */
  findConversationBySenderSubject(fromAddress: string, normalizedSubject: string, since: number): Promise<string | null>;
  listEmails(conversationId: string): Promise<EmailRecord[]>;
  countInboundFrom(fromAddress: string, since: number): Promise<number>;
  listEmailParticipants(conversationId: string): Promise<EmailParticipant[]>;
  /** Remembers addresses a thread's mail included (Cc, To) as pending; known ones keep their status. */
  addEmailParticipants(conversationId: string, addresses: string[], now: number): Promise<void>;
  /** Accepts a pending address into the thread; false when the thread never included it. */
  acceptEmailParticipant(conversationId: string, address: string, staffId: string, now: number, audit: NewAudit): Promise<boolean>;
  /** Marks a channel identity as proven by the channel (e.g. DMARC pass); unknown identities are ignored. */
  markIdentityVerified(channel: Channel, externalId: string, now: number): Promise<void>;
  /** When an identity was proven, or null (never, or no such identity). */
  identityVerifiedAt(channel: Channel, externalId: string): Promise<number | null>;
}

export type Store = ConversationStore &
  JobStore &
  ArticleStore &
  StaffStore &
  PrivacyStore &
  EmailStore &
  ProfileStore &
  InsightsStore & { ping(): Promise<boolean> };
