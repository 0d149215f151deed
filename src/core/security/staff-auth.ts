import type { CoreDeps } from "../deps.js";
import { forbidden, unauthorized } from "../errors.js";
import type { StaffMember } from "../types.js";
import { sha256Hex, timingSafeEqual } from "./tokens.js";

export const BOOTSTRAP_ADMIN: StaffMember = { id: "bootstrap-admin", name: "Bootstrap admin", role: "admin", email: null, slackUserId: null, createdAt: 0 };

/**
 * Resolves a staff API key. Keys are stored as SHA-256 hashes (they are 256-bit random, so a slow
 * hash adds nothing); ADMIN_API_KEY from the environment is accepted as a bootstrap admin.
 */
export async function authenticateStaff(deps: CoreDeps, key: string | undefined, bootstrapAdminKey: string | undefined): Promise<StaffMember> {
  if (!key) throw unauthorized("A staff API key is required (Authorization: Bearer <key>).");
  if (bootstrapAdminKey && timingSafeEqual(key, bootstrapAdminKey)) return BOOTSTRAP_ADMIN;
  const member = await deps.store.findStaffByKeyHash(await sha256Hex(key));
  if (!member) throw unauthorized("Invalid staff API key.");
  return member;
}

export function requireRole(member: StaffMember, role: "agent" | "admin"): void {
  if (role === "admin" && member.role !== "admin") throw forbidden("This needs an admin key.");
}
