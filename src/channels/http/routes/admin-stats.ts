import { Hono } from "hono";
import { z } from "zod";
import type { CoreDeps } from "../../../core/deps.js";
import { badRequest } from "../../../core/errors.js";
import { getStats } from "../../../core/stats/compute-stats.js";
import { type StaffEnv, staffGuard } from "../staff-guard.js";
import { parseWith } from "../validate.js";

const DAY = 24 * 3600_000;
const StatsQuery = z.object({ from: z.string().max(40).optional(), to: z.string().max(40).optional() });

/** A date (`2026-11-01`) or an ISO date-time; a bare `to` date includes that whole day. */
export function parseRange(q: { from?: string; to?: string }, now: number) {
  const parse = (v: string, name: string, endOfDay: boolean) => {
    const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(v);
    const ms = Date.parse(dateOnly ? `${v}T00:00:00Z` : v);
    if (Number.isNaN(ms)) throw badRequest(`${name}: expected a date like 2026-11-01 or an ISO date-time.`);
    return dateOnly && endOfDay ? ms + DAY : ms;
  };
  const to = q.to ? parse(q.to, "to", true) : now;
  const from = q.from ? parse(q.from, "from", false) : to - 30 * DAY;
  return { from, to };
}

/** /api/admin/stats?from=&to= (default: the last 30 days). */
export function adminStatsRoutes(deps: CoreDeps, adminApiKey: string | undefined) {
  const app = new Hono<StaffEnv>();
  app.use("*", staffGuard(deps, adminApiKey, "admin"));
  app.get("/", async (c) => c.json(await getStats(deps, parseRange(parseWith(StatsQuery, c.req.query()), deps.clock.now()))));
  return app;
}
