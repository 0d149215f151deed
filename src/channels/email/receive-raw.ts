import PostalMime from "postal-mime";
import { conversationForThread, ingestMessage } from "../../core/conversation/ingest.js";
import type { CoreDeps } from "../../core/deps.js";
import type { AttachmentInput } from "../../core/types.js";

export type ReceiveEmailResult = { status: "accepted"; conversationId: string; messageId: string; duplicate: boolean } | { status: "ignored"; reason: string };

/**
 * The seam between a transport (Workers' email() handler, the Node webhook, IMAP) and the inbound
 * email use case: raw RFC 5322 bytes in. The email channel's `acceptRawEmail(deps, config, raw)`
 * has this shape once its config is bound; src/entry/worker.ts takes any function of it.
 */
export type ReceiveRawEmail = (deps: CoreDeps, raw: Uint8Array) => Promise<unknown>;

const AUTOMATED_SENDER = /^(mailer-daemon|postmaster|no-?reply|bounces?)[@+]/i;

function firstId(header: string | undefined): string | undefined {
  return header?.match(/<[^>]+>/)?.[0];
}

/**
 * A stand-in until the email channel's parser is wired here: parses with postal-mime (runs on Node and Workers), skips automated mail so we never start a
 * loop, threads on the root of References / In-Reply-To, and ingests like any other channel.
 */
export async function receiveRawEmail(deps: CoreDeps, raw: Uint8Array, options: { maxAttachmentBytes?: number } = {}): Promise<ReceiveEmailResult> {
  const parsed = await PostalMime.parse(raw);
  const header = (name: string) => parsed.headers.find((h) => h.key === name)?.value?.trim();
  const autoSubmitted = header("auto-submitted");
  if (autoSubmitted && autoSubmitted.toLowerCase() !== "no") return { status: "ignored", reason: "auto_submitted" };
  if (/^(bulk|junk|list)$/i.test(header("precedence") ?? "") || header("list-id")) return { status: "ignored", reason: "bulk_or_list" };
  const fromAddress = parsed.from && "address" in parsed.from ? parsed.from.address : undefined;
  if (!fromAddress || AUTOMATED_SENDER.test(fromAddress)) return { status: "ignored", reason: "automated_sender" };

  const messageId =
    parsed.messageId ??
    `<${await crypto.subtle.digest("SHA-256", raw as BufferSource).then((d) => btoa(String.fromCharCode(...new Uint8Array(d))))}@frontdesk.invalid>`;
  const threadKey = firstId(parsed.references) ?? firstId(parsed.inReplyTo) ?? messageId;
  const attachments: AttachmentInput[] = [];
  const skipped: string[] = [];
  for (const a of parsed.attachments) {
    const c = a.content;
    const data =
      typeof c === "string" ? new TextEncoder().encode(c) : c instanceof ArrayBuffer ? new Uint8Array(c) : new Uint8Array(c.buffer, c.byteOffset, c.byteLength);
    const filename = a.filename ?? "attachment";
    if (options.maxAttachmentBytes !== undefined && data.byteLength > options.maxAttachmentBytes) skipped.push(`${filename} (${data.byteLength} bytes)`);
    else attachments.push({ filename, contentType: a.mimeType || "application/octet-stream", data });
  }
  const note = skipped.length > 0 ? `\n\n[Attachments too large to store here, ask the customer for a link: ${skipped.join(", ")}]` : "";
  // An empty body with a subject is still a question ("Refund?"): the subject stands in for it.
  const text = ((parsed.text ?? "").trim() || (attachments.length === 0 ? (parsed.subject ?? "").trim() : "")) + note;

  const sender = {
    externalId: fromAddress.toLowerCase(),
    email: fromAddress,
    name: parsed.from && "name" in parsed.from ? parsed.from.name || undefined : undefined,
  };
  const conversation = await conversationForThread(deps, { channel: "email", threadKey, sender, subject: parsed.subject });
  const result = await ingestMessage(deps, conversation, { text, attachments, channelMessageId: messageId });
  return { status: "accepted", conversationId: conversation.id, ...result };
}
