import type { DraftView } from "../../core/agent/conversation-view.js";
import type { Attachment, Conversation, Message, Turn } from "../../core/types.js";
import { iso } from "./staff-guard.js";

// Staff-facing JSON: internal ids included, timestamps as ISO strings like the public API.
export const conversationJson = (c: Conversation) => ({
  ...c,
  createdAt: iso(c.createdAt),
  updatedAt: iso(c.updatedAt),
  firstResponseDueAt: iso(c.firstResponseDueAt),
  firstResponseAt: iso(c.firstResponseAt),
});
export const messageJson = (m: Message) => ({ ...m, createdAt: iso(m.createdAt) });
export const attachmentJson = (a: Attachment) => ({ ...a, createdAt: iso(a.createdAt) });
export const turnJson = (t: Turn) => ({ ...t, createdAt: iso(t.createdAt) });
export const draftJson = (d: DraftView) => ({ ...d, createdAt: iso(d.createdAt), decidedAt: iso(d.decidedAt) });
