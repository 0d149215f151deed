import { conversationForThread } from "../../core/conversation/ingest.js";
import type { CoreDeps } from "../../core/deps.js";
import type { Conversation } from "../../core/types.js";

export const CHANNEL = "whatsapp";
/** Thread keys are the phone number, then `{phone}~2`, `~3`… for each later conversation. */
const SESSION_SEPARATOR = "~";
const MAX_SESSIONS = 10_000;

export function phoneOf(conversation: Pick<Conversation, "threadKey">): string {
  return conversation.threadKey.split(SESSION_SEPARATOR)[0] as string;
}

/** The latest conversation with this phone number and the thread key the next one would get. */
async function latestSession(deps: CoreDeps, phone: string): Promise<{ latest: Conversation | null; nextKey: string }> {
  let latest: Conversation | null = null;
  for (let n = 1; n <= MAX_SESSIONS; n++) {
    const key = n === 1 ? phone : `${phone}${SESSION_SEPARATOR}${n}`;
    const found = await deps.store.findConversationByThread(CHANNEL, key);
    if (!found) return { latest, nextKey: key };
    latest = found;
  }
  throw new Error("too many WhatsApp conversations for one number");
}

/** The open conversation with this number, if any (resolved ones are history). */
export async function openSession(deps: CoreDeps, phone: string): Promise<Conversation | null> {
  const { latest } = await latestSession(deps, phone);
  return latest && latest.status !== "resolved" ? latest : null;
}

/**
 * One conversation per phone number until it is resolved; a later message opens a new one that
 * points back to the old (conversations.previous_conversation_id).
 */
export async function sessionFor(deps: CoreDeps, phone: string, name: string | undefined): Promise<Conversation> {
  const { latest, nextKey } = await latestSession(deps, phone);
  if (latest && latest.status !== "resolved") return latest;
  return conversationForThread(deps, { channel: CHANNEL, threadKey: nextKey, sender: { externalId: phone, name } }, { previousConversationId: latest?.id });
}
