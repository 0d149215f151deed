import { and, eq, inArray, isNotNull, lt, notInArray, sql } from "drizzle-orm";
import type { PrivacyStore } from "../../ports/store.js";
import type { Db, RunBatch } from "./db.js";
import * as s from "./schema.js";

/** Contact export and erasure, and attachment retention. */
export function privacyRepo(db: Db, runBatch: RunBatch): PrivacyStore {
  return {
    async exportContact(contactId, audit) {
      const [contact] = await db.select().from(s.contacts).where(eq(s.contacts.id, contactId));
      if (!contact) return null;
      if (audit) await db.insert(s.auditLog).values({ ...audit, detail: audit.detail ?? null, createdAt: Date.now() });
      const identities = await db.select().from(s.channelIdentities).where(eq(s.channelIdentities.contactId, contactId));
      const conversations = await db.select().from(s.conversations).where(eq(s.conversations.contactId, contactId));
      const ids = conversations.map((c) => c.id);
      const none = ids.length === 0;
      const [messages, attachments, drafts] = none
        ? [[], [], []]
        : await Promise.all([
            db.select().from(s.messages).where(inArray(s.messages.conversationId, ids)).orderBy(s.messages.id),
            db.select().from(s.attachments).where(inArray(s.attachments.conversationId, ids)),
            db.select().from(s.drafts).where(inArray(s.drafts.conversationId, ids)),
          ]);
      return {
        contact,
        identities: identities.map(({ channel, externalId, createdAt }) => ({ channel, externalId, createdAt })),
        conversations: conversations.map(({ customerTokenHash: _hash, ...c }) => ({
          ...c,
          messages: messages.filter((m) => m.conversationId === c.id),
          attachments: attachments.filter((a) => a.conversationId === c.id),
          drafts: drafts.filter((d) => d.conversationId === c.id),
        })),
      };
    },
    async deleteContact(contactId, audit) {
      const conversations = await db.select({ id: s.conversations.id }).from(s.conversations).where(eq(s.conversations.contactId, contactId));
      const ids = conversations.map((c) => c.id);
      const [contact] = await db.select({ id: s.contacts.id }).from(s.contacts).where(eq(s.contacts.id, contactId));
      if (!contact) return false;
      // Children first: messages, attachments, drafts and turns cascade from conversations.
      const byConversation = ids.length > 0;
      await runBatch([
        ...(byConversation
          ? [
              db.delete(s.outbox).where(inArray(s.outbox.conversationId, ids)),
              db.delete(s.jobs).where(sql`json_extract(${s.jobs.payload}, '$.conversationId') in ${ids}`),
              db.delete(s.conversations).where(inArray(s.conversations.id, ids)),
            ]
          : []),
        db.delete(s.channelIdentities).where(eq(s.channelIdentities.contactId, contactId)),
        db.delete(s.contacts).where(eq(s.contacts.id, contactId)),
        // Bytes no attachment refers to any more go too.
        db.delete(s.blobs).where(notInArray(s.blobs.sha256, db.select({ sha: sql<string>`coalesce(${s.attachments.sha256}, '')` }).from(s.attachments))),
        db.insert(s.auditLog).values({ ...audit, detail: audit.detail ?? null, createdAt: Date.now() }),
      ]);
      return true;
    },
    async purgeAttachmentsBefore(cutoff) {
      const old = await db
        .update(s.attachments)
        .set({ status: "purged", extracted: null })
        .where(and(lt(s.attachments.createdAt, cutoff), isNotNull(s.attachments.sha256), sql`${s.attachments.status} != 'purged'`))
        .returning({ id: s.attachments.id });
      await db.delete(s.blobs).where(
        notInArray(
          s.blobs.sha256,
          db
            .select({ sha: sql<string>`coalesce(${s.attachments.sha256}, '')` })
            .from(s.attachments)
            .where(sql`${s.attachments.status} != 'purged'`),
        ),
      );
      return old.length;
    },
  };
}
