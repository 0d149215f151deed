import type { CoreDeps } from "../deps.js";
import { badRequest } from "../errors.js";
import { newId } from "../ids.js";
import { randomToken, sha256Hex } from "../security/tokens.js";
import type { StaffMember } from "../types.js";

export type NewStaffInput = { name: string; role: StaffMember["role"]; email?: string | null; slackUserId?: string | null };

/** Creates a staff member. The API key is returned here once; only its hash is stored. */
export async function createStaffMember(
  deps: Pick<CoreDeps, "store" | "clock">,
  input: NewStaffInput,
  actor: string,
): Promise<{ staff: StaffMember; apiKey: string }> {
  const name = input.name.trim();
  if (!name) throw badRequest("A staff member needs a name.");
  const apiKey = randomToken("fds_");
  const staff: StaffMember = {
    id: newId(),
    name,
    role: input.role,
    email: input.email ?? null,
    slackUserId: input.slackUserId ?? null,
    createdAt: deps.clock.now(),
  };
  await deps.store.createStaff(
    { ...staff, keyHash: await sha256Hex(apiKey) },
    { id: newId(), actor, action: "staff.create", entity: "staff", entityId: staff.id, detail: { name, role: staff.role } },
  );
  return { staff, apiKey };
}
