import type { EmailParticipant } from "../../ports/store.js";
import type { CoreDeps } from "../deps.js";
import { notFound } from "../errors.js";
import { type DiffLine, lineDiff } from "../text/line-diff.js";
import type { Attachment, Conversation, Draft, Message, Turn } from "../types.js";

export type DraftView = Draft & { diff: DiffLine[] | null };

/** A draft as agents see it: when someone edited it, the line diff from the bot's text to theirs. */
export const toDraftView = (d: Draft): DraftView => ({ ...d, diff: d.editedText !== null ? lineDiff(d.text, d.editedText) : null });

export type ConversationView = {
  conversation: Conversation;
  contact: { id: string; name: string | null; email: string | null } | null;
  messages: Message[];
  attachments: Attachment[];
  turns: Turn[];
  drafts: DraftView[];
  audit: { actor: string; action: string; detail?: Record<string, unknown>; createdAt: number }[];
  /** Email only: addresses the thread included, and whether an agent let them in. */
  participants: EmailParticipant[];
  /** Email only: the DMARC result our MTA gave each inbound mail, by message id. */
  emailAuth: Record<string, string | null>;
};

/** Everything an agent needs to judge a conversation, including the trace customers never see. */
export async function loadConversationView(deps: Pick<CoreDeps, "store">, id: string): Promise<ConversationView> {
  const conversation = await deps.store.getConversation(id);
  if (!conversation) throw notFound("Conversation");
  const [contact, messages, attachments, turns, drafts, audit, participants, emails] = await Promise.all([
    conversation.contactId ? deps.store.getContact(conversation.contactId) : Promise.resolve(null),
    deps.store.listMessages(id, { limit: 1000 }),
    deps.store.listAttachments(id),
    deps.store.listTurns(id),
    deps.store.listDrafts({ conversationId: id, limit: 500 }),
    deps.store.listAudit({ entity: "conversation", entityId: id, limit: 100 }),
    deps.store.listEmailParticipants(id),
    deps.store.listEmails(id),
  ]);
  const emailAuth: Record<string, string | null> = {};
  for (const e of emails) if (e.direction === "in" && e.messageId && e.authentication) emailAuth[e.messageId] = e.authentication.dmarc;
  return {
    conversation,
    contact,
    messages,
    attachments,
    turns,
    drafts: drafts.map(toDraftView),
    audit: audit.map(({ actor, action, detail, createdAt }) => ({ actor, action, detail, createdAt })),
    participants,
    emailAuth,
  };
}
