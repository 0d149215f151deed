import { Hono } from "hono";
import { unauthorized } from "../../../core/errors.js";
import { timingSafeEqual } from "../../../core/security/tokens.js";

export type RenderMetrics = () => Promise<{ contentType: string; body: string }>;

/** GET /metrics in the Prometheus text format, for a scraper that sends Authorization: Bearer <METRICS_TOKEN>. */
export function metricsRoutes(token: string, render: RenderMetrics) {
  const app = new Hono();
  app.get("/", async (c) => {
    const auth = c.req.header("authorization") ?? "";
    const given = auth.startsWith("Bearer ") ? auth.slice(7).trim() : "";
    if (!given || !timingSafeEqual(given, token)) throw unauthorized("Send Authorization: Bearer <METRICS_TOKEN>.");
    const { contentType, body } = await render();
    return c.body(body, 200, { "content-type": contentType, "cache-control": "no-store" });
  });
  return app;
}
