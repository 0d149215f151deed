import type { CoreDeps } from "../../core/deps.js";
import { parseEmail } from "./parse-email.js";
import { type EmailPolicy, type ReceivedEmail, receiveEmail } from "./receive-email.js";

export type EmailInboundConfig = EmailPolicy & { maxAttachments: number };

/** Raw RFC 5322 bytes in, a stored turn out: the one entry for the route, IMAP and Workers' email(). */
export async function acceptRawEmail(deps: CoreDeps, config: EmailInboundConfig, raw: Uint8Array): Promise<ReceivedEmail> {
  const parsed = await parseEmail(raw, { maxAttachments: config.maxAttachments });
  return receiveEmail(deps, config, parsed, raw);
}
