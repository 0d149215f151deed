import type { NewMessage } from "../../ports/store.js";
import { jobIdsOf, noticeDelivery } from "../delivery/notice-delivery.js";
import type { CoreDeps } from "../deps.js";
import { newId } from "../ids.js";
import { customerVoice } from "../profile/customer-voice.js";
import type { WorkspaceProfile } from "../profile/schema.js";
import { rejectedFilesNotice } from "../texts/notices.js";
import type { Attachment, Conversation, Message, ModelCall, SearchHit, Turn } from "../types.js";

/**
 * Tells the customer which files could not be read and why. When the message was nothing but those
 * files there is nothing else to answer, so the turn ends here (true).
 */
export async function tellAboutRejected(
  deps: CoreDeps,
  profile: WorkspaceProfile,
  conversation: Conversation,
  message: Message,
  rejected: Attachment[],
  onlyFiles: boolean,
  baseTurn: (route: Turn["route"], reasons: string[], hits: SearchHit[], calls: ModelCall[]) => Turn,
): Promise<boolean> {
  const now = deps.clock.now();
  // At most once per message, even when the job is retried after this point.
  if (!(await deps.store.rememberKey(`attachments_rejected:${message.id}`, 30 * 86_400_000, now))) return onlyFiles;
  const notice: NewMessage = {
    id: newId(),
    role: "system",
    text: rejectedFilesNotice(
      rejected.map((a) => ({ filename: a.filename, code: (a.extracted as { code?: string } | null)?.code })),
      customerVoice(profile, conversation, now),
    ).slice(0, 2000),
    createdAt: now,
  };
  const deliver = noticeDelivery(deps, conversation.channel, notice.id);
  await deps.store.applyOutcome(
    {
      conversationId: conversation.id,
      turn: onlyFiles ? baseTurn("offline", ["attachments_rejected"], [], []) : undefined,
      messages: [notice],
      deliver,
    },
    now,
  );
  if (onlyFiles) deps.live.publish(conversation.id, { type: "status", data: { state: "idle" } });
  await deps.jobs.notify(jobIdsOf({ deliver }));
  return onlyFiles;
}
