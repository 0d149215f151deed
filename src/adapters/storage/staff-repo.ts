import { and, desc, eq, gt, isNull, or } from "drizzle-orm";
import type { StaffMember } from "../../core/types.js";
import type { StaffStore } from "../../ports/store.js";
import type { Db, RunBatch } from "./db.js";
import * as s from "./schema.js";

export function staffRepo(db: Db, runBatch: RunBatch): StaffStore {
  const columns = {
    id: s.staff.id,
    name: s.staff.name,
    role: s.staff.role,
    email: s.staff.email,
    slackUserId: s.staff.slackUserId,
    createdAt: s.staff.createdAt,
  };
  const one = async (where: ReturnType<typeof eq>): Promise<StaffMember | null> => {
    const [row] = await db
      .select(columns)
      .from(s.staff)
      .where(and(where, isNull(s.staff.disabledAt)));
    return row ?? null;
  };
  return {
    findStaffByKeyHash: (hash) => one(eq(s.staff.keyHash, hash)),
    getStaff: (id) => one(eq(s.staff.id, id)),
    async findStaffBySlackUser(slackUserId, email) {
      const match = email ? or(eq(s.staff.slackUserId, slackUserId), eq(s.staff.email, email.toLowerCase())) : eq(s.staff.slackUserId, slackUserId);
      return one(match as ReturnType<typeof eq>);
    },
    async createStaff(member, a) {
      await runBatch([
        db.insert(s.staff).values({ ...member, email: member.email?.toLowerCase() ?? null }),
        ...(a ? [db.insert(s.auditLog).values({ ...a, detail: a.detail ?? null, createdAt: member.createdAt })] : []),
      ]);
    },
    async listStaff() {
      return db.select(columns).from(s.staff).where(isNull(s.staff.disabledAt)).orderBy(s.staff.createdAt);
    },
    async disableStaff(id, now, a) {
      const active = await one(eq(s.staff.id, id));
      if (!active) return false;
      await runBatch([
        db.update(s.staff).set({ disabledAt: now }).where(eq(s.staff.id, id)),
        ...(a ? [db.insert(s.auditLog).values({ ...a, detail: a.detail ?? null, createdAt: now })] : []),
      ]);
      return true;
    },
    async listAudit(f) {
      const rows = await db
        .select()
        .from(s.auditLog)
        .where(and(f.entity ? eq(s.auditLog.entity, f.entity) : undefined, f.entityId ? eq(s.auditLog.entityId, f.entityId) : undefined))
        .orderBy(desc(s.auditLog.id))
        .limit(f.limit ?? 100);
      return rows.map((r) => ({ ...r, detail: r.detail ?? undefined }));
    },
    async appendAudit(a, now) {
      await db.insert(s.auditLog).values({ ...a, detail: a.detail ?? null, createdAt: now });
    },
    async createStaffSession(session, now) {
      await db.insert(s.staffSessions).values({ ...session, createdAt: now });
    },
    async isStaffSessionActive(id, staffId, now) {
      const [row] = await db
        .select({ id: s.staffSessions.id })
        .from(s.staffSessions)
        .where(and(eq(s.staffSessions.id, id), eq(s.staffSessions.staffId, staffId), isNull(s.staffSessions.revokedAt), gt(s.staffSessions.expiresAt, now)));
      return row !== undefined;
    },
    async revokeStaffSession(id, now) {
      await db
        .update(s.staffSessions)
        .set({ revokedAt: now })
        .where(and(eq(s.staffSessions.id, id), isNull(s.staffSessions.revokedAt)));
    },
    async revokeAllStaffSessions(staffId, now, a) {
      const active = and(eq(s.staffSessions.staffId, staffId), isNull(s.staffSessions.revokedAt), gt(s.staffSessions.expiresAt, now));
      const rows = await db.select({ id: s.staffSessions.id }).from(s.staffSessions).where(active);
      await runBatch([
        db.update(s.staffSessions).set({ revokedAt: now }).where(active),
        ...(a ? [db.insert(s.auditLog).values({ ...a, detail: a.detail ?? null, createdAt: now })] : []),
      ]);
      return rows.length;
    },
  };
}
