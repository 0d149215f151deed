import type { Store } from "../../ports/store.js";
import type { CoreDeps } from "../deps.js";
import { badRequest, notFound } from "../errors.js";
import { newId } from "../ids.js";
import type { Conversation, StaffMember } from "../types.js";
import { isOwnAddress } from "./own-address.js";

// Who an email thread belongs to. Message-IDs travel with every forward and every Cc, so knowing one
// proves nothing: a mail joins a thread only when its sender is the thread's contact or an address
// the thread included (Cc, To) and an agent accepted. Replies go to those addresses only.

const normal = (address: string) => address.trim().toLowerCase();

/** Whether `address` may write into (and be answered on) this conversation. */
export async function isThreadParticipant(store: Store, conversation: Conversation, address: string): Promise<boolean> {
  const a = normal(address);
  const contact = conversation.contactId ? await store.getContact(conversation.contactId) : null;
  if (contact?.email && normal(contact.email) === a) return true;
  return (await store.listEmailParticipants(conversation.id)).some((p) => p.status === "accepted" && p.address === a);
}

/** Keeps the other people a participant's mail included, so an agent can accept them later. */
export async function rememberIncludedAddresses(
  store: Store,
  conversationId: string,
  k: { sender: string; included: string[]; ownAddresses: readonly string[]; now: number },
): Promise<void> {
  const others = [...new Set(k.included.map(normal))].filter((a) => a.includes("@") && a !== normal(k.sender) && !isOwnAddress(a, k.ownAddresses));
  await store.addEmailParticipants(conversationId, others.slice(0, 50), k.now);
}

/** An agent lets an address the thread already included write into it and receive its replies. */
export async function acceptParticipant(deps: Pick<CoreDeps, "store" | "clock" | "logger">, conversationId: string, staff: StaffMember, address: string) {
  const conversation = await deps.store.getConversation(conversationId);
  if (!conversation) throw notFound("Conversation");
  const a = normal(address);
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
