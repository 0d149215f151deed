import { readFileSync } from "node:fs";
import { join } from "node:path";
import PostalMime, { type Email } from "postal-mime";
import { SMTPServer } from "smtp-server";
import { repoRoot } from "./harness.js";

export const fixturesDir = join(repoRoot, "test/fixtures/emails");

export type ManifestEntry = {
  file: string;
  description: string;
  charsets: string[];
  attachments: { filename: string | null; content_type: string }[];
  subject_decoded: string;
  has_html: boolean;
  has_text_plain: boolean;
  expected_reply_text_upstream?: string;
};

export const manifest = (): ManifestEntry[] => JSON.parse(readFileSync(join(fixturesDir, "manifest.json"), "utf8"));
export const fixture = (file: string): Buffer => readFileSync(join(fixturesDir, file.replace(/^eml\//, "")));

/** Builds a raw RFC 5322 message (CRLF line ends) for the cases the real fixtures do not cover. */
export function rawMail(m: {
  from: string;
  to?: string;
  subject: string;
  messageId?: string;
  inReplyTo?: string;
  references?: string;
  headers?: Record<string, string>;
  body: string;
  contentType?: string;
}): string {
  const lines = [
    `From: ${m.from}`,
    `To: ${m.to ?? "Tallybird Support <support@tallybird.test>"}`,
    `Subject: ${m.subject}`,
    `Date: ${new Date().toUTCString()}`,
    ...(m.messageId ? [`Message-ID: <${m.messageId}>`] : []),
    ...(m.inReplyTo ? [`In-Reply-To: <${m.inReplyTo}>`] : []),
    ...(m.references ? [`References: ${m.references}`] : []),
    ...Object.entries(m.headers ?? {}).map(([k, v]) => `${k}: ${v}`),
    "MIME-Version: 1.0",
    `Content-Type: ${m.contentType ?? "text/plain; charset=utf-8"}`,
    "Content-Transfer-Encoding: 8bit",
    "",
    m.body,
  ];
  return `${lines.join("\r\n").replace(/\r?\n/g, "\r\n")}\r\n`;
}

export async function postMail(base: string, secret: string | undefined, raw: string | Uint8Array, contentType = "message/rfc822") {
  const res = await fetch(`${base}/email/inbound`, {
    method: "POST",
    headers: { "content-type": contentType, ...(secret ? { authorization: `Bearer ${secret}` } : {}) },
    body: typeof raw === "string" ? raw : new Uint8Array(raw),
  });
  const json = (await res.json().catch(() => ({}))) as {
    conversationId?: string;
    messageId?: string;
    duplicate?: boolean;
    autoReply?: boolean;
    reason?: string | null;
    error?: { code: string; message: string };
  };
  return { status: res.status, json };
}

export type Received = { envelopeTo: string[]; raw: Buffer; mail: Email; header: (name: string) => string | undefined };

/** A real SMTP server on 127.0.0.1 that keeps every message it is given. */
export async function startSmtpSink(
  opts: { reject?: (address: string) => boolean; defer?: (address: string) => boolean; hold?: (mail: Email) => boolean } = {},
) {
  const received: Received[] = [];
  /** Mails taken in full but never acknowledged (`hold`): the sender cannot know they arrived. */
  const held: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (opts.reject?.(address.address)) return callback(Object.assign(new Error("5.1.1 No such user here"), { responseCode: 550 }));
      if (opts.defer?.(address.address)) return callback(Object.assign(new Error("4.7.1 Try again later"), { responseCode: 451 }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", async () => {
        const raw = Buffer.concat(chunks);
        const mail = await PostalMime.parse(raw);
        const entry: Received = {
          envelopeTo: session.envelope.rcptTo.map((r) => r.address),
          raw,
          mail,
          header: (name) => mail.headers.find((h) => h.key === name.toLowerCase())?.value,
        };
        if (opts.hold?.(mail)) return void held.push(entry); // no 250: the connection stalls until the client goes away
        received.push(entry);
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const address = server.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return { url: `smtp://127.0.0.1:${port}`, received, held, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
