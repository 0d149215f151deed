import { ingestMessage } from "../../core/conversation/ingest.js";
import { noticeDelivery } from "../../core/delivery/notice-delivery.js";
import type { CoreDeps } from "../../core/deps.js";
import { newId } from "../../core/ids.js";
import type { AttachmentInput } from "../../core/types.js";
import type { GraphApi } from "./graph-api.js";
import { CHANNEL, openSession, sessionFor } from "./sessions.js";
import type { WhatsAppMessage, WhatsAppStatus } from "./webhook-payload.js";

export type WhatsAppContext = { deps: CoreDeps; api: GraphApi; maxMediaBytes: number; background: (work: Promise<unknown>) => void };

const UNSUPPORTED_NOTE = "Sorry, I can only read text messages and photos here. Please type your question, or send a photo of what you want to show us.";

type Outcome = { kind: "stored" | "duplicate" | "ignored" | "unsupported"; conversationId?: string };

/** Text of an interactive or quick-reply answer: the label the customer tapped. */
function replyText(m: WhatsAppMessage): string | undefined {
  return m.interactive?.button_reply?.title ?? m.interactive?.list_reply?.title ?? m.button?.text;
}

/** One inbound message: stored (with its turn job) before the webhook is answered. */
export async function receiveWhatsAppMessage(ctx: WhatsAppContext, m: WhatsAppMessage, name?: string): Promise<Outcome> {
  const { deps } = ctx;
  // Number changes, identity notices…: never the start of a conversation, and nothing to answer.
  if (m.type === "system" || m.type === "unknown" || m.type === "reaction") return { kind: "ignored" };
  let text = m.text?.body ?? replyText(m) ?? "";
  const attachments: AttachmentInput[] = [];
  if (m.type === "image" && m.image) {
    text = m.image.caption ?? "";
    try {
      const got = await ctx.api.downloadMedia(m.image.id, ctx.maxMediaBytes);
      attachments.push({
        filename: `whatsapp-${m.image.id}.${(m.image.mime_type ?? got.contentType).split("/")[1] ?? "img"}`,
        contentType: got.contentType,
        data: got.data,
      });
    } catch (error) {
      // Retryable failures make Meta redeliver (5xx); anything else is named in the text for the agent.
      if ((error as { retryable?: boolean }).retryable) throw error;
      deps.logger.warn("whatsapp.media_failed", { messageId: m.id, error: String(error) });
      text = [text, "[sent a photo that could not be downloaded]"].filter(Boolean).join("\n");
    }
  }
  const conversation = await sessionFor(deps, m.from, name);
  if (!text && attachments.length === 0) return unsupported(ctx, conversation.id, m);
  const result = await ingestMessage(deps, conversation, { text: text.slice(0, deps.policy.maxMessageChars), attachments, channelMessageId: m.id });
  if (!result.duplicate) ctx.background(ctx.api.markRead(m.id).catch((e) => deps.logger.debug("whatsapp.mark_read_failed", { error: String(e) })));
  return { kind: result.duplicate ? "duplicate" : "stored", conversationId: conversation.id };
}

/** Voice, video, documents, stickers, locations…: kept for agents, and the customer is told what works. */
async function unsupported(ctx: WhatsAppContext, conversationId: string, m: WhatsAppMessage): Promise<Outcome> {
  const { deps } = ctx;
  const now = deps.clock.now();
  if (!(await deps.store.rememberKey(`whatsapp:unsupported:${m.id}`, 7 * 86_400_000, now))) return { kind: "duplicate", conversationId };
  const customer = {
    id: newId(),
    role: "customer" as const,
    text: `[${m.type} message: not readable on this channel]`,
    channelMessageId: m.id,
    createdAt: now,
  };
  const note = { id: newId(), role: "system" as const, text: UNSUPPORTED_NOTE, createdAt: now + 1 };
  const deliver = noticeDelivery(deps, CHANNEL, note.id);
  await deps.store.applyOutcome({ conversationId, messages: [customer, note], deliver }, now);
  await deps.jobs.notify(deliver.map((d) => d.jobId));
  return { kind: "unsupported", conversationId };
}

/** A failed delivery (number not on WhatsApp, window closed…) goes to a person with the reason shown. */
export async function receiveWhatsAppStatus(ctx: WhatsAppContext, s: WhatsAppStatus): Promise<void> {
  if (s.status !== "failed") return;
  const { deps } = ctx;
  const conversation = await openSession(deps, s.recipient_id);
  if (!conversation) return;
  const error = s.errors?.[0];
  const reason = `delivery_failed: whatsapp ${error?.code ?? ""} ${error?.title ?? "message not delivered"}`.replace(/\s+/g, " ").trim();
  await deps.store.applyOutcome(
    {
      conversationId: conversation.id,
      conversation: { status: "handed_off", handoffReason: reason.slice(0, 500) },
      audit: [
        {
          id: newId(),
          actor: "system",
          action: "delivery_failed",
          entity: "conversation",
          entityId: conversation.id,
          detail: { whatsappMessageId: s.id, error: reason },
        },
      ],
    },
    deps.clock.now(),
  );
  deps.logger.warn("whatsapp.delivery_failed", { conversationId: conversation.id, code: error?.code });
}
