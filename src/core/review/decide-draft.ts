import type { NewMessage } from "../../ports/store.js";
import { jobIdsOf, noticeDelivery } from "../delivery/notice-delivery.js";
import type { CoreDeps } from "../deps.js";
import { badRequest, conflict, notFound } from "../errors.js";
import { newId } from "../ids.js";
import { handoffNotice } from "../texts/notices.js";
import type { Draft, StaffMember } from "../types.js";

export type DraftDecision = { action: "approve"; text?: string } | { action: "reject"; reason: string };

/**
 * An agent's decision on a held draft, from the console or Slack. Exactly one decision wins: a
 * second one (same or other agent, any channel) gets a conflict and the customer one message.
 */
export async function decideDraft(deps: CoreDeps, draftId: string, staff: Pick<StaffMember, "id" | "name">, decision: DraftDecision): Promise<Draft> {
  const draft = await deps.store.getDraft(draftId);
  if (!draft) throw notFound("Draft");
  if (draft.status !== "pending") throw conflict(`This draft was already ${draft.status}${draft.decidedBy ? ` by ${draft.decidedBy}` : ""}.`);
  const conversation = await deps.store.getConversation(draft.conversationId);
  if (!conversation) throw notFound("Conversation");
  const now = deps.clock.now();
  const audit = { id: newId(), actor: staff.id, action: `draft.${decision.action}`, entity: "draft", entityId: draft.id };
  let deliver: ReturnType<typeof noticeDelivery>;

  if (decision.action === "approve") {
    const edited = decision.text?.trim();
    if (decision.text !== undefined && !edited) throw badRequest("The edited text is empty.");
    if (edited && edited.length > deps.policy.maxMessageChars) throw badRequest(`The edited text is longer than ${deps.policy.maxMessageChars} characters.`);
    const changed = edited !== undefined && edited !== draft.text;
    const message: NewMessage = {
      id: newId(),
      role: "assistant",
      text: changed ? edited : draft.text,
      citations: draft.citations,
      draftId: draft.id,
      authorId: staff.id,
      createdAt: now,
    };
    deliver = [{ outboxId: newId(), messageId: message.id, jobId: newId() }];
    const ok = await deps.store.decideDraft(
      draft.id,
      "pending",
      { status: "sent", decidedBy: staff.id, decidedAt: now, ...(changed ? { editedText: edited } : {}) },
      {
        conversationId: conversation.id,
        messages: [message],
        deliver,
        conversation: { status: conversation.status === "waiting" ? "open" : conversation.status },
        audit: [{ ...audit, detail: { edited: changed } }],
      },
      now,
    );
    if (!ok) throw conflict("Another decision on this draft was made first.");
  } else {
    const reason = decision.reason.trim();
    if (!reason) throw badRequest("A rejection needs a reason.");
    // The rejection's notice carries the draft id: the same unique index settles a race with an approval.
    const notice: NewMessage = { id: newId(), role: "system", text: handoffNotice(["draft_rejected"]), draftId: draft.id, createdAt: now };
    deliver = noticeDelivery(deps, conversation.channel, notice.id);
    const ok = await deps.store.decideDraft(
      draft.id,
      "pending",
      { status: "rejected", decidedBy: staff.id, decidedAt: now, rejectReason: reason.slice(0, 1000) },
      {
        conversationId: conversation.id,
        messages: [notice],
        deliver,
        conversation: { status: "handed_off", handoffReason: `draft_rejected: ${reason}`.slice(0, 500), assigneeId: conversation.assigneeId ?? staff.id },
        audit: [{ ...audit, detail: { reason } }],
      },
      now,
    );
    if (!ok) throw conflict("Another decision on this draft was made first.");
  }
  await deps.jobs.notify(jobIdsOf({ deliver }));
  const decided = await deps.store.getDraft(draft.id);
  if (!decided) throw notFound("Draft");
  deps.logger.info("draft.decided", { draftId: draft.id, action: decision.action, staffId: staff.id });
  return decided;
}
