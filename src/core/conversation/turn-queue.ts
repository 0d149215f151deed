import type { NewJob } from "../../ports/store.js";
import type { CoreDeps } from "../deps.js";
import { isFragment } from "../dialog/acts.js";
import type { Conversation, Message, Turn } from "../types.js";

/**
 * How a conversation's turns are scheduled (docs/conversations.md). Every customer message gets a
 * `turn` job in the conversation's lane, so at most one turn of a conversation runs at a time. A turn
 * answers every customer message still pending, not just the one its job was made for; the jobs of
 * messages it covered find nothing left and finish at once.
 */

/** A turn answer overtaken by a newer customer message: recorded in the trace, never sent. */
export const SUPERSEDED = "superseded_by_newer_message";

/** A message that came in while a person owned the conversation: traced, left for them or a hand-back. */
export const WITH_HUMAN = "conversation_with_human";

/** The lane all turn jobs of a conversation share. */
export const turnLane = (conversationId: string) => `conversation:${conversationId}`;

/** Whether a recorded turn settled the messages up to its own (a superseded answer, or one left to a person, did not). */
export const settles = (turn: Pick<Turn, "reasons">) => !turn.reasons.includes(SUPERSEDED) && !turn.reasons.includes(WITH_HUMAN);

/**
 * The customer messages the next turn answers, oldest first: those after the newest message a turn
 * settled and after the newest agent reply (a person who answered has dealt with what came before).
 */
export function pendingCustomerMessages(history: Message[], turns: Pick<Turn, "messageId" | "reasons">[]): Message[] {
  let mark = "";
  for (const t of turns) if (settles(t) && t.messageId > mark) mark = t.messageId;
  for (const m of history) if (m.role === "agent" && m.id > mark) mark = m.id;
  return history.filter((m) => m.role === "customer" && m.id > mark);
}

/**
 * When a message may be answered: at once, unless it is a fragment ("hi", "I can't log in") on a
 * channel with a quiet window, which waits that long for the rest of what the customer is typing.
 */
export function turnDueAt(deps: Pick<CoreDeps, "policy">, conversation: Pick<Conversation, "channel">, message: Pick<Message, "text" | "createdAt">): number {
  const quiet = deps.policy.fragmentQuietMs?.(conversation.channel) ?? 0;
  return quiet > 0 && isFragment(message.text) ? message.createdAt + quiet : message.createdAt;
}

/** The job that answers a conversation's pending messages once `runAt` has come. */
export function turnJob(id: string, conversationId: string, messageId: string | undefined, runAt: number): NewJob {
  return { id, kind: "turn", payload: messageId ? { conversationId, messageId } : { conversationId }, runAt, lane: turnLane(conversationId) };
}

/**
 * When a customer message newer than `messageId` has arrived, the answer just written is stale: it
 * is recorded as superseded (with its cost) and not sent, and the next turn answers everything.
 */
export async function supersededBy(
  deps: Pick<CoreDeps, "store" | "live" | "clock">,
  conversationId: string,
  messageId: string,
  turn: () => Turn,
): Promise<boolean> {
  const newer = await deps.store.listMessages(conversationId, { afterId: messageId });
  if (!newer.some((m) => m.role === "customer")) return false;
  const t = turn();
  await deps.store.applyOutcome({ conversationId, turn: { ...t, reasons: [...t.reasons, SUPERSEDED] } }, deps.clock.now());
  // The chat page drops the text it streamed for this answer.
  deps.live.publish(conversationId, { type: "status", data: { state: "thinking" } });
  return true;
}

/** The pending messages as one message to answer: the newest one's id, every text in order. */
export function coalesce(pending: Message[]): Message | undefined {
  const latest = pending.at(-1);
  if (!latest || pending.length === 1) return latest;
  return {
    ...latest,
    text: pending
      .map((m) => m.text.trim())
      .filter(Boolean)
      .join("\n"),
  };
}
