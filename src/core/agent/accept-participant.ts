import type { CoreDeps } from "../deps.js";
import { badRequest, notFound } from "../errors.js";
import { newId } from "../ids.js";
import type { StaffMember } from "../types.js";

/** An agent lets an address the thread already included write into it and receive its replies. */
export async function acceptParticipant(deps: Pick<CoreDeps, "store" | "clock" | "logger">, conversationId: string, staff: StaffMember, address: string) {
  const conversation = await deps.store.getConversation(conversationId);
  if (!conversation) throw notFound("Conversation");
  const a = address.trim().toLowerCase();
  const ok = await deps.store.acceptEmailParticipant(conversationId, a, staff.id, deps.clock.now(), {
    id: newId(),
    actor: staff.id,
    action: "email_participant_accepted",
    entity: "conversation",
    entityId: conversationId,
    detail: { address: a },
  });
  if (!ok) throw badRequest(`${a} was never included in this thread's mail, so it cannot be accepted here.`, { field: "address" });
  deps.logger.info("email.participant_accepted", { conversationId, staffId: staff.id });
  return deps.store.listEmailParticipants(conversationId);
}
