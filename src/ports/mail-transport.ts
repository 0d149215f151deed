import type { OutgoingEmail } from "../core/email/compose-reply.js";
import type { SendResult } from "./channel-sender.js";

/**
 * Puts one composed email on the wire (SMTP on Node, an Email Service binding on Workers).
 * Connection failures and 4xx SMTP answers come back retryable; 5xx answers do not.
 */
export interface MailTransport {
  send(mail: OutgoingEmail): Promise<SendResult>;
}
