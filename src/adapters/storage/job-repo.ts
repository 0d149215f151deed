import { and, asc, eq, lt, lte, or, sql } from "drizzle-orm";
import type { Job } from "../../core/types.js";
import type { JobStore } from "../../ports/store.js";
import type { Db } from "./db.js";
import * as s from "./schema.js";

export function jobRepo(db: Db): JobStore {
  const toJob = (r: typeof s.jobs.$inferSelect): Job => ({ id: r.id, kind: r.kind, payload: r.payload, attempts: r.attempts, runAt: r.runAt });
  return {
    async enqueue(job, now) {
      await db
        .insert(s.jobs)
        .values({ ...job, status: "queued", createdAt: now, updatedAt: now })
        .onConflictDoNothing();
    },
    async claimNext(now, leaseMs) {
      // One statement picks and leases, so two workers never take the same job.
      const rows = await db
        .update(s.jobs)
        .set({ status: "running", attempts: sql`${s.jobs.attempts} + 1`, lockedUntil: now + leaseMs, updatedAt: now })
        .where(
          eq(
            s.jobs.id,
            // Two index walks that each stop at their first row: an OR over both states made SQLite
            // sort every due job on each claim, which slowed the loop as a backlog grew (bench/ingest.ts).
            sql`(select id from (
              select * from (select id, run_at from jobs where status = 'queued' and run_at <= ${now} order by run_at limit 1)
              union all
              select * from (select id, run_at from jobs where status = 'running' and locked_until < ${now} order by run_at limit 1)
            ) order by run_at limit 1)`,
          ),
        )
        .returning();
      return rows[0] ? toJob(rows[0]) : null;
    },
    async claim(id, now, leaseMs) {
      const rows = await db
        .update(s.jobs)
        .set({ status: "running", attempts: sql`${s.jobs.attempts} + 1`, lockedUntil: now + leaseMs, updatedAt: now })
        .where(and(eq(s.jobs.id, id), sql`(status = 'queued' or (status = 'running' and locked_until < ${now}))`))
        .returning();
      return rows[0] ? toJob(rows[0]) : null;
    },
    async complete(id, now) {
      await db.update(s.jobs).set({ status: "done", lockedUntil: null, updatedAt: now }).where(eq(s.jobs.id, id));
    },
    async retry(id, error, runAt, now) {
      await db
        .update(s.jobs)
        .set({ status: "queued", lastError: error.slice(0, 2000), runAt, lockedUntil: null, updatedAt: now })
        .where(eq(s.jobs.id, id));
    },
    async bury(id, error, now) {
      await db
        .update(s.jobs)
        .set({ status: "dead", lastError: error.slice(0, 2000), lockedUntil: null, updatedAt: now })
        .where(eq(s.jobs.id, id));
    },
    async releaseRunning(now) {
      const rows = await db
        .update(s.jobs)
        .set({ status: "queued", lockedUntil: null, updatedAt: now })
        .where(eq(s.jobs.status, "running"))
        .returning({ id: s.jobs.id });
      return rows.length;
    },
    async getJob(id) {
      const [r] = await db.select().from(s.jobs).where(eq(s.jobs.id, id));
      return r ? { ...toJob(r), status: r.status, lockedUntil: r.lockedUntil ?? null } : null;
    },
    async listDue(now, limit) {
      return db
        .select({ id: s.jobs.id, runAt: s.jobs.runAt })
        .from(s.jobs)
        .where(or(and(eq(s.jobs.status, "queued"), lte(s.jobs.runAt, now)), and(eq(s.jobs.status, "running"), lt(s.jobs.lockedUntil, now))))
        .orderBy(asc(s.jobs.runAt))
        .limit(limit);
    },
    async counts() {
      const rows = await db.select({ status: s.jobs.status, n: sql<number>`count(*)` }).from(s.jobs).groupBy(s.jobs.status);
      return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
    },
  };
}
