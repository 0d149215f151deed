import type { Conversation } from "../../core/types.js";
import type { Store } from "../../ports/store.js";
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
