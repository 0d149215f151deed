import { Hono } from "hono";
import { z } from "zod";
import type { CoreDeps } from "../../../core/deps.js";
import { loadProfile, profileJson, restoreProfile, saveProfile } from "../../../core/profile/curate-profile.js";
import { ProfileInput } from "../../../core/profile/schema.js";
import { iso, type StaffEnv, staffGuard } from "../staff-guard.js";
import { jsonBody } from "../validate.js";

const Restore = z.object({ version: z.number().int().positive() }).strict();

/** /api/admin/profile: the workspace profile; every save is a new version and an audit entry. */
export function adminProfileRoutes(deps: CoreDeps, adminApiKey: string | undefined) {
  const app = new Hono<StaffEnv>();
  app.use("*", staffGuard(deps, adminApiKey, "admin"));

  app.get("/", async (c) => c.json({ profile: profileJson(await loadProfile(deps.store)) }));
  app.put("/", async (c) => {
    const input = await jsonBody(c, ProfileInput);
    return c.json({ profile: profileJson(await saveProfile(deps.store, c.get("staff"), input, deps.clock.now())) });
  });
  app.get("/versions", async (c) => {
    const versions = await deps.store.listProfileVersions(100);
    const audit = await deps.store.listAudit({ entity: "profile", entityId: "workspace", limit: 100 });
    return c.json({
      versions: versions.map((v) => ({ version: v.version, createdBy: v.createdBy, createdAt: iso(v.createdAt), profile: v.data })),
      audit: audit.map((a) => ({ actor: a.actor, action: a.action, detail: a.detail, createdAt: iso(a.createdAt) })),
    });
  });
  app.post("/restore", async (c) => {
    const { version } = await jsonBody(c, Restore);
    return c.json({ profile: profileJson(await restoreProfile(deps.store, c.get("staff"), version, deps.clock.now())) });
  });
  return app;
}
