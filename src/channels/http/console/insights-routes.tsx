import type { Context, Hono } from "hono";
import type { CoreDeps } from "../../../core/deps.js";
import { dismissGap, draftGapArticle, listArticleEdits, listGaps } from "../../../core/insights/insights.js";
import { listWebhookDeliveries, redeliverWebhook } from "../../../core/webhooks/delivery-log.js";
import { parseRange } from "../routes/admin-stats.js";
import { InsightsPage, WebhooksPage } from "./insights-pages.js";
import type { PageCtx } from "./layout.js";
import type { ConsoleEnv } from "./routes.js";

/** The helpers routes.tsx gives its pages: the page context, error page and form-action runner. */
export type ConsoleHelpers = {
  ctx: (c: Context<ConsoleEnv>) => PageCtx;
  fail: (c: Context, error: unknown) => Response | Promise<Response>;
  act: (c: Context, back: string, run: () => Promise<string | { redirect: string; text: string }>) => Promise<Response>;
};

/** Admin pages: /console/insights (knowledge gaps, edits per article) and /console/webhooks (delivery log). */
export function insightsConsoleRoutes(app: Hono<ConsoleEnv>, deps: CoreDeps, h: ConsoleHelpers) {
  const range = (c: Context) => parseRange({ from: c.req.query("from") || undefined, to: c.req.query("to") || undefined }, deps.clock.now());
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const staff = (c: Context<ConsoleEnv>) => c.get("staff");
  const back = (c: Context<ConsoleEnv>) => `/console/insights${new URL(c.req.url).search}`;

  app.get("/insights", async (c) => {
    try {
      const r = range(c);
      const [gaps, edits] = await Promise.all([listGaps(deps, r), listArticleEdits(deps, r)]);
      return c.html(<InsightsPage ctx={h.ctx(c)} gaps={gaps} edits={edits} from={day(r.from)} to={day(r.to - 1)} />);
    } catch (error) {
      return h.fail(c, error);
    }
  });
  app.post("/insights/gaps/:id/draft", async (c) =>
    h.act(c, back(c), async () => {
      const article = await draftGapArticle(deps, staff(c), c.req.param("id"), range(c));
      return { redirect: `/console/knowledge/${article.id}`, text: "Draft article created from the agents' replies; review it and publish." };
    }),
  );
  app.post("/insights/gaps/:id/dismiss", async (c) =>
    h.act(c, back(c), async () => {
      await dismissGap(deps, staff(c), c.req.param("id"), range(c));
      return "Gap dismissed.";
    }),
  );
  app.get("/webhooks", async (c) => c.html(<WebhooksPage ctx={h.ctx(c)} deliveries={await listWebhookDeliveries(deps)} />));
  app.post("/webhooks/:id/redeliver", async (c) =>
    h.act(c, "/console/webhooks", async () => {
      await redeliverWebhook(deps, c.req.param("id"));
      return "Queued for redelivery with the same event id.";
    }),
  );
}
