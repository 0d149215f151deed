import { Hono } from "hono";
import { streamSSE } from "hono/streaming";
import { z } from "zod";
import { ingestMessage } from "../../../core/conversation/ingest.js";
import { toPublicMessage } from "../../../core/conversation/public-message.js";
import { authorizeCustomer, startWebConversation } from "../../../core/conversation/web-chat.js";
import type { CoreDeps } from "../../../core/deps.js";
import { AppError, badRequest } from "../../../core/errors.js";
import { newId } from "../../../core/ids.js";
import { sha256Hex } from "../../../core/security/tokens.js";
import type { AttachmentInput, LiveEvent } from "../../../core/types.js";
import { streamCap } from "../stream-cap.js";
import { bearer, jsonBody, parseWith } from "../validate.js";

export const StartConversation = z
  .object({
    name: z.string().trim().max(200).optional(),
    email: z.email().max(320).optional(),
    locale: z.string().max(35).optional(),
    userId: z.string().trim().min(1).max(200).optional(),
    userHash: z.string().max(200).optional(),
  })
  .strict();

const MAX_ATTACHMENTS = 10;
const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

export const PostMessage = z
  .object({
    text: z.string(),
    attachments: z
      .array(
        z.object({
          filename: z.string().min(1).max(255),
          contentType: z.string().min(1).max(255),
          dataBase64: z.string().max(Math.ceil((MAX_ATTACHMENT_BYTES * 4) / 3) + 4),
        }),
      )
      .max(MAX_ATTACHMENTS)
      .optional(),
  })
  .strict();

const IdParam = z.object({ id: z.string().min(1).max(64) });
/** Oldest first after the cursor (API.md): `limit` 1–500, 100 by default. */
export const MessagePage = z.object({
  after: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

function decodeBase64(data: string, filename: string): Uint8Array {
  if (!/^[A-Za-z0-9+/=\s]*$/.test(data)) throw badRequest(`Attachment ${filename}: dataBase64 is not base64.`);
  try {
    return Uint8Array.from(atob(data.replace(/\s+/g, "")), (ch) => ch.charCodeAt(0));
  } catch {
    throw badRequest(`Attachment ${filename}: dataBase64 is not base64.`);
  }
}

async function readMessage(c: import("hono").Context): Promise<{ text: string; attachments: AttachmentInput[] }> {
  const type = (c.req.header("content-type") ?? "").toLowerCase();
  if (type.startsWith("multipart/form-data")) {
    let form: FormData;
    try {
      form = await c.req.formData();
    } catch {
      throw badRequest("The multipart body could not be parsed.");
    }
    const text = form.get("text");
    const files = form.getAll("files").filter((f): f is File => typeof f !== "string");
    if (files.length > MAX_ATTACHMENTS) throw badRequest(`At most ${MAX_ATTACHMENTS} files per message.`);
    const attachments: AttachmentInput[] = [];
    for (const file of files) {
      if (file.size > MAX_ATTACHMENT_BYTES) throw new AppError("payload_too_large", `File ${file.name} is larger than 10 MB.`);
      attachments.push({ filename: file.name || "file", contentType: file.type || "application/octet-stream", data: new Uint8Array(await file.arrayBuffer()) });
    }
    return { text: typeof text === "string" ? text : "", attachments };
  }
  const body = await jsonBody(c, PostMessage);
  const attachments = (body.attachments ?? []).map((a) => {
    const data = decodeBase64(a.dataBase64, a.filename);
    if (data.byteLength > MAX_ATTACHMENT_BYTES) throw new AppError("payload_too_large", `File ${a.filename} is larger than 10 MB.`);
    return { filename: a.filename, contentType: a.contentType, data };
  });
  return { text: body.text, attachments };
}

/** Customer web chat (API.md). Every route below the create call needs the conversation's token. */
export function chatRoutes(deps: CoreDeps, opts: { maxStreamsPerToken: number; recheckMs: number } = { maxStreamsPerToken: 3, recheckMs: 5_000 }) {
  const app = new Hono();
  const caps = streamCap(opts.maxStreamsPerToken);

  app.post("/conversations", async (c) => {
    // All fields are optional, so an empty body is a valid request.
    const hasBody = (c.req.header("content-length") ?? "0") !== "0" || c.req.header("transfer-encoding") !== undefined;
    const input = parseWith(StartConversation, hasBody ? await jsonBody(c, z.unknown()) : {});
    return c.json(await startWebConversation(deps, input), 201);
  });

  app.post("/conversations/:id/messages", async (c) => {
    const { id } = parseWith(IdParam, c.req.param());
    const conversation = await authorizeCustomer(deps, id, bearer(c));
    const idempotencyKey = c.req.header("idempotency-key");
    if (idempotencyKey !== undefined && (idempotencyKey.length === 0 || idempotencyKey.length > 255))
      throw badRequest("Idempotency-Key must be 1 to 255 characters.");
    const { text, attachments } = await readMessage(c);
    const result = await ingestMessage(
      deps,
      conversation,
      { text, attachments, channelMessageId: idempotencyKey ?? `web:${newId()}` },
      { refuseUnreadableAttachments: true },
    );
    return c.json({ messageId: result.messageId }, 202);
  });

  app.get("/conversations/:id/messages", async (c) => {
    const { id } = parseWith(IdParam, c.req.param());
    const conversation = await authorizeCustomer(deps, id, bearer(c));
    const { after, limit } = parseWith(MessagePage, c.req.query());
    // One more than asked says whether another page follows, instead of cutting off silently.
    const rows = await deps.store.listMessages(id, { afterId: after || undefined, limit: limit + 1 });
    const page = rows.slice(0, limit);
    return c.json({ status: conversation.status, messages: page.map(toPublicMessage), hasMore: rows.length > limit });
  });

  app.get("/conversations/:id/stream", async (c) => {
    const { id } = parseWith(IdParam, c.req.param());
    const token = bearer(c) ?? c.req.query("token");
    await authorizeCustomer(deps, id, token);
    const tokenHash = await sha256Hex(token ?? "");
    // The token is checked again while the stream is open: expiry, revocation (a new token, an
    // erased contact) and the per-token cap all end it.
    const stillValid = async () => {
      const current = await deps.store.getCustomerToken(id).catch(() => null);
      return current !== null && current.hash === tokenHash && (current.expiresAt === null || current.expiresAt > deps.clock.now());
    };
    return streamSSE(c, async (stream) => {
      const queue: LiveEvent[] = [];
      let wake: (() => void) | undefined;
      let ended: "expired" | "replaced" | null = null;
      const unsubscribe = deps.live.subscribe(id, (event) => {
        queue.push(event);
        wake?.();
      });
      const release = caps.add(tokenHash, () => {
        ended = "replaced";
        wake?.();
      });
      stream.onAbort(() => {
        unsubscribe();
        wake?.();
      });
      await stream.writeSSE({ event: "status", data: JSON.stringify({ state: "idle" }) });
      let checkedAt = Date.now();
      let wroteAt = Date.now();
      try {
        while (!stream.aborted && !stream.closed && !ended) {
          if (Date.now() - checkedAt >= opts.recheckMs || queue.length > 0) {
            checkedAt = Date.now();
            if (!(await stillValid())) ended = "expired";
            if (ended) break;
          }
          const event = queue.shift();
          if (event) {
            await stream.writeSSE({ event: event.type, data: JSON.stringify(event.data) });
            wroteAt = Date.now();
            continue;
          }
          // Wait for the next event, the next token check, or send a comment every 15 s so proxies keep the stream open.
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, Math.min(15_000, opts.recheckMs));
            wake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
          wake = undefined;
          if (queue.length === 0 && !stream.aborted && !ended && Date.now() - wroteAt >= 15_000) {
            await stream.write(": keep-alive\n\n");
            wroteAt = Date.now();
          }
        }
        if (ended && !stream.aborted) {
          const message =
            ended === "expired" ? "This conversation's token is no longer valid." : "Too many open streams for this conversation; this one was closed.";
          await stream.writeSSE({ event: "closed", data: JSON.stringify({ code: ended === "expired" ? "unauthorized" : "rate_limited", message }) });
          deps.logger.info("chat.stream_closed", { conversationId: id, reason: ended });
        }
      } finally {
        release();
        unsubscribe();
      }
    });
  });

  return app;
}
