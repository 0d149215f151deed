import type { CoreDeps } from "../deps.js";
import { notFound } from "../errors.js";

// Only images our intake re-encoded (status "processed": decoded and written out again by us) are
// shown inline; anything else (SVG, HTML, PDFs, an image nobody re-encoded…) is a download,
// because customer files are served from the console's own origin and must never run as a page.
const INLINE = new Set(["image/png", "image/jpeg", "image/gif", "image/webp"]);

/** The stored bytes of a customer attachment, for staff only, with how to serve them safely. */
export async function loadAttachmentFile(deps: Pick<CoreDeps, "store">, conversationId: string, attachmentId: string) {
  const attachment = await deps.store.getAttachment(attachmentId);
  if (!attachment || attachment.conversationId !== conversationId || !attachment.sha256) throw notFound("Attachment");
  const blob = await deps.store.getBlob(attachment.sha256);
  if (!blob) throw notFound("Attachment");
  const inline = attachment.status === "processed" && INLINE.has(blob.mime);
  return {
    data: blob.data,
    contentType: inline ? blob.mime : "application/octet-stream",
    filename: (attachment.filename ?? attachment.id).replace(/[^\w.\- ]+/g, "_").slice(0, 120),
    inline,
  };
}
