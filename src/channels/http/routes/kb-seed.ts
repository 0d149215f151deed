import { Hono } from "hono";
import { z } from "zod";
import type { CoreDeps } from "../../../core/deps.js";
import { syncSeedArticles } from "../../../core/knowledge/seed-sync.js";
import { authenticateStaff, requireRole } from "../../../core/security/staff-auth.js";
import { bearer, jsonBody } from "../validate.js";

/** About 4 D1 queries per article: 10 stays inside the free plan's 50 queries per invocation. */
export const MAX_SEED_ARTICLES = 10;

export const SeedArticles = z
  .object({
    articles: z
      .array(
        z.object({
          slug: z
            .string()
            .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
            .max(120),
          title: z.string().min(1).max(200),
          tags: z.array(z.string().max(100)).max(50).default([]),
          body: z.string().min(1).max(200_000),
          questions: z.array(z.string().min(1).max(300)).max(30).default([]),
        }),
      )
      .min(1)
      .max(MAX_SEED_ARTICLES),
  })
  .strict();

/**
 * `POST /api/admin/kb/seed`: the knowledge/*.md import for runtimes without a file system
 * (Workers). `npm run kb:push` parses the files and sends them here; the same idempotent sync as
 * the Node start-up import runs, so unchanged articles add nothing and console edits win.
 */
export function kbSeedRoutes(deps: CoreDeps, options: { adminApiKey?: string }) {
  const app = new Hono();
  app.post("/seed", async (c) => {
    requireRole(await authenticateStaff(deps, bearer(c), options.adminApiKey), "admin");
    const { articles } = await jsonBody(c, SeedArticles);
    const report = await syncSeedArticles(deps.store, articles, deps.clock.now());
    deps.logger.info("kb.seeded", { created: report.created, updated: report.updated, unchanged: report.unchanged });
    return c.json(report);
  });
  return app;
}
