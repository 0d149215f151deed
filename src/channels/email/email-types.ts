import type { AttachmentInput } from "../../core/types.js";

/** One inbound email as the channel parsed it: runtime-agnostic, shared by Node and Workers. */
export type ParsedEmail = {
  /** Message-ID without angle brackets; null when the sender set none. */
  rfcMessageId: string | null;
  inReplyTo: string | null;
  /** References oldest first, In-Reply-To included when it was missing there. */
  references: string[];
  from: { address: string; name: string | null } | null;
  to: string[];
  subject: string;
  /** Every readable text part, before quote stripping (what agents see in full). */
  fullText: string;
  /** The new content: quotes and signature stripped, forwarded messages kept. */
  text: string;
  attachments: (AttachmentInput & { inline: boolean })[];
  /** Attachments beyond the limit, counted but not stored separately (the original keeps them). */
  droppedAttachments: number;
  /** Lower-cased header names → values, for the loop rules. */
  headers: Record<string, string[]>;
  /** Set when the message could not be read properly; it is stored for agents with this reason. */
  unreadable: string | null;
};
