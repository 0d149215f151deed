import { and, desc, eq, gte, inArray, lt, ne, sql } from "drizzle-orm";
import type { Channel, Role } from "../../core/types.js";
import type { InsightsStore } from "../../ports/insights-store.js";
import type { Db } from "./db.js";
import * as s from "./schema.js";

export function insightsRepo(db: Db): InsightsStore {
  return {
    async outboxBacklog() {
      const [row] = await db
        .select({ n: sql<number>`count(*)`, oldest: sql<number | null>`min(${s.outbox.createdAt})` })
        .from(s.outbox)
        .where(eq(s.outbox.status, "pending"));
      return { pending: Number(row?.n ?? 0), oldestAt: row?.oldest ?? null };
    },
    async listJobs({ kind, limit }) {
      const rows = await db.select().from(s.jobs).where(eq(s.jobs.kind, kind)).orderBy(desc(s.jobs.createdAt), desc(s.jobs.id)).limit(limit);
      return rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        payload: r.payload,
        attempts: r.attempts,
        runAt: r.runAt,
        status: r.status,
        lastError: r.lastError ?? null,
        createdAt: r.createdAt,
        updatedAt: r.updatedAt,
      }));
    },
    async gapSources({ from, to }) {
      // The cohort is a sub-query rather than an id list: D1 and SQLite cap bound parameters.
      const inRange = and(gte(s.conversations.createdAt, from), lt(s.conversations.createdAt, to));
      const cohort = db.select({ id: s.conversations.id }).from(s.conversations).where(inRange);
      const [conversations, turns, drafts, messages] = await Promise.all([
        db.select({ id: s.conversations.id, channel: s.conversations.channel, createdAt: s.conversations.createdAt }).from(s.conversations).where(inRange),
        db
          .select({
            conversationId: s.turns.conversationId,
            messageId: s.turns.messageId,
            route: s.turns.route,
            reasons: s.turns.reasons,
            createdAt: s.turns.createdAt,
          })
          .from(s.turns)
          .where(inArray(s.turns.conversationId, cohort)),
        db
          .select({
            id: s.drafts.id,
            conversationId: s.drafts.conversationId,
            replyToMessageId: s.drafts.replyToMessageId,
            status: s.drafts.status,
            text: s.drafts.text,
            editedText: s.drafts.editedText,
            citations: s.drafts.citations,
            createdAt: s.drafts.createdAt,
          })
          .from(s.drafts)
          .where(inArray(s.drafts.conversationId, cohort)),
        db
          .select({
            id: s.messages.id,
            conversationId: s.messages.conversationId,
            role: s.messages.role,
            text: s.messages.text,
            createdAt: s.messages.createdAt,
          })
          .from(s.messages)
          .where(and(inArray(s.messages.conversationId, cohort), ne(s.messages.role, "system")))
          .orderBy(s.messages.id),
      ]);
      return {
        conversations: conversations.map((c) => ({ ...c, channel: c.channel as Channel })),
        turns,
        drafts,
        messages: messages.map((m) => ({ ...m, role: m.role as Role })),
      };
    },
    async dismissGap(id, by, now) {
      await db.insert(s.dismissedGaps).values({ id, dismissedBy: by, createdAt: now }).onConflictDoNothing();
    },
    async dismissedGaps() {
      const rows = await db.select({ id: s.dismissedGaps.id }).from(s.dismissedGaps);
      return new Set(rows.map((r) => r.id));
    },
  };
}
