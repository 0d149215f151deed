import { newId } from "../../core/ids.js";
import type { ChannelSender } from "../../ports/channel-sender.js";
import type { MailTransport } from "../../ports/mail-transport.js";
import type { Store } from "../../ports/store.js";
import { bareAddress, composeReply } from "./compose-reply.js";
import { normalizeSubject } from "./subject.js";

/**
 * The email ChannelSender: answers the customer's latest mail in the thread. Status notes (role
 * system: "a teammate is checking", handoff notices) are not mailed: each would be one more
 * automatic mail per turn, and the agent's reply is the answer that follows.
 */
export function emailSender(deps: { store: Store; transport: MailTransport; from: string; articleUrl?: string; now: () => number }): ChannelSender {
  return {
    async send({ conversation, message, idempotencyKey }) {
      if (message.role === "system" || message.role === "customer") return { ok: true, externalId: "not-mailed" };
      const thread = await deps.store.listEmails(conversation.id);
      const lastInbound = [...thread].reverse().find((e) => e.direction === "in") ?? null;
      let to = lastInbound?.fromAddress ?? null;
      if (!to && conversation.contactId) to = (await deps.store.getContact(conversation.contactId))?.email ?? null;
      if (!to) return { ok: false, retryable: false, error: "no customer email address for this conversation" };
      const mail = composeReply({
        from: deps.from,
        to,
        message,
        idempotencyKey,
        lastInbound,
        thread,
        conversationSubject: conversation.subject,
        articleUrl: deps.articleUrl,
      });
      // Recorded before sending: a customer who answers at once must already thread to us.
      const rfcMessageId = mail.messageId.slice(1, -1);
      await deps.store.recordEmail({
        id: newId(),
        conversationId: conversation.id,
        messageId: message.id,
        direction: "out",
        rfcMessageId,
        inReplyTo: mail.inReplyTo?.slice(1, -1) ?? null,
        references: mail.references.map((r) => r.slice(1, -1)),
        subject: mail.subject,
        normalizedSubject: normalizeSubject(mail.subject) || null,
        fromAddress: bareAddress(deps.from),
        toAddress: to,
        suppressedReason: null,
        fullText: mail.text,
        rawSha256: null,
        createdAt: deps.now(),
      });
      const result = await deps.transport.send(mail);
      return result.ok ? { ok: true, externalId: result.externalId ?? rfcMessageId } : result;
    },
  };
}
