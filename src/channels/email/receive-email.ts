import { conversationForThread, ingestMessage } from "../../core/conversation/ingest.js";
import type { CoreDeps } from "../../core/deps.js";
import { badRequest } from "../../core/errors.js";
import { newId } from "../../core/ids.js";
import { sha256Hex } from "../../core/security/tokens.js";
import type { AttachmentInput, Conversation } from "../../core/types.js";
import type { EmailRecord } from "../../ports/store.js";
import type { ParsedEmail } from "./email-types.js";
import { autoReplyBlock } from "./loop-guard.js";
import { normalizeSubject } from "./subject.js";

export type EmailPolicy = {
  /** Our own sending addresses, lower-case: mail from them is never answered. */
  ownAddresses: string[];
  /** How far back a mail without usable In-Reply-To/References may join a thread by sender + subject. */
  threadWindowMs: number;
  /** Inbound mails per sender per hour that still get automatic answers. */
  maxPerSenderPerHour: number;
};

export type ReceivedEmail = { conversationId: string; messageId: string; duplicate: boolean; suppressed: string | null };

const FULL_TEXT_LIMIT = 200_000;

/**
 * Stores one inbound email as a customer turn: dedupes on its Message-ID, threads it by
 * In-Reply-To/References or by sender + subject, and keeps robots and floods from getting a reply
 * by handing those conversations to agents before the turn is written.
 */
export async function receiveEmail(deps: CoreDeps, policy: EmailPolicy, mail: ParsedEmail, raw: Uint8Array): Promise<ReceivedEmail> {
  const { store, clock } = deps;
  if (!mail.from) throw badRequest("The email has no From address, so there is nobody to answer.");
  const now = clock.now();
  const rawSha256 = await sha256Hex(raw);
  // A sender that sets no Message-ID still gets exactly-once delivery: the content is the key.
  const rfcMessageId = mail.rfcMessageId ?? `sha256.${rawSha256}@frontdesk.invalid`;
  const from = mail.from.address.toLowerCase();
  const normalizedSubject = normalizeSubject(mail.subject);

  const seen = await store.findEmail("in", rfcMessageId);
  if (seen?.messageId) return { conversationId: seen.conversationId, messageId: seen.messageId, duplicate: true, suppressed: seen.suppressedReason };

  const conversation = await threadFor(deps, policy, mail, { rfcMessageId, from, normalizedSubject, now, knownConversationId: seen?.conversationId });

  let suppressed = autoReplyBlock({ headers: mail.headers, fromAddress: from, subject: mail.subject, ownAddresses: policy.ownAddresses });
  if (!suppressed && mail.unreadable) suppressed = "unreadable";
  if (!suppressed && (await store.countInboundFrom(from, now - 3600_000)) >= policy.maxPerSenderPerHour) suppressed = "rate_limited";
  // Handed off before the turn exists, so the turn job can never race ahead and answer a robot.
  if (suppressed && conversation.status !== "handed_off")
    await store.updateConversation(conversation.id, { status: "handed_off", handoffReason: `email_not_answered:${suppressed}`.slice(0, 500) }, now, {
      id: newId(),
      actor: "system",
      action: "email_not_answered",
      entity: "conversation",
      entityId: conversation.id,
      detail: { reason: suppressed, from, rfcMessageId },
    });

  const attachments: AttachmentInput[] = [
    { filename: "original.eml", contentType: "message/rfc822", data: raw },
    ...mail.attachments.map(({ filename, contentType, data }) => ({ filename, contentType, data })),
  ];
  const limit = deps.policy.maxMessageChars;
  let text = mail.text;
  if (text.length > limit) text = `${text.slice(0, limit - 80).trimEnd()}\n\n[… cut here; the whole email is in original.eml]`;
  const result = await ingestMessage(deps, conversation, { text, attachments, channelMessageId: rfcMessageId });

  const record: EmailRecord = {
    id: newId(),
    conversationId: conversation.id,
    messageId: result.messageId,
    direction: "in",
    rfcMessageId,
    inReplyTo: mail.inReplyTo,
    references: mail.references.slice(-50),
    subject: mail.subject.slice(0, 500) || null,
    normalizedSubject: normalizedSubject || null,
    fromAddress: from,
    toAddress: mail.to[0]?.toLowerCase() ?? null,
    suppressedReason: suppressed,
    fullText: mail.fullText.slice(0, FULL_TEXT_LIMIT),
    rawSha256,
    createdAt: now,
  };
  await store.recordEmail(record);

  if (!result.duplicate) {
    const notes: string[] = [];
    if (suppressed) notes.push(noteFor(suppressed, from, mail.unreadable));
    if (mail.droppedAttachments > 0)
      notes.push(`This email had ${mail.droppedAttachments} more attachments than are extracted one by one; all of them are in original.eml.`);
    if (notes.length > 0) await store.appendMessage(conversation.id, { id: newId(), role: "system", text: notes.join("\n"), createdAt: clock.now() });
    deps.logger.info("email.received", { conversationId: conversation.id, messageId: result.messageId, suppressed, attachments: attachments.length });
  }
  return { conversationId: conversation.id, messageId: result.messageId, duplicate: result.duplicate, suppressed };
}

async function threadFor(
  deps: CoreDeps,
  policy: EmailPolicy,
  mail: ParsedEmail,
  k: { rfcMessageId: string; from: string; normalizedSubject: string; now: number; knownConversationId?: string },
): Promise<Conversation> {
  const { store } = deps;
  const ids = [...mail.references, ...(mail.inReplyTo ? [mail.inReplyTo] : [])];
  let conversationId = k.knownConversationId ?? (await store.findConversationByEmailIds(ids));
  // Clients that drop or rewrite the headers still keep the sender and the subject.
  if (!conversationId && k.normalizedSubject)
    conversationId = await store.findConversationBySenderSubject(k.from, k.normalizedSubject, k.now - policy.threadWindowMs);
  const existing = conversationId ? await store.getConversation(conversationId) : null;
  if (existing) return existing;
  return conversationForThread(deps, {
    channel: "email",
    threadKey: k.rfcMessageId,
    sender: { externalId: k.from, name: mail.from?.name ?? undefined, email: k.from },
    subject: mail.subject || undefined,
  });
}

function noteFor(reason: string, from: string, unreadable: string | null): string {
  if (reason === "unreadable")
    return `This email from ${from} could not be read properly (${unreadable}). The original is attached as original.eml; it was not answered automatically.`;
  if (reason === "rate_limited") return `${from} sent more emails in the last hour than get automatic answers; this one waits for an agent.`;
  return `Not answered automatically: this looks like machine-sent mail (${reason}). Answering it could start a mail loop, so it waits for an agent.`;
}
