import { Hono } from "hono";
import { z } from "zod";
import { ActionInput, type StoredAction } from "../../../core/actions/definition.js";
import { createAction, deleteAction, runAction, updateAction } from "../../../core/actions/manage-actions.js";
import type { CoreDeps } from "../../../core/deps.js";
import { notFound } from "../../../core/errors.js";
import { iso, type StaffEnv, staffGuard } from "../staff-guard.js";
import { jsonBody, parseWith } from "../validate.js";

const IdParam = z.object({ id: z.string().min(1).max(64) });
const TestInput = z.object({
  arguments: z.record(z.string(), z.unknown()).default({}),
  customer: z.object({ userId: z.string().min(1).max(200).optional(), email: z.email().optional() }).optional(),
});

const view = (a: StoredAction, stats?: { calls: number; failures: number }) => ({
  ...a,
  createdAt: iso(a.createdAt),
  updatedAt: iso(a.updatedAt),
  stats: stats ?? { calls: 0, failures: 0 },
});

/** Admin-defined HTTP actions: CRUD and a test call (API.md, "Actions (admins)"). */
export function adminActionRoutes(deps: CoreDeps, adminApiKey: string | undefined) {
  const app = new Hono<StaffEnv>();
  app.use("*", staffGuard(deps, adminApiKey, "admin"));
  const a = { ...deps.actions, clock: deps.clock };

  app.get("/", async (c) => {
    const [list, stats] = await Promise.all([a.repo.listActions(), a.repo.actionStats()]);
    return c.json({ actions: list.map((x) => view(x, stats[x.name])) });
  });
  app.post("/", async (c) => {
    const action = await createAction(a, await jsonBody(c, ActionInput), c.get("staff").id);
    return c.json({ action: view(action) }, 201);
  });
  app.get("/:id", async (c) => {
    const { id } = parseWith(IdParam, c.req.param());
    const action = await a.repo.getAction(id);
    if (!action) throw notFound("Action");
    return c.json({ action: view(action, (await a.repo.actionStats())[action.name]) });
  });
  app.put("/:id", async (c) => {
    const { id } = parseWith(IdParam, c.req.param());
    return c.json({ action: view(await updateAction(a, id, await jsonBody(c, ActionInput), c.get("staff").id)) });
  });
  app.delete("/:id", async (c) => {
    const { id } = parseWith(IdParam, c.req.param());
    await deleteAction(a, id, c.get("staff").id);
    return c.body(null, 204);
  });
  // The admin plays the customer: a test call uses the identity given here as if it were verified.
  app.post("/:id/test", async (c) => {
    const { id } = parseWith(IdParam, c.req.param());
    const action = await a.repo.getAction(id);
    if (!action) throw notFound("Action");
    const body = await jsonBody(c, TestInput);
    const result = await runAction(a, action, body.arguments, body.customer ?? {}, { actor: c.get("staff").id });
    return c.json({ result });
  });
  return app;
}
