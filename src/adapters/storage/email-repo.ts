import { and, count, desc, eq, gte, inArray } from "drizzle-orm";
import type { EmailRecord, EmailStore } from "../../ports/store.js";
import type { Db } from "./db.js";
import * as s from "./schema.js";

const toRecord = (r: typeof s.emailMessages.$inferSelect): EmailRecord => ({ ...r, direction: r.direction, references: r.references ?? [] });

export function emailRepo(db: Db): EmailStore {
  return {
    async recordEmail(record) {
      await db.insert(s.emailMessages).values(record).onConflictDoNothing();
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
  };
}
