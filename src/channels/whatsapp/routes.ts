import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { Logger } from "../../ports/logger.js";
import { errorBody } from "../http/errors.js";
import { receiveWhatsAppMessage, receiveWhatsAppStatus, type WhatsAppContext } from "./receive.js";
import { verifyWhatsAppSignature } from "./signature.js";
import { webhookPayload } from "./webhook-payload.js";

/** GET /whatsapp/webhook (Meta's verification handshake) and POST (signed notifications). */
export function whatsappRoutes(ctx: WhatsAppContext, o: { appSecret: string; verifyToken?: string; logger: Logger }) {
  const app = new Hono();
  app.get("/webhook", (c) => {
    const token = c.req.query("hub.verify_token");
    if (c.req.query("hub.mode") === "subscribe" && o.verifyToken && token === o.verifyToken) return c.text(c.req.query("hub.challenge") ?? "");
    return c.json(errorBody(c, "forbidden", "The verify token does not match WHATSAPP_VERIFY_TOKEN."), 403);
  });
  app.post(
    "/webhook",
    bodyLimit({ maxSize: 1024 * 1024, onError: (c) => c.json(errorBody(c, "payload_too_large", "The request body is too large."), 413) }),
    async (c) => {
      const raw = await c.req.text();
      if (!(await verifyWhatsAppSignature(o.appSecret, raw, c.req.header("x-hub-signature-256"))))
        return c.json(errorBody(c, "unauthorized", "The X-Hub-Signature-256 signature does not match."), 401);
      let json: unknown;
      try {
        json = JSON.parse(raw);
      } catch {
        return c.json(errorBody(c, "bad_request", "The body is not JSON."), 400);
      }
      const parsed = webhookPayload.safeParse(json);
      if (!parsed.success) return c.json(errorBody(c, "bad_request", "Not a WhatsApp Business webhook notification."), 400);
      // Everything is stored before the 200; a failure answers 500 so Meta redelivers (dedupe on the message id).
      for (const entry of parsed.data.entry)
        for (const change of entry.changes) {
          const names = new Map((change.value.contacts ?? []).map((p) => [p.wa_id, p.profile?.name]));
          for (const m of change.value.messages ?? []) {
            const outcome = await receiveWhatsAppMessage(ctx, m, names.get(m.from));
            o.logger.info("whatsapp.message", { outcome: outcome.kind, type: m.type });
          }
          for (const s of change.value.statuses ?? []) await receiveWhatsAppStatus(ctx, s);
        }
      return c.json({ ok: true });
    },
  );
  return app;
}
