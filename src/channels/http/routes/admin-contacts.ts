import { Hono } from "hono";
import { z } from "zod";
import type { CoreDeps } from "../../../core/deps.js";
import { notFound } from "../../../core/errors.js";
import { newId } from "../../../core/ids.js";
import { type StaffEnv, staffGuard } from "../staff-guard.js";
import { parseWith } from "../validate.js";

const IdParam = z.object({ id: z.string().min(1).max(64) });

/** A contact's data on request: export everything, or erase it (GDPR-style access and erasure). */
export function adminContactRoutes(deps: CoreDeps, adminApiKey: string | undefined) {
  const app = new Hono<StaffEnv>();
  app.use("*", staffGuard(deps, adminApiKey, "admin"));

  app.post("/:id/export", async (c) => {
    const { id } = parseWith(IdParam, c.req.param());
    const data = await deps.store.exportContact(id, { id: newId(), actor: c.get("staff").id, action: "contact.exported", entity: "contact", entityId: id });
    if (!data) throw notFound("Contact");
    c.header("content-disposition", `attachment; filename="contact-${id}.json"`);
    return c.json({ exportedAt: new Date(deps.clock.now()).toISOString(), ...data });
  });

  app.delete("/:id", async (c) => {
    const { id } = parseWith(IdParam, c.req.param());
    // The audit entry names who erased which id, and nothing of what was erased.
    const erased = await deps.store.deleteContact(id, { id: newId(), actor: c.get("staff").id, action: "contact.deleted", entity: "contact", entityId: id });
    if (!erased) throw notFound("Contact");
    deps.logger.info("contact.deleted", { contactId: id, staffId: c.get("staff").id });
    return c.body(null, 204);
  });
  return app;
}
