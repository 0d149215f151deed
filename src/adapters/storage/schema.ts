import { index, integer, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

// Timestamps are UTC milliseconds since the epoch; ids are ULIDs (sortable by creation time).
const createdAt = () => integer("created_at").notNull();
const json = <T>(name: string) => text(name, { mode: "json" }).$type<T>();

export const contacts = sqliteTable("contacts", {
  id: text("id").primaryKey(),
  name: text("name"),
  email: text("email"),
  createdAt: createdAt(),
});

export const channelIdentities = sqliteTable(
  "channel_identities",
  {
    id: text("id").primaryKey(),
    channel: text("channel").notNull(),
    externalId: text("external_id").notNull(),
    contactId: text("contact_id")
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    /** When the channel or the company proved this identity (a DMARC pass at our MTA, a web chat userHash, a Slack user, a WhatsApp number); null: self-asserted. */
    verifiedAt: integer("verified_at"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("channel_identities_key").on(t.channel, t.externalId)],
);

export const conversations = sqliteTable(
  "conversations",
  {
    id: text("id").primaryKey(),
    channel: text("channel").notNull(),
    threadKey: text("thread_key").notNull(),
    contactId: text("contact_id").references(() => contacts.id, { onDelete: "set null" }),
    status: text("status", { enum: ["open", "waiting", "handed_off", "resolved"] }).notNull(),
    priority: text("priority").notNull().default("normal"),
    category: text("category"),
    assigneeId: text("assignee_id"),
    subject: text("subject"),
    locale: text("locale"),
    customerTokenHash: text("customer_token_hash"),
    tokenExpiresAt: integer("token_expires_at"),
    handoffReason: text("handoff_reason"),
    summary: text("summary"),
    /** The conversation this one continues (a new WhatsApp session, a stranger replying on an email thread). */
    previousConversationId: text("previous_conversation_id"),
    /** Offline triage, kept for every turn (handoffs too) so agents can filter on it. */
    language: text("language"),
    sentiment: text("sentiment", { enum: ["negative", "neutral", "positive"] }),
    resolvedBy: text("resolved_by", { enum: ["customer", "agent", "bot"] }),
    /** The last handoff to a person, when their first reply is due (business hours) and when it came. */
    handedOffAt: integer("handed_off_at"),
    firstResponseDueAt: integer("first_response_due_at"),
    firstResponseAt: integer("first_response_at"),
    createdAt: createdAt(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("conversations_thread").on(t.channel, t.threadKey),
    index("conversations_status").on(t.status, t.updatedAt),
    index("conversations_token").on(t.customerTokenHash),
    index("conversations_priority").on(t.priority, t.updatedAt),
    index("conversations_first_response_due").on(t.firstResponseDueAt),
  ],
);

export type Citation = { articleId: string; slug: string; title: string; version: number };

export const messages = sqliteTable(
  "messages",
  {
    id: text("id").primaryKey(),
    conversationId: text("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    role: text("role", { enum: ["customer", "assistant", "agent", "system"] }).notNull(),
    text: text("text").notNull(),
    // The channel's own id (or the client's Idempotency-Key): the dedupe key for ingest.
    channelMessageId: text("channel_message_id"),
    citations: json<Citation[]>("citations"),
    // Quick replies offered with an assistant message (docs/conversations.md); null when none.
    choices: json<{ label: string; value: string }[]>("choices"),
    authorId: text("author_id"),
    draftId: text("draft_id"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("messages_channel_id").on(t.conversationId, t.channelMessageId),
    index("messages_conversation").on(t.conversationId, t.id),
    // At most one message per draft decision: the race between two approvers ends here.
    uniqueIndex("messages_draft").on(t.draftId),
  ],
);

export const attachments = sqliteTable(
  "attachments",
  {
    id: text("id").primaryKey(),
    conversationId: text("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    messageId: text("message_id").notNull(),
    filename: text("filename"),
    sha256: text("sha256"),
    mime: text("mime"),
    size: integer("size").notNull(),
    status: text("status", { enum: ["pending", "processed", "rejected", "stored", "purged"] }).notNull(),
    error: text("error"),
    extracted: json<Record<string, unknown>>("extracted"),
    createdAt: createdAt(),
  },
  (t) => [index("attachments_message").on(t.messageId)],
);

// Bytes are stored once per sha256, however many messages carry the same file.
export const blobs = sqliteTable("blobs", {
  sha256: text("sha256").primaryKey(),
  mime: text("mime").notNull(),
  size: integer("size").notNull(),
  data: text("data", { mode: "text" }).notNull(), // base64: D1 and SQLite both take text rows
  createdAt: createdAt(),
});

export const articles = sqliteTable(
  "articles",
  {
    id: text("id").primaryKey(),
    slug: text("slug").notNull().unique(),
    // Integer key of the article's row in the FTS5 index (article_search.rowid).
    searchId: integer("search_id").notNull().unique(),
    status: text("status", { enum: ["draft", "published", "archived"] }).notNull(),
    latestVersion: integer("latest_version").notNull(),
    publishedVersion: integer("published_version"),
    // "seed" while it matches knowledge/*.md; "import" while it matches an import source; "console" once someone edited it there.
    source: text("source", { enum: ["seed", "console", "import"] }).notNull(),
    seedHash: text("seed_hash"),
    /** Where an imported article came from ("zendesk", "intercom", "freshdesk", "html", "pdf", "markdown") and its id there. */
    externalSource: text("external_source"),
    externalId: text("external_id"),
    language: text("language"),
    createdAt: createdAt(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [uniqueIndex("articles_external").on(t.externalSource, t.externalId)],
);

/** Every saved workspace profile; the highest version is the current one (API.md "Workspace profile"). */
export const profileVersions = sqliteTable("profile_versions", {
  version: integer("version").primaryKey(),
  data: json<Record<string, unknown>>("data").notNull(),
  createdBy: text("created_by").notNull(),
  createdAt: createdAt(),
});

export const articleVersions = sqliteTable(
  "article_versions",
  {
    id: text("id").primaryKey(),
    articleId: text("article_id")
      .notNull()
      .references(() => articles.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    tags: json<string[]>("tags").notNull(),
    // Example phrasings of the question the article answers, searched as their own weighted field.
    questions: json<string[]>("questions").notNull().default([]),
    // The language the version is analysed in (ISO 639-1), and its text in index form (stemmed in
    // that language); the FTS triggers copy `analysed` into article_search. Null until analysed.
    language: text("language"),
    analysed: json<{ title: string; questions: string; body: string; tags: string }>("analysed"),
    createdBy: text("created_by").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("article_versions_key").on(t.articleId, t.version)],
);

export const drafts = sqliteTable(
  "drafts",
  {
    id: text("id").primaryKey(),
    conversationId: text("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    turnId: text("turn_id"),
    replyToMessageId: text("reply_to_message_id"),
    text: text("text").notNull(),
    editedText: text("edited_text"),
    mode: text("mode").notNull(),
    confidence: real("confidence"),
    citations: json<Citation[]>("citations").notNull(),
    reasons: json<string[]>("reasons").notNull(),
    status: text("status", { enum: ["pending", "approved", "rejected", "sent"] }).notNull(),
    decidedBy: text("decided_by"),
    decidedAt: integer("decided_at"),
    rejectReason: text("reject_reason"),
    createdAt: createdAt(),
  },
  (t) => [index("drafts_status").on(t.status, t.createdAt)],
);

export const turns = sqliteTable(
  "turns",
  {
    id: text("id").primaryKey(),
    conversationId: text("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    messageId: text("message_id").notNull(),
    route: text("route").notNull(),
    reasons: json<string[]>("reasons").notNull(),
    triage: json<Record<string, unknown>>("triage"),
    articles: json<{ articleId: string; slug: string; version: number; score: number }[]>("articles").notNull(),
    calls: json<Record<string, unknown>[]>("calls").notNull(),
    model: text("model"),
    effort: text("effort"),
    inputTokens: integer("input_tokens").notNull().default(0),
    cachedTokens: integer("cached_tokens").notNull().default(0),
    outputTokens: integer("output_tokens").notNull().default(0),
    reasoningTokens: integer("reasoning_tokens").notNull().default(0),
    costUsd: real("cost_usd").notNull().default(0),
    latencyMs: integer("latency_ms").notNull(),
    ttftMs: integer("ttft_ms"),
    reasoningSummary: text("reasoning_summary"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("turns_message").on(t.messageId), index("turns_created").on(t.createdAt)],
);

export const jobs = sqliteTable(
  "jobs",
  {
    id: text("id").primaryKey(),
    kind: text("kind").notNull(),
    payload: json<Record<string, unknown>>("payload").notNull(),
    status: text("status", { enum: ["queued", "running", "done", "dead"] }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    runAt: integer("run_at").notNull(),
    lockedUntil: integer("locked_until"),
    lastError: text("last_error"),
    dedupeKey: text("dedupe_key").unique(),
    // Jobs sharing a lane run one at a time (a conversation's turns): a claim skips a job whose lane
    // has another job running under a live lease.
    lane: text("lane"),
    createdAt: createdAt(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    index("jobs_due").on(t.status, t.runAt),
    index("jobs_kind_due").on(t.status, t.kind, t.runAt),
    // The webhook delivery log lists one kind, newest first.
    index("jobs_kind_created").on(t.kind, t.createdAt),
    index("jobs_lane_running").on(t.lane, t.status),
  ],
);

export const outbox = sqliteTable(
  "outbox",
  {
    id: text("id").primaryKey(),
    conversationId: text("conversation_id").notNull(),
    messageId: text("message_id").notNull().unique(),
    channel: text("channel").notNull(),
    status: text("status", { enum: ["pending", "sent", "failed"] }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    externalId: text("external_id"),
    sentAt: integer("sent_at"),
    createdAt: createdAt(),
  },
  (t) => [index("outbox_status").on(t.status)],
);

export const staff = sqliteTable("staff", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  role: text("role", { enum: ["agent", "admin"] }).notNull(),
  keyHash: text("key_hash").notNull().unique(),
  email: text("email"),
  slackUserId: text("slack_user_id"),
  createdAt: createdAt(),
  disabledAt: integer("disabled_at"),
});

export const auditLog = sqliteTable(
  "audit_log",
  {
    id: text("id").primaryKey(),
    actor: text("actor").notNull(),
    action: text("action").notNull(),
    entity: text("entity").notNull(),
    entityId: text("entity_id").notNull(),
    detail: json<Record<string, unknown>>("detail"),
    createdAt: createdAt(),
  },
  (t) => [index("audit_entity").on(t.entity, t.entityId)],
);

// Short-lived dedupe marks (Slack event ids, email Message-IDs) that are not messages themselves.
export const seenKeys = sqliteTable("seen_keys", {
  key: text("key").primaryKey(),
  expiresAt: integer("expires_at").notNull(),
});

// One row per email we received or sent: the RFC 5322 facts threading and loop checks need.
// messages.id links it to the turn; the raw original lives in blobs (see the original.eml attachment).
export const emailMessages = sqliteTable(
  "email_messages",
  {
    id: text("id").primaryKey(),
    conversationId: text("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    messageId: text("message_id"),
    direction: text("direction", { enum: ["in", "out"] }).notNull(),
    // The Message-ID header without angle brackets (or a content hash when the sender set none).
    rfcMessageId: text("rfc_message_id").notNull(),
    inReplyTo: text("in_reply_to"),
    references: json<string[]>("references").notNull(),
    subject: text("subject"),
    normalizedSubject: text("normalized_subject"),
    fromAddress: text("from_address"),
    toAddress: text("to_address"),
    // Why this mail was not answered automatically (auto_submitted, bulk, bounce, rate_limited, ...).
    suppressedReason: text("suppressed_reason"),
    // The whole readable text before quote stripping, for agents.
    fullText: text("full_text"),
    rawSha256: text("raw_sha256"),
    // SPF/DKIM/DMARC as our trusted MTA reported them (EMAIL_TRUSTED_AUTHSERV_ID); null when it did not.
    authentication: json<{ authservId: string; dmarc: string | null; spf: string | null; dkim: string | null }>("authentication"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("email_messages_rfc_id").on(t.direction, t.rfcMessageId),
    index("email_messages_conversation").on(t.conversationId, t.createdAt),
    index("email_messages_sender_subject").on(t.fromAddress, t.normalizedSubject, t.createdAt),
  ],
);

// Addresses an email thread included besides its contact (Cc, To): "pending" until an agent accepts
// one; only the contact and accepted addresses may join the thread or receive its replies.
export const emailParticipants = sqliteTable(
  "email_participants",
  {
    conversationId: text("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    address: text("address").notNull(),
    status: text("status", { enum: ["pending", "accepted"] }).notNull(),
    acceptedBy: text("accepted_by"),
    acceptedAt: integer("accepted_at"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("email_participants_key").on(t.conversationId, t.address)],
);

// Console sign-ins: the cookie names a row here, so sign-out (one or everywhere) revokes it server-side.
export const staffSessions = sqliteTable(
  "staff_sessions",
  {
    id: text("id").primaryKey(),
    staffId: text("staff_id").notNull(),
    expiresAt: integer("expires_at").notNull(),
    revokedAt: integer("revoked_at"),
    createdAt: createdAt(),
  },
  (t) => [index("staff_sessions_staff").on(t.staffId)],
);

// Knowledge gaps an admin dismissed; a gap's id is derived from its terms, so it stays dismissed.
export const dismissedGaps = sqliteTable("dismissed_gaps", {
  id: text("id").primaryKey(),
  dismissedBy: text("dismissed_by").notNull(),
  createdAt: createdAt(),
});

// Admin-defined HTTP actions (issue 15). Secrets are referenced by name in the templates, never stored.
export const actions = sqliteTable("actions", {
  id: text("id").primaryKey(),
  name: text("name").notNull().unique(),
  definition: json<Record<string, unknown>>("definition").notNull(),
  createdAt: createdAt(),
  updatedAt: integer("updated_at").notNull(),
});
