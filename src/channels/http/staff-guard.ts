import type { Context, MiddlewareHandler } from "hono";
import type { z } from "zod";
import type { CoreDeps } from "../../core/deps.js";
import { authenticateStaff, requireRole } from "../../core/security/staff-auth.js";
import type { StaffMember } from "../../core/types.js";
import { bearer, jsonBody } from "./validate.js";

export type StaffEnv = { Variables: { staff: StaffMember } };

/** Every staff route sits behind this: a staff API key of at least the given role, or 401/403. */
export function staffGuard(deps: CoreDeps, adminApiKey: string | undefined, role: "agent" | "admin"): MiddlewareHandler<StaffEnv> {
  return async (c, next) => {
    const staff = await authenticateStaff(deps, bearer(c), adminApiKey);
    requireRole(staff, role);
    c.set("staff", staff);
    await next();
  };
}

/** For actions whose body is optional: no body means `{}`, a body must still be valid JSON. */
export async function optionalJsonBody<T extends z.ZodType>(c: Context, schema: T): Promise<z.infer<T>> {
  const length = c.req.header("content-length");
  if ((length === undefined || length === "0") && c.req.header("transfer-encoding") === undefined) return schema.parse({});
  return jsonBody(c, schema);
}

export const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
