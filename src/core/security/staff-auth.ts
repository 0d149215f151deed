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
  const hash = await sha256Hex(key);
  const member = await deps.store.findStaffByKeyHash(hash);
  if (member) return member;
  // A genuine customer token is a credential of the wrong role: 403, and never a way in.
  if (await deps.store.findConversationIdByTokenHash(hash)) throw forbidden("A customer token cannot open staff routes.");
  throw unauthorized("Invalid staff API key.");
}

/** The staff member behind a console session; the bootstrap admin only while ADMIN_API_KEY is set. */
export async function staffById(deps: CoreDeps, id: string, bootstrapAdminKey: string | undefined): Promise<StaffMember | null> {
  if (id === BOOTSTRAP_ADMIN.id) return bootstrapAdminKey ? BOOTSTRAP_ADMIN : null;
  return deps.store.getStaff(id);
}

export function requireRole(member: StaffMember, role: "agent" | "admin"): void {
  if (role === "admin" && member.role !== "admin") throw forbidden("This needs an admin key.");
}
