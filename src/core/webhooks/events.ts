import type { NewJob } from "../../ports/store.js";
import { newId } from "../ids.js";
import type { Conversation, Draft } from "../types.js";

export const WEBHOOK_EVENT_TYPES = ["conversation.created", "conversation.handed_off", "conversation.resolved", "draft.held", "message.created"] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** The JSON body of one delivery; `id` stays the same on every retry and redelivery (receivers dedupe on it). */
export type WebhookEvent = { id: string; type: WebhookEventType; createdAt: string; data: Record<string, unknown> };

export const WEBHOOK_JOB = "webhook";

/** Which events are sent; built once from WEBHOOK_EVENTS (default: all). */
export type WebhookFilter = ReadonlySet<WebhookEventType>;

export function parseWebhookEvents(list: string | undefined): WebhookEventType[] {
  if (!list?.trim() || list.trim() === "*") return [...WEBHOOK_EVENT_TYPES];
  const wanted = list
    .split(",")
    .map((t) => t.trim())
    .filter(Boolean);
  const unknown = wanted.filter((t) => !(WEBHOOK_EVENT_TYPES as readonly string[]).includes(t));
  if (unknown.length > 0) throw new Error(`unknown event type(s) ${unknown.join(", ")}; expected some of ${WEBHOOK_EVENT_TYPES.join(", ")}`);
  return wanted as WebhookEventType[];
}

/** The conversation as other systems see it: facts and codes, no staff-only notes. */
export function conversationData(c: Conversation) {
  return {
    id: c.id,
    channel: c.channel,
    status: c.status,
    priority: c.priority,
    category: c.category,
    subject: c.subject,
    summary: c.summary,
    assigneeId: c.assigneeId,
    createdAt: new Date(c.createdAt).toISOString(),
  };
}

export function draftData(d: Draft) {
  return { id: d.id, conversationId: d.conversationId, mode: d.mode, confidence: d.confidence, reasons: d.reasons, replyToMessageId: d.replyToMessageId };
}

export function messageData(conversationId: string, m: { id: string; role: string; text: string; authorId?: string | null; createdAt: number }) {
  return { id: m.id, conversationId, role: m.role, text: m.text, authorId: m.authorId ?? null, createdAt: new Date(m.createdAt).toISOString() };
}

/** One job per event that passes the filter; the job carries the whole event, so a retry sends the same bytes. */
export function webhookJobs(filter: WebhookFilter, events: { type: WebhookEventType; data: Record<string, unknown> }[], now: number): NewJob[] {
  return events
    .filter((e) => filter.has(e.type))
    .map((e) => {
      const event: WebhookEvent = { id: newId(), type: e.type, createdAt: new Date(now).toISOString(), data: e.data };
      return { id: newId(), kind: WEBHOOK_JOB, payload: { event }, runAt: now };
    });
}
