import type { SendResult } from "./channel-sender.js";

/** One composed reply, ready for the wire. */
export type OutgoingEmail = {
  from: string;
  to: string;
  subject: string;
  /** With angle brackets, as it goes on the wire. */
  messageId: string;
  inReplyTo: string | null;
  references: string[];
  headers: Record<string, string>;
  text: string;
  html: string;
};

/**
 * Puts one composed email on the wire (SMTP on Node, an Email Service binding on Workers).
 * Connection failures and 4xx SMTP answers come back retryable; 5xx answers do not.
 */
export interface MailTransport {
  send(mail: OutgoingEmail): Promise<SendResult>;
}
