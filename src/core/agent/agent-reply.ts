import type { NewMessage } from "../../ports/store.js";
import { jobIdsOf } from "../delivery/notice-delivery.js";
import type { CoreDeps } from "../deps.js";
import { badRequest, notFound } from "../errors.js";
import { newId } from "../ids.js";
import type { Message, StaffMember } from "../types.js";

/**
 * An agent writes to the customer directly. The message goes through the outbox on the
 * conversation's own channel, and the agent becomes the assignee so the bot stays quiet.
 */
export async function agentReply(deps: CoreDeps, conversationId: string, staff: Pick<StaffMember, "id" | "name">, text: string): Promise<Message> {
  const body = text.trim();
  if (!body) throw badRequest("The reply is empty.");
  if (body.length > deps.policy.maxMessageChars) throw badRequest(`The reply is longer than ${deps.policy.maxMessageChars} characters.`);
  const conversation = await deps.store.getConversation(conversationId);
  if (!conversation) throw notFound("Conversation");
  const now = deps.clock.now();
  const message: NewMessage = { id: newId(), role: "agent", text: body, authorId: staff.id, createdAt: now };
  const deliver = [{ outboxId: newId(), messageId: message.id, jobId: newId() }];
  await deps.store.applyOutcome(
    {
      conversationId,
      messages: [message],
      deliver,
      conversation: {
        assigneeId: conversation.assigneeId ?? staff.id,
        // A reply reopens a resolved conversation; a handed-off one stays with the humans.
        status: conversation.status === "resolved" || conversation.status === "waiting" ? "open" : conversation.status,
      },
      audit: [
        { id: newId(), actor: staff.id, action: "conversation.reply", entity: "conversation", entityId: conversationId, detail: { messageId: message.id } },
      ],
    },
    now,
  );
  await deps.jobs.notify(jobIdsOf({ deliver }));
  const stored = await deps.store.getMessage(message.id);
  if (!stored) throw notFound("Message");
  return stored;
}
