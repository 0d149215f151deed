import { and, count, desc, eq, gte, inArray } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { EmailRecord, EmailStore } from "../../ports/store.js";
import type { Db, RunBatch } from "./db.js";
import * as s from "./schema.js";

const toRecord = (r: typeof s.emailMessages.$inferSelect): EmailRecord => ({
  ...r,
  direction: r.direction,
  references: r.references ?? [],
  authentication: r.authentication ?? null,
});

export function emailRepo(db: Db, runBatch: RunBatch): EmailStore {
  return {
    async recordEmail(record) {
      await db
        .insert(s.emailMessages)
        .values({ ...record, authentication: record.authentication ?? null })
        .onConflictDoNothing();
    },
    async findEmail(direction, rfcMessageId) {
      const [row] = await db
        .select()
        .from(s.emailMessages)
        .where(and(eq(s.emailMessages.direction, direction), eq(s.emailMessages.rfcMessageId, rfcMessageId)));
      return row ? toRecord(row) : null;
    },
    async findConversationByEmailIds(ids) {
      if (ids.length === 0) return null;
      const [row] = await db
        .select({ conversationId: s.emailMessages.conversationId })
        .from(s.emailMessages)
        .where(inArray(s.emailMessages.rfcMessageId, ids.slice(-100)))
        .orderBy(desc(s.emailMessages.createdAt))
        .limit(1);
      return row?.conversationId ?? null;
    },
    async findConversationBySenderSubject(fromAddress, normalizedSubject, since) {
      const [row] = await db
        .select({ conversationId: s.emailMessages.conversationId })
        .from(s.emailMessages)
        .where(
          and(
            eq(s.emailMessages.direction, "in"),
            eq(s.emailMessages.fromAddress, fromAddress),
            eq(s.emailMessages.normalizedSubject, normalizedSubject),
            gte(s.emailMessages.createdAt, since),
          ),
        )
        .orderBy(desc(s.emailMessages.createdAt))
        .limit(1);
      return row?.conversationId ?? null;
    },
    async listEmails(conversationId) {
      const rows = await db.select().from(s.emailMessages).where(eq(s.emailMessages.conversationId, conversationId)).orderBy(s.emailMessages.createdAt);
      return rows.map(toRecord);
    },
    async countInboundFrom(fromAddress, since) {
      const [row] = await db
        .select({ n: count() })
        .from(s.emailMessages)
        .where(and(eq(s.emailMessages.direction, "in"), eq(s.emailMessages.fromAddress, fromAddress), gte(s.emailMessages.createdAt, since)));
      return Number(row?.n ?? 0);
    },
    async listEmailParticipants(conversationId) {
      const rows = await db
        .select()
        .from(s.emailParticipants)
        .where(eq(s.emailParticipants.conversationId, conversationId))
        .orderBy(s.emailParticipants.createdAt);
      return rows.map(({ address, status, acceptedBy, acceptedAt, createdAt }) => ({ address, status, acceptedBy, acceptedAt, createdAt }));
    },
    async addEmailParticipants(conversationId, addresses, now) {
      if (addresses.length === 0) return;
      await db
        .insert(s.emailParticipants)
        .values(addresses.map((address) => ({ conversationId, address, status: "pending" as const, createdAt: now })))
        .onConflictDoNothing();
    },
    async acceptEmailParticipant(conversationId, address, staffId, now, audit) {
      const key = and(eq(s.emailParticipants.conversationId, conversationId), eq(s.emailParticipants.address, address));
      const [row] = await db.select({ status: s.emailParticipants.status }).from(s.emailParticipants).where(key);
      if (!row) return false;
      if (row.status === "accepted") return true;
      const statements: BatchItem<"sqlite">[] = [
        db.update(s.emailParticipants).set({ status: "accepted", acceptedBy: staffId, acceptedAt: now }).where(key),
        db.insert(s.auditLog).values({ ...audit, detail: audit.detail ?? null, createdAt: now }),
      ];
      await runBatch(statements);
      return true;
    },
    async markIdentityVerified(channel, externalId, now) {
      await db
        .update(s.channelIdentities)
        .set({ verifiedAt: now })
        .where(and(eq(s.channelIdentities.channel, channel), eq(s.channelIdentities.externalId, externalId)));
    },
    async identityVerifiedAt(channel, externalId) {
      const [row] = await db
        .select({ verifiedAt: s.channelIdentities.verifiedAt })
        .from(s.channelIdentities)
        .where(and(eq(s.channelIdentities.channel, channel), eq(s.channelIdentities.externalId, externalId)));
      return row?.verifiedAt ?? null;
    },
  };
}
