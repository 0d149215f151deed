import { Hono } from "hono";
import { z } from "zod";
import type { CoreDeps } from "../../../core/deps.js";
import { parseWith } from "../validate.js";

const SearchQuery = z.object({
  q: z.string().max(10_000).default(""),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

/** Public knowledge search over published articles. */
export function kbRoutes(deps: CoreDeps) {
  const app = new Hono();
  app.get("/search", async (c) => {
    const { q, limit } = parseWith(SearchQuery, c.req.query());
    const results = await deps.search.search(q, { limit });
    return c.json({ results: results.map(({ body: _body, ...hit }) => hit) });
  });
  return app;
}
