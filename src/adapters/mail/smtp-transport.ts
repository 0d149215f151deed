import nodemailer from "nodemailer";
import type { SendResult } from "../../ports/channel-sender.js";
import type { MailTransport, OutgoingEmail } from "../../ports/mail-transport.js";

/** MailTransport over SMTP with nodemailer (Node only). SMTP_URL is e.g. smtps://user:pass@host:465. */
export function smtpTransport(smtpUrl: string, opts: { timeoutMs?: number } = {}): MailTransport & { close(): void } {
  const timeout = opts.timeoutMs ?? 30_000;
  const transporter = nodemailer.createTransport(smtpUrl, {});
  transporter.set("connectionTimeout", timeout);
  return {
    async send(mail: OutgoingEmail): Promise<SendResult> {
      try {
        const info = await transporter.sendMail({
          from: mail.from,
          to: mail.to,
          subject: mail.subject,
          messageId: mail.messageId,
          inReplyTo: mail.inReplyTo ?? undefined,
          references: mail.references.length > 0 ? mail.references : undefined,
          headers: mail.headers,
          text: mail.text,
          html: mail.html,
        });
        if (info.rejected.length > 0 && info.accepted.length === 0)
          return { ok: false, retryable: false, error: `recipient rejected: ${String(info.rejected[0])}` };
        return { ok: true, externalId: info.messageId };
      } catch (error) {
        const e = error as { responseCode?: number; message?: string; code?: string };
        // 5xx is the server's final word (bad address, policy); anything else may pass on a retry.
        const permanent = typeof e.responseCode === "number" && e.responseCode >= 500;
        return { ok: false, retryable: !permanent, error: `smtp: ${e.message ?? String(error)}`.slice(0, 500) };
      }
    },
    close: () => transporter.close(),
  };
}
