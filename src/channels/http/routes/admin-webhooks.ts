import { Hono } from "hono";
import { z } from "zod";
import type { CoreDeps } from "../../../core/deps.js";
import { listWebhookDeliveries, redeliverWebhook } from "../../../core/webhooks/delivery-log.js";
import { iso, type StaffEnv, staffGuard } from "../staff-guard.js";
import { parseWith } from "../validate.js";

const IdParam = z.object({ id: z.string().min(1).max(64) });
const ListQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).optional() });

/** /api/admin/webhooks/deliveries: the delivery log, and redelivery of one event. */
export function adminWebhookRoutes(deps: CoreDeps, adminApiKey: string | undefined) {
  const app = new Hono<StaffEnv>();
  app.use("*", staffGuard(deps, adminApiKey, "admin"));
  app.get("/deliveries", async (c) => {
    const { limit } = parseWith(ListQuery, c.req.query());
    const rows = await listWebhookDeliveries(deps, limit);
    return c.json({ deliveries: rows.map((d) => ({ ...d, createdAt: iso(d.createdAt), updatedAt: iso(d.updatedAt) })) });
  });
  app.post("/deliveries/:id/redeliver", async (c) => {
    const { id } = parseWith(IdParam, c.req.param());
    deps.logger.info("webhook.redeliver", { jobId: id, staffId: c.get("staff").id });
    return c.json(await redeliverWebhook(deps, id), 202);
  });
  return app;
}
