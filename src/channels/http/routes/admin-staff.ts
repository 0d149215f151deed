import { Hono } from "hono";
import { z } from "zod";
import type { CoreDeps } from "../../../core/deps.js";
import { notFound } from "../../../core/errors.js";
import { newId } from "../../../core/ids.js";
import { createStaffMember } from "../../../core/staff/create-staff.js";
import { iso, type StaffEnv, staffGuard } from "../staff-guard.js";
import { jsonBody, parseWith } from "../validate.js";

export const NewStaff = z
  .object({
    name: z.string().trim().min(1).max(200),
    role: z.enum(["agent", "admin"]),
    email: z.email().max(320).optional(),
    slackUserId: z.string().max(50).optional(),
  })
  .strict();
const IdParam = z.object({ id: z.string().min(1).max(64) });
const AuditQuery = z.object({
  entity: z.string().max(50).optional(),
  entityId: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** /api/admin/staff and /api/admin/audit. The new key is in the 201 response and nowhere else. */
export function adminStaffRoutes(deps: CoreDeps, adminApiKey: string | undefined) {
  const app = new Hono<StaffEnv>();
  app.use("*", staffGuard(deps, adminApiKey, "admin"));

  app.get("/staff", async (c) => {
    const staff = await deps.store.listStaff();
    return c.json({ staff: staff.map((s) => ({ ...s, createdAt: iso(s.createdAt) })) });
  });
  app.post("/staff", async (c) => {
    const input = await jsonBody(c, NewStaff);
    const { staff, apiKey } = await createStaffMember(deps, input, c.get("staff").id);
    return c.json({ staff: { ...staff, createdAt: iso(staff.createdAt) }, apiKey }, 201);
  });
  app.delete("/staff/:id", async (c) => {
    const { id } = parseWith(IdParam, c.req.param());
    const now = deps.clock.now();
    const ok = await deps.store.disableStaff(id, now, { id: newId(), actor: c.get("staff").id, action: "staff.disable", entity: "staff", entityId: id });
    if (!ok) throw notFound("Staff member");
    return c.body(null, 204);
  });
  app.get("/audit", async (c) => {
    const q = parseWith(AuditQuery, c.req.query());
    const entries = await deps.store.listAudit(q);
    return c.json({ audit: entries.map((a) => ({ ...a, createdAt: iso(a.createdAt) })) });
  });
  return app;
}
