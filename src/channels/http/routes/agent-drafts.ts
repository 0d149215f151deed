import { Hono } from "hono";
import { z } from "zod";
import { toDraftView } from "../../../core/agent/conversation-view.js";
import type { CoreDeps } from "../../../core/deps.js";
import { notFound } from "../../../core/errors.js";
import { decideDraft } from "../../../core/review/decide-draft.js";
import { optionalJsonBody, type StaffEnv, staffGuard } from "../staff-guard.js";
import { draftJson } from "../staff-json.js";
import { jsonBody, parseWith } from "../validate.js";

const DraftQuery = z.object({
  status: z.enum(["pending", "approved", "rejected", "sent"]).default("pending"),
  conversationId: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
const IdParam = z.object({ id: z.string().min(1).max(64) });
export const ApproveDraft = z.object({ text: z.string().max(20_000).optional() }).strict();
export const RejectDraft = z.object({ reason: z.string().min(1).max(1000) }).strict();

/** /api/agent/drafts: the review queue (API.md). */
export function agentDraftRoutes(deps: CoreDeps, adminApiKey: string | undefined) {
  const app = new Hono<StaffEnv>();
  app.use("*", staffGuard(deps, adminApiKey, "agent"));

  app.get("/", async (c) => {
    const q = parseWith(DraftQuery, c.req.query());
    const drafts = await deps.store.listDrafts(q);
    return c.json({ drafts: drafts.map((d) => draftJson(toDraftView(d))) });
  });
  app.get("/:id", async (c) => {
    const { id } = parseWith(IdParam, c.req.param());
    const draft = await deps.store.getDraft(id);
    if (!draft) throw notFound("Draft");
    return c.json({ draft: draftJson(toDraftView(draft)) });
  });
  app.post("/:id/approve", async (c) => {
    const { id } = parseWith(IdParam, c.req.param());
    const { text } = await optionalJsonBody(c, ApproveDraft);
    const draft = await decideDraft(deps, id, c.get("staff"), { action: "approve", text });
    return c.json({ draft: draftJson(toDraftView(draft)) });
  });
  app.post("/:id/reject", async (c) => {
    const { id } = parseWith(IdParam, c.req.param());
    const { reason } = await jsonBody(c, RejectDraft);
    const draft = await decideDraft(deps, id, c.get("staff"), { action: "reject", reason });
    return c.json({ draft: draftJson(toDraftView(draft)) });
  });
  return app;
}
