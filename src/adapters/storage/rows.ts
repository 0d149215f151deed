import type { Attachment, Conversation, Draft, Message, Turn } from "../../core/types.js";
import type * as s from "./schema.js";

// Row → domain mappers: the only place that knows column nullability quirks.
export const toConversation = (r: typeof s.conversations.$inferSelect): Conversation => ({
  id: r.id,
  channel: r.channel as Conversation["channel"],
  threadKey: r.threadKey,
  contactId: r.contactId,
  status: r.status,
  priority: r.priority,
  category: r.category,
  assigneeId: r.assigneeId,
  subject: r.subject,
  locale: r.locale,
  handoffReason: r.handoffReason,
  summary: r.summary,
  previousConversationId: r.previousConversationId,
  language: r.language,
  sentiment: r.sentiment,
  resolvedBy: r.resolvedBy,
  handedOffAt: r.handedOffAt,
  firstResponseDueAt: r.firstResponseDueAt,
  firstResponseAt: r.firstResponseAt,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

export const toMessage = (r: typeof s.messages.$inferSelect): Message => ({
  id: r.id,
  conversationId: r.conversationId,
  role: r.role,
  text: r.text,
  citations: r.citations ?? [],
  ...(r.choices?.length ? { choices: r.choices } : {}),
  channelMessageId: r.channelMessageId,
  authorId: r.authorId,
  draftId: r.draftId,
  createdAt: r.createdAt,
});

export const toAttachment = (r: typeof s.attachments.$inferSelect): Attachment => ({ ...r, extracted: r.extracted ?? null });

export const toDraft = (r: typeof s.drafts.$inferSelect): Draft => ({ ...r });

export const toTurn = (r: typeof s.turns.$inferSelect): Turn => ({
  ...r,
  route: r.route as Turn["route"],
  calls: (r.calls ?? []) as Turn["calls"],
  triage: r.triage ?? null,
});

export const toBase64 = (bytes: Uint8Array): string => {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
};
export const fromBase64 = (text: string): Uint8Array => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
