import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { CoreDeps } from "../../core/deps.js";
import { AppError, unauthorized } from "../../core/errors.js";
import { timingSafeEqual } from "../../core/security/tokens.js";
import { acceptRawEmail, type EmailInboundConfig } from "./accept-email.js";

const ACCEPTED_TYPES = ["message/rfc822", "text/plain", "application/octet-stream"];

/**
 * POST /email/inbound: one raw message per request, as raw-MIME webhooks (Mailgun "mime",
 * SendGrid "raw", Postmark/AWS SES via a relay) or an MTA pipe (`curl --data-binary @-`) send it.
 */
export function emailInboundRoutes(deps: CoreDeps, config: EmailInboundConfig & { secret: string; maxBytes: number }) {
  const app = new Hono();
  app.post(
    "/inbound",
    async (c, next) => {
      const auth = c.req.header("authorization") ?? "";
      const token = auth.startsWith("Bearer ") ? auth.slice(7).trim() : "";
      if (!token || !timingSafeEqual(token, config.secret)) throw unauthorized("Send Authorization: Bearer <EMAIL_INBOUND_SECRET>.");
      const type = (c.req.header("content-type") ?? "message/rfc822").split(";")[0]?.trim().toLowerCase() ?? "";
      if (!ACCEPTED_TYPES.includes(type))
        throw new AppError("unsupported_media_type", `Send the raw message as Content-Type: message/rfc822 (got ${type || "none"}).`);
      await next();
    },
    bodyLimit({
      maxSize: config.maxBytes,
      onError: () => {
        throw new AppError("payload_too_large", `The email is larger than ${Math.round(config.maxBytes / 1024 / 1024)} MB; it was not stored.`);
      },
    }),
    async (c) => {
      const raw = new Uint8Array(await c.req.arrayBuffer());
      if (raw.byteLength === 0) throw new AppError("bad_request", "The body is empty; send one raw RFC 5322 message.");
      const result = await acceptRawEmail(deps, config, raw);
      return c.json(
        {
          conversationId: result.conversationId,
          messageId: result.messageId,
          duplicate: result.duplicate,
          autoReply: result.suppressed === null,
          reason: result.suppressed,
        },
        result.duplicate ? 200 : 202,
      );
    },
  );
  return app;
}
