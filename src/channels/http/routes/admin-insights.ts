import { Hono } from "hono";
import { z } from "zod";
import type { CoreDeps } from "../../../core/deps.js";
import { dismissGap, draftGapArticle, listArticleEdits, listGaps } from "../../../core/insights/insights.js";
import { type StaffEnv, staffGuard } from "../staff-guard.js";
import { parseWith } from "../validate.js";
import { parseRange } from "./admin-stats.js";

const RangeQuery = z.object({ from: z.string().max(40).optional(), to: z.string().max(40).optional() });
const GapParam = z.object({ id: z.string().regex(/^gap_[0-9a-f]{16}$/, "expected a gap id such as gap_0123456789abcdef") });

/** /api/admin/insights: knowledge gaps (with a suggested article each) and the edits agents make per article. */
export function adminInsightsRoutes(deps: CoreDeps, adminApiKey: string | undefined) {
  const app = new Hono<StaffEnv>();
  app.use("*", staffGuard(deps, adminApiKey, "admin"));
  const range = (q: Record<string, string>) => parseRange(parseWith(RangeQuery, q), deps.clock.now());
  app.get("/gaps", async (c) => c.json({ gaps: await listGaps(deps, range(c.req.query())) }));
  app.post("/gaps/:id/draft", async (c) => {
    const { id } = parseWith(GapParam, c.req.param());
    const { seedHash: _h, ...article } = await draftGapArticle(deps, c.get("staff"), id, range(c.req.query()));
    return c.json({ article: { ...article, updatedAt: new Date(article.updatedAt).toISOString() } }, 201);
  });
  app.post("/gaps/:id/dismiss", async (c) => {
    const { id } = parseWith(GapParam, c.req.param());
    await dismissGap(deps, c.get("staff"), id, range(c.req.query()));
    return c.json({ dismissed: id });
  });
  app.get("/edits", async (c) => c.json({ articles: await listArticleEdits(deps, range(c.req.query())) }));
  return app;
}
