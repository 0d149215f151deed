import type { ConversationPatch, NewMessage, TurnOutcome } from "../../ports/store.js";
import { turnJob } from "../conversation/turn-queue.js";
import { jobIdsOf, noticeDelivery } from "../delivery/notice-delivery.js";
import type { CoreDeps } from "../deps.js";
import { badRequest, notFound } from "../errors.js";
import { newId } from "../ids.js";
import { loadProfile } from "../profile/curate-profile.js";
import { customerVoice } from "../profile/customer-voice.js";
import { systemText } from "../texts/catalogue.js";
import type { Conversation, StaffMember } from "../types.js";

export type ConversationAction =
  | { action: "assign"; assigneeId?: string | null }
  | { action: "handoff"; reason?: string }
  | { action: "resolve" }
  | { action: "release" };

/**
 * Moves a conversation between the bot and the humans. Customer-visible changes (handoff, release)
 * post a system message through the outbox, so the customer always knows who is answering.
 */
export async function changeConversation(
  deps: CoreDeps,
  conversationId: string,
  staff: Pick<StaffMember, "id">,
  input: ConversationAction,
): Promise<Conversation> {
  const conversation = await deps.store.getConversation(conversationId);
  if (!conversation) throw notFound("Conversation");
  const now = deps.clock.now();
  let patch: ConversationPatch;
  let notice: string | undefined;
  const profile = await loadProfile(deps.store);
  const { language } = customerVoice(profile, conversation, now);
  let handBack = false;
  const detail: Record<string, unknown> = {};
  switch (input.action) {
    case "assign": {
      const assigneeId = input.assigneeId === undefined ? staff.id : input.assigneeId;
      if (assigneeId && assigneeId !== staff.id && !(await deps.store.getStaff(assigneeId))) throw badRequest("No active staff member has that id.");
      patch = { assigneeId };
      detail.assigneeId = assigneeId;
      break;
    }
    case "handoff": {
      const reason = input.reason?.trim().slice(0, 400) || "taken over by an agent";
      patch = { status: "handed_off", handoffReason: `agent_handoff: ${reason}`, assigneeId: conversation.assigneeId ?? staff.id };
      if (conversation.status !== "handed_off") notice = systemText("handoff.agent_took_over", language, undefined, profile.texts);
      detail.reason = reason;
      break;
    }
    case "resolve":
      patch = { status: "resolved", resolvedBy: "agent" };
      break;
    case "release":
      patch = { status: "open", assigneeId: null, handoffReason: null };
      handBack = conversation.status === "handed_off" || conversation.assigneeId !== null;
      if (handBack) notice = systemText("release.bot_back", language, undefined, profile.texts);
      break;
  }
  const outcome: TurnOutcome = {
    conversationId,
    conversation: patch,
    audit: [{ id: newId(), actor: staff.id, action: `conversation.${input.action}`, entity: "conversation", entityId: conversationId, detail }],
  };
  if (notice) {
    const message: NewMessage = { id: newId(), role: "system", text: notice, createdAt: now };
    outcome.messages = [message];
    outcome.deliver = noticeDelivery(deps, conversation.channel, message.id);
  }
  // Handed back: the bot answers what the customer wrote while a person had it and nobody answered.
  if (handBack) outcome.jobs = [turnJob(newId(), conversationId, undefined, now)];
  await deps.store.applyOutcome(outcome, now);
  await deps.jobs.notify(jobIdsOf(outcome));
  if (input.action === "handoff") deps.live.publish(conversationId, { type: "status", data: { state: "handed_off" } });
  const updated = await deps.store.getConversation(conversationId);
  if (!updated) throw notFound("Conversation");
  return updated;
}
