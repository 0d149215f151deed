import { and, desc, eq, gt, gte, inArray, isNotNull, isNull, lt, ne, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Attachment, Conversation, Draft } from "../../core/types.js";
import type { ConversationStore, NewAudit, TurnOutcome } from "../../ports/store.js";
import type { Db, RunBatch } from "./db.js";
import { fromBase64, toAttachment, toBase64, toConversation, toDraft, toMessage, toTurn } from "./rows.js";
import * as s from "./schema.js";

type Statement = BatchItem<"sqlite">;

export function conversationRepo(db: Db, runBatch: RunBatch): ConversationStore {
  const auditInsert = (a: NewAudit, now: number): Statement => db.insert(s.auditLog).values({ ...a, detail: a.detail ?? null, createdAt: now });

  const outcomeStatements = (o: TurnOutcome, now: number): Statement[] => {
    const out: Statement[] = [];
    // Strict on the message: a second turn for the same newest message (a lease that ran out mid-turn,
    // another worker took over) fails the whole batch, so its messages are never sent twice. The same
    // turn id replaces the row: a "waiting for a person" trace is overwritten by the turn that answers.
    if (o.turn) {
      const { id, ...fields } = o.turn;
      out.push(db.insert(s.turns).values(o.turn).onConflictDoUpdate({ target: s.turns.id, set: fields }));
    }
    if (o.draft) out.push(db.insert(s.drafts).values(o.draft).onConflictDoNothing());
    for (const m of o.messages ?? []) {
      const insert = db.insert(s.messages).values({ ...m, conversationId: o.conversationId, citations: m.citations ?? [] });
      // A message that carries a draft id must fail loudly on a repeat: that is how a second
      // decision on the same draft loses (see decideDraft).
      out.push(m.draftId ? insert : insert.onConflictDoNothing());
    }
    for (const d of o.deliver ?? []) {
      out.push(
        db
          .insert(s.outbox)
          .values({
            id: d.outboxId,
            conversationId: o.conversationId,
            messageId: d.messageId,
            channel: sql`(select channel from conversations where id = ${o.conversationId})`,
            status: "pending",
            createdAt: now,
          })
          .onConflictDoNothing(),
      );
      out.push(
        db
          .insert(s.jobs)
          .values({
            id: d.jobId,
            kind: "deliver",
            payload: { outboxId: d.outboxId },
            status: "queued",
            runAt: now,
            dedupeKey: `deliver:${d.outboxId}`,
            createdAt: now,
            updatedAt: now,
          })
          .onConflictDoNothing(),
      );
    }
    for (const j of o.jobs ?? [])
      out.push(
        db
          .insert(s.jobs)
          .values({ ...j, status: "queued", createdAt: now, updatedAt: now })
          .onConflictDoNothing(),
      );
    if (o.conversation && Object.keys(o.conversation).length > 0)
      out.push(
        db
          .update(s.conversations)
          .set({ ...o.conversation, updatedAt: now })
          .where(eq(s.conversations.id, o.conversationId)),
      );
    else out.push(db.update(s.conversations).set({ updatedAt: now }).where(eq(s.conversations.id, o.conversationId)));
    if (o.botStatus)
      out.push(
        db
          .update(s.conversations)
          .set({ status: o.botStatus })
          .where(and(eq(s.conversations.id, o.conversationId), sql`${s.conversations.status} <> 'handed_off'`, isNull(s.conversations.assigneeId))),
      );
    for (const a of o.audit ?? []) out.push(auditInsert(a, now));
    return out;
  };

  // Built once: the customer routes read a conversation on every request, and building the
  // query (not running it) was most of that read's cost (bench/ingest.ts).
  const conversationById = db
    .select()
    .from(s.conversations)
    .where(eq(s.conversations.id, sql.placeholder("id")))
    .prepare();
  const messageByChannelId = db
    .select({ id: s.messages.id })
    .from(s.messages)
    .where(and(eq(s.messages.conversationId, sql.placeholder("conversationId")), eq(s.messages.channelMessageId, sql.placeholder("channelMessageId"))))
    .prepare();

  return {
    async createConversation({ conversation, contact, identity, userIdentity, customerTokenHash, tokenExpiresAt }) {
      const statements: Statement[] = [];
      if (contact)
        statements.push(
          db
            .insert(s.contacts)
            .values({ id: contact.id, name: contact.name ?? null, email: contact.email ?? null, createdAt: conversation.createdAt })
            .onConflictDoNothing(),
        );
      if (identity)
        statements.push(
          db
            .insert(s.channelIdentities)
            .values({ ...identity, contactId: conversation.contactId ?? contact?.id ?? "", createdAt: conversation.createdAt })
            .onConflictDoNothing(),
        );
      if (userIdentity)
        statements.push(
          db
            .insert(s.channelIdentities)
            .values({ ...userIdentity, contactId: conversation.contactId ?? contact?.id ?? "", createdAt: conversation.createdAt })
            .onConflictDoNothing(),
        );
      statements.push(
        db
          .insert(s.conversations)
          .values({ ...conversation, customerTokenHash: customerTokenHash ?? null, tokenExpiresAt: tokenExpiresAt ?? null })
          .onConflictDoNothing(),
      );
      await runBatch(statements);
      // A concurrent request may have created the same thread first: the stored row wins.
      const [row] = await db
        .select()
        .from(s.conversations)
        .where(and(eq(s.conversations.channel, conversation.channel), eq(s.conversations.threadKey, conversation.threadKey)));
      if (!row) throw new Error("conversation insert lost");
      return toConversation(row);
    },
    async getConversation(id) {
      const [row] = await conversationById.all({ id });
      return row ? toConversation(row) : null;
    },
    async getConversationForCustomer(id) {
      const [row] = await conversationById.all({ id });
      return row ? { conversation: toConversation(row), tokenHash: row.customerTokenHash, tokenExpiresAt: row.tokenExpiresAt } : null;
    },
    async findConversationByThread(channel, threadKey) {
      const [row] = await db
        .select()
        .from(s.conversations)
        .where(and(eq(s.conversations.channel, channel), eq(s.conversations.threadKey, threadKey)));
      return row ? toConversation(row) : null;
    },
    async findContactByIdentity(channel, externalId) {
      const [row] = await db
        .select({ contactId: s.channelIdentities.contactId })
        .from(s.channelIdentities)
        .where(and(eq(s.channelIdentities.channel, channel), eq(s.channelIdentities.externalId, externalId)));
      return row ?? null;
    },
    async getContact(id) {
      const [row] = await db.select({ id: s.contacts.id, name: s.contacts.name, email: s.contacts.email }).from(s.contacts).where(eq(s.contacts.id, id));
      return row ?? null;
    },
    async findConversationIdByTokenHash(hash) {
      const [row] = await db.select({ id: s.conversations.id }).from(s.conversations).where(eq(s.conversations.customerTokenHash, hash));
      return row?.id ?? null;
    },
    async getCustomerToken(conversationId) {
      const [row] = await db
        .select({ hash: s.conversations.customerTokenHash, expiresAt: s.conversations.tokenExpiresAt })
        .from(s.conversations)
        .where(eq(s.conversations.id, conversationId));
      return row?.hash ? { hash: row.hash, expiresAt: row.expiresAt } : null;
    },
    async listConversations(f) {
      const where = [
        f.status ? eq(s.conversations.status, f.status) : undefined,
        f.channel ? eq(s.conversations.channel, f.channel) : undefined,
        f.priority ? eq(s.conversations.priority, f.priority) : undefined,
        f.category ? eq(s.conversations.category, f.category) : undefined,
        f.language ? eq(s.conversations.language, f.language) : undefined,
        f.sentiment ? eq(s.conversations.sentiment, f.sentiment as "negative" | "neutral" | "positive") : undefined,
        f.assigneeId ? eq(s.conversations.assigneeId, f.assigneeId) : undefined,
        f.contactId ? eq(s.conversations.contactId, f.contactId) : undefined,
        f.before ? lt(s.conversations.id, f.before) : undefined,
      ].filter((w) => w !== undefined);
      const rows = await db
        .select()
        .from(s.conversations)
        .where(and(...where))
        .orderBy(
          ...(f.sort === "due"
            ? [sql`(${s.conversations.firstResponseDueAt} is null or ${s.conversations.firstResponseAt} is not null)`, s.conversations.firstResponseDueAt]
            : []),
          desc(s.conversations.updatedAt),
        )
        .limit(f.limit ?? 50);
      return rows.map(toConversation);
    },
    async updateConversation(id, patch, now, audit) {
      const statements: Statement[] = [
        db
          .update(s.conversations)
          .set({ ...patch, updatedAt: now })
          .where(eq(s.conversations.id, id)),
      ];
      if (audit) statements.push(auditInsert(audit, now));
      await runBatch(statements);
    },

    async appendInbound({ conversationId, message, attachments, job }) {
      const existing = async () => {
        const [row] = await messageByChannelId.all({ conversationId, channelMessageId: message.channelMessageId });
        return row?.id;
      };
      // Text alone needs no read before the write: the message ignores a repeat of its channel id,
      // the job its dedupe key, and the one read after the write tells which message won. A repeat
      // with files is caught first, so its attachment rows are not written again.
      if (attachments.length > 0) {
        const before = await existing();
        if (before) return { messageId: before, duplicate: true };
      }
      const statements: Statement[] = [
        db
          .insert(s.messages)
          .values({ ...message, conversationId, citations: [] })
          .onConflictDoNothing(),
      ];
      for (const a of attachments) {
        const { data, ...row } = a;
        if (data && a.sha256)
          statements.push(
            db
              .insert(s.blobs)
              .values({
                sha256: a.sha256,
                mime: a.mime ?? "application/octet-stream",
                size: data.byteLength,
                data: toBase64(data),
                createdAt: message.createdAt,
              })
              .onConflictDoNothing(),
          );
        statements.push(db.insert(s.attachments).values({ ...row, conversationId, messageId: message.id, createdAt: message.createdAt }));
      }
      // The dedupe key makes a racing duplicate's job a no-op, like its message.
      statements.push(
        db
          .insert(s.jobs)
          .values({
            ...job,
            status: "queued",
            dedupeKey: job.dedupeKey ?? `turn:${conversationId}:${message.channelMessageId}`,
            createdAt: message.createdAt,
            updatedAt: message.createdAt,
          })
          .onConflictDoNothing(),
      );
      statements.push(db.update(s.conversations).set({ updatedAt: message.createdAt }).where(eq(s.conversations.id, conversationId)));
      try {
        await runBatch(statements);
      } catch (error) {
        const winner = await existing();
        if (winner) return { messageId: winner, duplicate: true };
        throw error;
      }
      const stored = await existing();
      return { messageId: stored ?? message.id, duplicate: stored !== undefined && stored !== message.id };
    },
    async appendMessage(conversationId, message, patch) {
      await runBatch([
        db
          .insert(s.messages)
          .values({ ...message, conversationId, citations: message.citations ?? [] })
          .onConflictDoNothing(),
        db
          .update(s.conversations)
          .set({ ...(patch ?? {}), updatedAt: message.createdAt })
          .where(eq(s.conversations.id, conversationId)),
      ]);
    },
    async getMessage(id) {
      const [row] = await db.select().from(s.messages).where(eq(s.messages.id, id));
      return row ? toMessage(row) : null;
    },
    async listMessages(conversationId, opts) {
      const rows = await db
        .select()
        .from(s.messages)
        .where(and(eq(s.messages.conversationId, conversationId), opts?.afterId ? gt(s.messages.id, opts.afterId) : undefined))
        .orderBy(s.messages.id)
        .limit(opts?.limit ?? 500);
      return rows.map(toMessage);
    },
    async recentCustomerTexts(excludeConversationId, limit) {
      const rows = await db
        .select({ text: s.messages.text })
        .from(s.messages)
        .where(and(eq(s.messages.role, "customer"), ne(s.messages.conversationId, excludeConversationId)))
        .orderBy(desc(s.messages.id))
        .limit(limit);
      return rows.map((r) => r.text);
    },
    async listAttachments(conversationId) {
      const rows = await db.select().from(s.attachments).where(eq(s.attachments.conversationId, conversationId)).orderBy(s.attachments.id);
      return rows.map(toAttachment);
    },
    async getAttachment(id) {
      const [row] = await db.select().from(s.attachments).where(eq(s.attachments.id, id));
      return row ? toAttachment(row) : null;
    },
    async getBlob(sha256) {
      const [row] = await db.select().from(s.blobs).where(eq(s.blobs.sha256, sha256));
      return row ? { mime: row.mime, data: fromBase64(row.data) } : null;
    },
    async updateAttachment(id, patch, blob) {
      const statements: Statement[] = [];
      if (blob)
        statements.push(
          db
            .insert(s.blobs)
            .values({ sha256: blob.sha256, mime: blob.mime, size: blob.data.byteLength, data: toBase64(blob.data), createdAt: Date.now() })
            .onConflictDoNothing(),
        );
      statements.push(
        db
          .update(s.attachments)
          .set(patch as Partial<Attachment>)
          .where(eq(s.attachments.id, id)),
      );
      await runBatch(statements);
    },
    async dropBlobIfUnused(sha256) {
      // One statement, so a concurrent attachment that still points at the bytes keeps them.
      await db
        .delete(s.blobs)
        .where(and(eq(s.blobs.sha256, sha256), sql`not exists (select 1 from ${s.attachments} where ${s.attachments.sha256} = ${sha256})`));
    },

    async applyOutcome(outcome, now) {
      await runBatch(outcomeStatements(outcome, now));
    },
    async listTurns(conversationId) {
      const rows = await db.select().from(s.turns).where(eq(s.turns.conversationId, conversationId)).orderBy(s.turns.id);
      return rows.map(toTurn);
    },
    async getTurnByMessage(messageId) {
      const [row] = await db.select().from(s.turns).where(eq(s.turns.messageId, messageId));
      return row ? toTurn(row) : null;
    },
    async costSince(since) {
      const [row] = await db
        .select({ total: sql<number>`coalesce(sum(${s.turns.costUsd}), 0)` })
        .from(s.turns)
        .where(gte(s.turns.createdAt, since));
      return Number(row?.total ?? 0);
    },

    async getDraft(id) {
      const [row] = await db.select().from(s.drafts).where(eq(s.drafts.id, id));
      return row ? toDraft(row) : null;
    },
    async listDrafts(f) {
      const rows = await db
        .select()
        .from(s.drafts)
        .where(and(f.status ? eq(s.drafts.status, f.status) : undefined, f.conversationId ? eq(s.drafts.conversationId, f.conversationId) : undefined))
        .orderBy(s.drafts.createdAt)
        .limit(f.limit ?? 100);
      return rows.map(toDraft);
    },
    async decideDraft(id, from, patch, outcome, now) {
      // One atomic write: the conditional update plus a message carrying the draft id, which is
      // unique. A second decision fails on that index and rolls back whole.
      const current = await db.select({ status: s.drafts.status }).from(s.drafts).where(eq(s.drafts.id, id));
      if (current[0]?.status !== from) return false;
      try {
        await runBatch([
          db
            .update(s.drafts)
            .set(patch as Partial<Draft>)
            .where(and(eq(s.drafts.id, id), eq(s.drafts.status, from))),
          ...outcomeStatements(outcome, now),
        ]);
        return true;
      } catch (error) {
        if (String(error).includes("UNIQUE")) return false;
        throw error;
      }
    },

    async getOutbox(id) {
      const [row] = await db.select().from(s.outbox).where(eq(s.outbox.id, id));
      return row ? { ...row, channel: row.channel as Conversation["channel"] } : null;
    },
    async markOutbox(id, patch, now) {
      await db
        .update(s.outbox)
        .set({
          status: patch.status,
          lastError: patch.lastError ?? null,
          externalId: patch.externalId ?? null,
          attempts: sql`${s.outbox.attempts} + 1`,
          sentAt: patch.status === "sent" ? now : null,
        })
        .where(eq(s.outbox.id, id));
    },

    async rememberKey(key, ttlMs, now) {
      await db.delete(s.seenKeys).where(and(eq(s.seenKeys.key, key), lt(s.seenKeys.expiresAt, now)));
      const inserted = await db
        .insert(s.seenKeys)
        .values({ key, expiresAt: now + ttlMs })
        .onConflictDoNothing()
        .returning({ key: s.seenKeys.key });
      return inserted.length > 0;
    },

    async statsData({ from, to }) {
      const conversations = await db
        .select({
          id: s.conversations.id,
          channel: s.conversations.channel,
          status: s.conversations.status,
          handoffReason: s.conversations.handoffReason,
          assigneeId: s.conversations.assigneeId,
          handedOffAt: s.conversations.handedOffAt,
          firstResponseDueAt: s.conversations.firstResponseDueAt,
          firstResponseAt: s.conversations.firstResponseAt,
          createdAt: s.conversations.createdAt,
        })
        .from(s.conversations)
        .where(and(gte(s.conversations.createdAt, from), lt(s.conversations.createdAt, to)))
        .orderBy(s.conversations.createdAt);
      // The cohort is selected by a sub-query rather than an id list: D1 and SQLite cap bound parameters.
      const cohort = db
        .select({ id: s.conversations.id })
        .from(s.conversations)
        .where(and(gte(s.conversations.createdAt, from), lt(s.conversations.createdAt, to)));
      const [messages, turns, drafts] = await Promise.all([
        db
          .select({
            id: s.messages.id,
            conversationId: s.messages.conversationId,
            role: s.messages.role,
            authorId: s.messages.authorId,
            createdAt: s.messages.createdAt,
            offersChoices: isNotNull(s.messages.choices),
          })
          .from(s.messages)
          .where(inArray(s.messages.conversationId, cohort))
          .orderBy(s.messages.id),
        db
          .select({
            conversationId: s.turns.conversationId,
            route: s.turns.route,
            costUsd: s.turns.costUsd,
            latencyMs: s.turns.latencyMs,
            reasons: s.turns.reasons,
          })
          .from(s.turns)
          .where(inArray(s.turns.conversationId, cohort)),
        db
          .select({ conversationId: s.drafts.conversationId, status: s.drafts.status, edited: isNotNull(s.drafts.editedText), decidedBy: s.drafts.decidedBy })
          .from(s.drafts)
          .where(inArray(s.drafts.conversationId, cohort)),
      ]);
      return {
        conversations: conversations.map((c) => ({ ...c, channel: c.channel as Conversation["channel"] })),
        messages: messages.map((m) => ({ ...m, offersChoices: Boolean(m.offersChoices) })),
        turns,
        drafts: drafts.map((d) => ({ ...d, edited: Boolean(d.edited) })),
      };
    },
    async hasKey(key, now) {
      const [row] = await db
        .select({ key: s.seenKeys.key })
        .from(s.seenKeys)
        .where(and(eq(s.seenKeys.key, key), gte(s.seenKeys.expiresAt, now)));
      return row !== undefined;
    },
  };
}
