import { and, eq, ne, sql } from "drizzle-orm";
import { ActionInput, type StoredAction } from "../../core/actions/definition.js";
import type { ActionRepo } from "../../ports/action-repo.js";
import type { NewAudit } from "../../ports/store.js";
import type { Db, RunBatch } from "./db.js";
import * as s from "./schema.js";

export function actionRepo(db: Db, runBatch: RunBatch): ActionRepo {
  const audit = (a: NewAudit, now: number) => db.insert(s.auditLog).values({ ...a, detail: a.detail ?? null, createdAt: now });
  const toAction = (r: typeof s.actions.$inferSelect): StoredAction => ({
    ...ActionInput.parse(r.definition),
    id: r.id,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  });
  const nameTaken = async (name: string, exceptId?: string) =>
    (
      await db
        .select({ id: s.actions.id })
        .from(s.actions)
        .where(and(eq(s.actions.name, name), exceptId ? ne(s.actions.id, exceptId) : undefined))
    ).length > 0;
  return {
    async listActions() {
      return (await db.select().from(s.actions).orderBy(s.actions.name)).map(toAction);
    },
    async getAction(id) {
      const [row] = await db.select().from(s.actions).where(eq(s.actions.id, id));
      return row ? toAction(row) : null;
    },
    async createAction(a, entry) {
      if (await nameTaken(a.name)) return "duplicate";
      const { id, createdAt, updatedAt, ...definition } = a;
      await runBatch([db.insert(s.actions).values({ id, name: a.name, definition, createdAt, updatedAt }), audit(entry, createdAt)]);
      return "created";
    },
    async updateAction(id, def, now, entry) {
      const [row] = await db.select({ id: s.actions.id }).from(s.actions).where(eq(s.actions.id, id));
      if (!row) return "missing";
      if (await nameTaken(def.name, id)) return "duplicate";
      await runBatch([db.update(s.actions).set({ name: def.name, definition: def, updatedAt: now }).where(eq(s.actions.id, id)), audit(entry, now)]);
      return "updated";
    },
    async deleteAction(id, entry) {
      const [row] = await db.select({ id: s.actions.id }).from(s.actions).where(eq(s.actions.id, id));
      if (!row) return false;
      await runBatch([db.delete(s.actions).where(eq(s.actions.id, id)), audit(entry, Date.now())]);
      return true;
    },
    async recordActionCall(entry, now) {
      await runBatch([audit(entry, now)]);
    },
    async actionStats() {
      const rows = await db
        .select({
          name: sql<string>`json_extract(${s.auditLog.detail}, '$.name')`,
          calls: sql<number>`count(*)`,
          failures: sql<number>`sum(case when json_extract(${s.auditLog.detail}, '$.ok') then 0 else 1 end)`,
        })
        .from(s.auditLog)
        .where(eq(s.auditLog.action, "action.called"))
        .groupBy(sql`json_extract(${s.auditLog.detail}, '$.name')`);
      return Object.fromEntries(rows.map((r) => [r.name, { calls: Number(r.calls), failures: Number(r.failures ?? 0) }]));
    },
  };
}
