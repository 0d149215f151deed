import type { NewAttachment } from "../../ports/store.js";
import type { CoreDeps } from "../deps.js";
import { AppError, badRequest } from "../errors.js";
import { newId } from "../ids.js";
import { sha256Hex } from "../security/tokens.js";
import type { Conversation, InboundMessage } from "../types.js";
import { turnDueAt, turnJob } from "./turn-queue.js";

/**
 * Stores a customer message and the job that will answer it, in one write, before the channel is
 * acknowledged. Repeats of the same channel message id return the first message.
 */
export async function ingestMessage(
  deps: CoreDeps,
  conversation: Conversation,
  input: Pick<InboundMessage, "text" | "attachments" | "channelMessageId">,
  opts: { refuseUnreadableAttachments?: boolean } = {},
): Promise<{ messageId: string; duplicate: boolean }> {
  const text = input.text.trim();
  if (text.length === 0 && input.attachments.length === 0) throw badRequest("A message needs text or an attachment.");
  if (text.length > deps.policy.maxMessageChars) throw new AppError("payload_too_large", `Text is longer than ${deps.policy.maxMessageChars} characters.`);
  const maxBytes = deps.policy.maxAttachmentBytes;
  const tooBig = input.attachments.find((a) => maxBytes !== undefined && a.data.byteLength > maxBytes);
  if (tooBig) throw new AppError("payload_too_large", `File ${tooBig.filename} is larger than ${Math.floor((maxBytes ?? 0) / 1000)} kB, the limit here.`);
  // A channel where the sender is waiting on the answer (web chat) refuses a file it cannot read, so
  // the customer can send another at once; mail and Slack cannot be refused, so those files are
  // stored and rejected visibly by the turn job instead.
  if (opts.refuseUnreadableAttachments && deps.attachments?.check) {
    for (const a of input.attachments.filter((x) => !x.storeOnly)) {
      const problem = deps.attachments.check(a);
      if (problem)
        throw new AppError(problem.code === "unsupported_type" ? "unsupported_media_type" : "payload_too_large", problem.message, {
          reason: problem.code,
          filename: a.filename,
        });
    }
  }
  const now = deps.clock.now();
  const messageId = newId();
  const attachments: NewAttachment[] = [];
  for (const a of input.attachments) {
    attachments.push({
      id: newId(),
      filename: a.filename.slice(0, 255),
      sha256: await sha256Hex(a.data),
      mime: a.contentType,
      size: a.data.byteLength,
      status: a.storeOnly ? "stored" : "pending",
      error: null,
      extracted: null,
      data: a.data,
    });
  }
  const job = turnJob(newId(), conversation.id, messageId, turnDueAt(deps, conversation, { text, createdAt: now }));
  const result = await deps.store.appendInbound({
    conversationId: conversation.id,
    message: { id: messageId, role: "customer", text, channelMessageId: input.channelMessageId, createdAt: now },
    attachments,
    job,
  });
  if (!result.duplicate) {
    deps.logger.info("message.ingested", {
      conversationId: conversation.id,
      messageId: result.messageId,
      channel: conversation.channel,
      chars: text.length,
      attachments: attachments.length,
    });
    await deps.jobs.notify([job.id]);
  }
  return result;
}

/** Finds the conversation for a channel thread, creating it (and the contact) on first contact. */
export async function conversationForThread(
  deps: CoreDeps,
  inbound: Pick<InboundMessage, "channel" | "threadKey" | "sender" | "subject" | "locale">,
  opts: { previousConversationId?: string } = {},
): Promise<Conversation> {
  const existing = await deps.store.findConversationByThread(inbound.channel, inbound.threadKey);
  if (existing) return existing;
  const now = deps.clock.now();
  const known = await deps.store.findContactByIdentity(inbound.channel, inbound.sender.externalId);
  const contactId = known?.contactId ?? newId();
  return deps.store.createConversation({
    conversation: {
      id: newId(),
      channel: inbound.channel,
      threadKey: inbound.threadKey,
      contactId,
      status: "open",
      priority: "normal",
      category: null,
      assigneeId: null,
      subject: inbound.subject?.slice(0, 300) ?? null,
      locale: inbound.locale ?? null,
      handoffReason: null,
      summary: null,
      previousConversationId: opts.previousConversationId ?? null,
      handedOffAt: null,
      firstResponseDueAt: null,
      firstResponseAt: null,
      createdAt: now,
      updatedAt: now,
    },
    contact: known ? undefined : { id: contactId, name: inbound.sender.name ?? null, email: inbound.sender.email ?? null },
    identity: known ? undefined : { id: newId(), channel: inbound.channel, externalId: inbound.sender.externalId },
  });
}
