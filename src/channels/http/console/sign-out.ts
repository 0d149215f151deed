import { type Context, Hono } from "hono";
import type { CoreDeps } from "../../../core/deps.js";
import { newId } from "../../../core/ids.js";
import type { ConsoleEnv } from "./routes.js";

/**
 * Signing out ends the session on the server, not only in this browser: a copied cookie dies with
 * it. "Sign out everywhere" ends every session of the member (a lost laptop, a shared machine).
 */
export function signOutRoutes(deps: Pick<CoreDeps, "store" | "clock" | "logger">, clearCookie: (c: Context) => void) {
  const app = new Hono<ConsoleEnv>();
  app.post("/logout", async (c) => {
    await deps.store.revokeStaffSession(c.get("session").sid, deps.clock.now());
    clearCookie(c);
    return c.redirect("/console/login", 303);
  });
  app.post("/logout-everywhere", async (c) => {
    const staff = c.get("staff");
    const sessions = await deps.store.revokeAllStaffSessions(staff.id, deps.clock.now(), {
      id: newId(),
      actor: staff.id,
      action: "staff.sign_out_everywhere",
      entity: "staff",
      entityId: staff.id,
    });
    deps.logger.info("console.sign_out_everywhere", { staffId: staff.id, sessions });
    clearCookie(c);
    return c.redirect("/console/login", 303);
  });
  return app;
}
