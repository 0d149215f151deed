import { Hono } from "hono";
import { z } from "zod";
import { acceptParticipant } from "../../../core/agent/accept-participant.js";
import { agentReply } from "../../../core/agent/agent-reply.js";
import { loadAttachmentFile } from "../../../core/agent/attachment-file.js";
import { changeConversation } from "../../../core/agent/conversation-state.js";
import { loadConversationView } from "../../../core/agent/conversation-view.js";
import type { CoreDeps } from "../../../core/deps.js";
import { iso, optionalJsonBody, type StaffEnv, staffGuard } from "../staff-guard.js";
import { attachmentJson, conversationJson, draftJson, messageJson, turnJson } from "../staff-json.js";
import { jsonBody, parseWith } from "../validate.js";

export const ConversationQuery = z.object({
  status: z.enum(["open", "waiting", "handed_off", "resolved"]).optional(),
  channel: z.enum(["web", "slack", "email"]).optional(),
  priority: z.string().max(50).optional(),
  category: z.string().max(100).optional(),
  language: z
    .string()
    .regex(/^[a-z]{2}$/, "an ISO 639-1 code such as en")
    .optional(),
  sentiment: z.enum(["negative", "neutral", "positive"]).optional(),
  assignee: z.string().max(64).optional(),
  before: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
const IdParam = z.object({ id: z.string().min(1).max(64) });
export const AgentMessage = z.object({ text: z.string().min(1).max(20_000) }).strict();
const Assign = z.object({ assigneeId: z.string().min(1).max(64).nullable().optional() }).strict();
const Handoff = z.object({ reason: z.string().max(400).optional() }).strict();
const Empty = z.object({}).strict();
const AcceptParticipant = z.object({ address: z.email().max(320) }).strict();
const participantJson = (p: { address: string; status: string; acceptedBy: string | null; acceptedAt: number | null; createdAt: number }) => ({
  ...p,
  acceptedAt: iso(p.acceptedAt),
  createdAt: iso(p.createdAt),
});

/** Customer files are served so a browser never runs them: nosniff, a sandbox CSP, downloads unless a plain image. */
export function attachmentResponse(file: { data: Uint8Array; contentType: string; filename: string; inline: boolean }) {
  return new Response(file.data as BodyInit, {
    headers: {
      "content-type": file.contentType,
      "content-disposition": `${file.inline ? "inline" : "attachment"}; filename="${file.filename}"`,
      "x-content-type-options": "nosniff",
      "content-security-policy": "default-src 'none'; sandbox",
      "cache-control": "private, no-store",
    },
  });
}

/** /api/agent/conversations: agents and admins read conversations and act on them. */
export function agentConversationRoutes(deps: CoreDeps, adminApiKey: string | undefined) {
  const app = new Hono<StaffEnv>();
  app.use("*", staffGuard(deps, adminApiKey, "agent"));

  app.get("/", async (c) => {
    const q = parseWith(ConversationQuery, c.req.query());
    const list = await deps.store.listConversations({
      status: q.status,
      channel: q.channel,
      priority: q.priority,
      category: q.category,
      language: q.language,
      sentiment: q.sentiment,
      assigneeId: q.assignee === "me" ? c.get("staff").id : q.assignee,
      before: q.before,
      limit: q.limit,
    });
    return c.json({ conversations: list.map(conversationJson) });
  });

  app.get("/:id", async (c) => {
    const { id } = parseWith(IdParam, c.req.param());
    const view = await loadConversationView(deps, id);
    return c.json({
      conversation: conversationJson(view.conversation),
      contact: view.contact,
      messages: view.messages.map(messageJson),
      attachments: view.attachments.map(attachmentJson),
      turns: view.turns.map(turnJson),
      drafts: view.drafts.map(draftJson),
      audit: view.audit.map((a) => ({ ...a, createdAt: new Date(a.createdAt).toISOString() })),
      participants: view.participants.map(participantJson),
    });
  });

  // Email: an agent lets an address the thread's mail included (Cc, To) write into it.
  app.post("/:id/participants", async (c) => {
    const { id } = parseWith(IdParam, c.req.param());
    const { address } = await jsonBody(c, AcceptParticipant);
    const participants = await acceptParticipant(deps, id, c.get("staff"), address);
    return c.json({ participants: participants.map(participantJson) });
  });

  app.get("/:id/attachments/:attachmentId", async (c) => {
    const { id } = parseWith(IdParam, c.req.param());
    const file = await loadAttachmentFile(deps, id, c.req.param("attachmentId"));
    return attachmentResponse(file);
  });

  app.post("/:id/messages", async (c) => {
    const { id } = parseWith(IdParam, c.req.param());
    const { text } = await jsonBody(c, AgentMessage);
    const message = await agentReply(deps, id, c.get("staff"), text);
    return c.json({ message: messageJson(message) }, 201);
  });

  app.post("/:id/assign", async (c) => {
    const { id } = parseWith(IdParam, c.req.param());
    const body = await optionalJsonBody(c, Assign);
    return c.json({ conversation: conversationJson(await changeConversation(deps, id, c.get("staff"), { action: "assign", assigneeId: body.assigneeId })) });
  });
  app.post("/:id/handoff", async (c) => {
    const { id } = parseWith(IdParam, c.req.param());
    const body = await optionalJsonBody(c, Handoff);
    return c.json({ conversation: conversationJson(await changeConversation(deps, id, c.get("staff"), { action: "handoff", reason: body.reason })) });
  });
  for (const action of ["resolve", "release"] as const)
    app.post(`/:id/${action}`, async (c) => {
      const { id } = parseWith(IdParam, c.req.param());
      await optionalJsonBody(c, Empty);
      return c.json({ conversation: conversationJson(await changeConversation(deps, id, c.get("staff"), { action })) });
    });
  return app;
}
