import { and, asc, eq, lt, lte, or, sql } from "drizzle-orm";
import type { Job } from "../../core/types.js";
import type { JobStore } from "../../ports/store.js";
import type { Db } from "./db.js";
import * as s from "./schema.js";

/**
 * No other job of the same lane is running under a live lease. Part of the claim statement itself, so
 * two workers (or two D1 isolates) can never both start a turn of one conversation.
 */
const laneFree = (now: number) =>
  sql`(j.lane is null or not exists (select 1 from jobs r where r.lane = j.lane and r.status = 'running' and r.locked_until >= ${now} and r.id <> j.id))`;

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
      // One statement picks and leases, so two workers never take the same job. Deliveries go
      // first: they take milliseconds and carry answers already written, while a turn holds its
      // slot for seconds of model calls; under a backlog, FIFO left finished replies unsent.
      const rows = await db
        .update(s.jobs)
        .set({ status: "running", attempts: sql`${s.jobs.attempts} + 1`, lockedUntil: now + leaseMs, updatedAt: now })
        .where(
          eq(
            s.jobs.id,
            // Index walks that each stop at their first row (an OR over the states made SQLite sort every
            // due job on each claim, bench/ingest.ts). Deliveries go first: a written answer must not
            // wait behind turns that take seconds each (test/load found 149 stuck that way).
            sql`(select id from (
              select * from (select id, run_at, 0 as tier from jobs where status = 'queued' and kind = 'deliver' and run_at <= ${now} order by run_at limit 1)
              union all
              select * from (select id, run_at, 1 as tier from jobs j where status = 'queued' and run_at <= ${now} and ${laneFree(now)} order by run_at limit 1)
              union all
              select * from (select id, run_at, 1 as tier from jobs j where status = 'running' and locked_until < ${now} and ${laneFree(now)} order by run_at limit 1)
            ) order by tier, run_at limit 1)`,
          ),
        )
        .returning();
      return rows[0] ? toJob(rows[0]) : null;
    },
    async claim(id, now, leaseMs) {
      const rows = await db
        .update(s.jobs)
        .set({ status: "running", attempts: sql`${s.jobs.attempts} + 1`, lockedUntil: now + leaseMs, updatedAt: now })
        .where(
          and(
            eq(s.jobs.id, id),
            sql`(status = 'queued' or (status = 'running' and locked_until < ${now}))`,
            sql`exists (select 1 from jobs j where j.id = ${id} and ${laneFree(now)})`,
          ),
        )
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
