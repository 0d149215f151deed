import { convert, type HtmlToTextOptions } from "html-to-text";
import PostalMime, { type Email, type Attachment as MimeAttachment } from "postal-mime";
import { badRequest } from "../../core/errors.js";
import type { ParsedEmail } from "./email-types.js";
import { stripQuotedReply } from "./quotes.js";
import { decodeUtf7 } from "./utf7.js";

// Runtime-agnostic on purpose (postal-mime and html-to-text are plain JS): the Node route, the
// IMAP poller and the Workers email() handler all call parseEmail.

export type ParseOptions = {
  /** Attachments extracted one by one; the rest stay inside original.eml. */
  maxAttachments: number;
  /** How deep forwarded message/rfc822 parts are opened. */
  maxForwardDepth?: number;
};

const HEADER_LINE = /^[\x21-\x39\x3b-\x7e]{1,76}:/;

const BASE_SELECTORS: NonNullable<HtmlToTextOptions["selectors"]> = [
  { selector: "script", format: "skip" },
  { selector: "style", format: "skip" },
  { selector: "head", format: "skip" },
  { selector: "title", format: "skip" },
  { selector: "img", format: "skip" },
  { selector: "a", options: { ignoreHref: true } },
  { selector: "h1", options: { uppercase: false } },
  { selector: "h2", options: { uppercase: false } },
  { selector: "h3", options: { uppercase: false } },
  { selector: "table", format: "block" },
  { selector: "tr", format: "block" },
  { selector: "td", format: "inline" },
  { selector: "th", format: "inline" },
];
// Where Gmail, Outlook, Apple Mail, Thunderbird and Yahoo put the quoted history in HTML.
const QUOTE_SELECTORS: NonNullable<HtmlToTextOptions["selectors"]> = [
  ".gmail_quote",
  ".gmail_signature",
  "blockquote[type=cite]",
  "#divRplyFwdMsg",
  "#x_divRplyFwdMsg",
  "#appendonsend",
  ".moz-cite-prefix",
  ".moz-signature",
  ".yahoo_quoted",
].map((selector) => ({ selector, format: "skip" }));

/** HTML as readable text: no script or style content, no image noise, links as their text. */
export function htmlToText(html: string, opts: { skipQuotes?: boolean } = {}): string {
  return convert(html, {
    wordwrap: false,
    selectors: opts.skipQuotes ? [...BASE_SELECTORS, ...QUOTE_SELECTORS] : BASE_SELECTORS,
  })
    .replace(/[ \t]+$/gm, "")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/**
 * Reads one raw RFC 5322 message. Throws a 400 AppError when the bytes are not an email at all;
 * a message that is an email but cannot be read properly comes back with `unreadable` set.
 */
export async function parseEmail(raw: Uint8Array, options: ParseOptions): Promise<ParsedEmail> {
  // An mbox envelope line ("From sender date") may precede the headers when mail is piped from an MTA.
  const head = latin1(raw.subarray(0, 4096))
    .replace(/^\s+/, "")
    .replace(/^From [^\n]*\n/, "");
  if (!HEADER_LINE.test(head) || !/^(from|message-id|date|subject|received|return-path|mime-version|to|delivered-to)\s*:/im.test(head))
    throw badRequest("The body is not an RFC 5322 email message (expected headers such as From: and Subject: first).");

  let email: Email;
  try {
    email = await PostalMime.parse(raw, { forceRfc822Attachments: true, maxNestingDepth: 64, attachmentEncoding: "arraybuffer" });
  } catch (error) {
    return unreadableEmail(raw, `MIME parse failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  const rawHead = latin1(raw.subarray(0, Math.min(raw.byteLength, 256 * 1024)));
  const fixes = charsetFixes(email, rawHead);

  const attachments: ParsedEmail["attachments"] = [];
  let dropped = 0;
  const forwards: string[] = [];
  const add = (a: ParsedEmail["attachments"][number]) => {
    if (attachments.length < options.maxAttachments) attachments.push(a);
    else dropped++;
  };
  await collect(email, 0, options.maxForwardDepth ?? 3, add, forwards);

  const plain = fixes.body(email.text ?? "");
  const html = email.html ? fixes.body(email.html) : "";
  // text/plain is what the sender wrote for machines like us; HTML only when there is none.
  const usePlain = plain.trim() !== "" || !html;
  const fullBody = usePlain ? plain.replace(/\r\n?/g, "\n").trim() : htmlToText(html);
  const newBody = stripQuotedReply(usePlain ? fullBody : htmlToText(html, { skipQuotes: true })).text;
  const forwarded = forwards.join("\n\n");

  const headers: Record<string, string[]> = {};
  for (const h of email.headers) headers[h.key] = [...(headers[h.key] ?? []), h.value];
  const from = email.from && "address" in email.from && email.from.address ? email.from : firstMailbox(email.sender);

  return {
    rfcMessageId: cleanId(email.messageId),
    inReplyTo: idList(email.inReplyTo)[0] ?? null,
    references: uniqueIds([...idList(email.references), ...idList(email.inReplyTo)]),
    from: from?.address ? { address: from.address, name: fixes.header("from", from.name) || null } : null,
    to: (email.to ?? []).flatMap((a) => (a.address ? [a.address] : (a.group ?? []).map((m) => m.address))),
    subject: fixes.header("subject", email.subject ?? ""),
    fullText: [fullBody, forwarded].filter(Boolean).join("\n\n"),
    text: [newBody, forwarded].filter(Boolean).join("\n\n"),
    attachments,
    droppedAttachments: dropped,
    headers,
    unreadable: truncation(email, rawHead, raw),
  };
}

/** Attachments of the message and of any forwarded messages in it, plus readable forwards. */
async function collect(email: Email, depth: number, maxDepth: number, add: (a: ParsedEmail["attachments"][number]) => void, forwards: string[]) {
  let n = 0;
  for (const a of email.attachments) {
    n++;
    const data = bytes(a.content);
    if (a.mimeType === "message/rfc822") {
      add({ filename: a.filename ?? `forwarded-${depth + 1}-${n}.eml`, contentType: "message/rfc822", data, inline: false });
      if (depth >= maxDepth) continue;
      try {
        const inner = await PostalMime.parse(data, { forceRfc822Attachments: true, maxNestingDepth: 64 });
        forwards.push(forwardedSection(inner));
        await collect(inner, depth + 1, maxDepth, add, forwards);
      } catch {
        forwards.push("---------- Forwarded message ----------\n(could not be read; it is attached)");
      }
      continue;
    }
    add({
      filename: (a.filename ?? defaultName(a, n)).slice(0, 255),
      contentType: a.mimeType || "application/octet-stream",
      data,
      inline: a.related === true || a.disposition === "inline",
    });
  }
}

function forwardedSection(inner: Email): string {
  const who = (a: Email["from"]) => (a && "address" in a && a.address ? (a.name ? `${a.name} <${a.address}>` : a.address) : "");
  const to = (inner.to ?? []).map(who).filter(Boolean).join(", ");
  const body = inner.text?.trim() ? inner.text.trim() : inner.html ? htmlToText(inner.html) : "";
  const lines = [
    "---------- Forwarded message ----------",
    `From: ${who(inner.from)}`,
    inner.date ? `Date: ${inner.date}` : "",
    `Subject: ${inner.subject ?? ""}`,
    to ? `To: ${to}` : "",
  ].filter(Boolean);
  return `${lines.join("\n")}\n\n${body}`.trim();
}

/**
 * postal-mime decodes through TextDecoder, which has no UTF-7 and reads raw 8-bit header bytes as
 * Latin-1. Both happen in real mail: fix them using the charset the message declares.
 */
function charsetFixes(email: Email, rawHead: string) {
  // Only when every text part says UTF-7: decoding "+…-" runs in UTF-8 text would mangle "+372 …".
  const textCharsets = [...rawHead.matchAll(/^content-type:[ \t]*(text\/[^\r\n]*(?:\r?\n[ \t][^\r\n]*)*)/gim)].map(
    (m) => /charset\s*=\s*"?([A-Za-z0-9_.:-]+)/i.exec(m[1] ?? "")?.[1]?.toLowerCase() ?? "us-ascii",
  );
  const utf7Body = textCharsets.length > 0 && textCharsets.every((c) => c === "utf-7" || c === "unicode-1-1-utf-7");
  const declared = /charset\s*=\s*"?([A-Za-z0-9_.:-]+)/i.exec(rawHead)?.[1]?.toLowerCase();
  const rawLine = (key: string) => email.headerLines.find((h) => h.key === key)?.line ?? "";
  return {
    body: (s: string) => (utf7Body ? decodeUtf7(s) : s),
    header(key: string, value: string): string {
      const line = rawLine(key);
      if (/=\?(utf-7|unicode-1-1-utf-7)\?/i.test(line)) return decodeUtf7(value);
      if (!line.includes("=?") && isEightBitLatin1(value)) return redecode(value, declared);
      return value;
    },
  };
}

/** Chars 0x80–0xff and nothing above: bytes that were read as Latin-1 rather than decoded. */
function isEightBitLatin1(s: string): boolean {
  let high = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0xff) return false;
    if (c >= 0x80) high = true;
  }
  return high;
}

function redecode(latin: string, charset: string | undefined): string {
  const data = Uint8Array.from(latin, (c) => c.charCodeAt(0));
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(data);
  } catch {
    // Not UTF-8: the body's declared charset is the best guess for 8-bit headers.
  }
  if (charset && charset !== "utf-8" && charset !== "us-ascii") {
    try {
      return new TextDecoder(charset).decode(data);
    } catch {
      // An unknown label: keep what we have.
    }
  }
  return latin;
}

/** A multipart whose closing boundary never came was cut off in transit. */
function truncation(email: Email, rawHead: string, raw: Uint8Array): string | null {
  const contentType = email.headers.find((h) => h.key === "content-type")?.value ?? "";
  const boundary = /boundary\s*=\s*(?:"([^"]+)"|([^\s;]+))/i.exec(contentType);
  const b = boundary?.[1] ?? boundary?.[2];
  if (!b || !/^multipart\//i.test(contentType.trim())) return null;
  const tail = latin1(raw.subarray(Math.max(0, raw.byteLength - 64 * 1024)));
  if (tail.includes(`--${b}--`) || rawHead.includes(`--${b}--`)) return null;
  return "truncated: the message ends before its closing MIME boundary";
}

function unreadableEmail(raw: Uint8Array, reason: string): ParsedEmail {
  const head = latin1(raw.subarray(0, 64 * 1024)).split(/\r?\n\r?\n/)[0] ?? "";
  const header = (name: string) => new RegExp(`^${name}:[ \\t]*(.*(?:\\r?\\n[ \\t].*)*)`, "im").exec(head)?.[1]?.replace(/\s+/g, " ").trim() ?? "";
  const fromValue = header("from");
  const address = /<([^>\s]+@[^>\s]+)>/.exec(fromValue)?.[1] ?? /([^\s<>"]+@[^\s<>"]+)/.exec(fromValue)?.[1];
  const headers: Record<string, string[]> = {};
  for (const name of ["auto-submitted", "precedence", "list-id", "list-unsubscribe", "return-path", "content-type"]) {
    const v = header(name);
    if (v) headers[name] = [v];
  }
  return {
    rfcMessageId: cleanId(header("message-id")),
    inReplyTo: idList(header("in-reply-to"))[0] ?? null,
    references: idList(`${header("references")} ${header("in-reply-to")}`),
    from: address ? { address, name: null } : null,
    to: [],
    subject: header("subject"),
    fullText: "",
    text: "",
    attachments: [],
    droppedAttachments: 0,
    headers,
    unreadable: reason.slice(0, 300),
  };
}

function firstMailbox(a: Email["sender"]) {
  return a && "address" in a && a.address ? a : undefined;
}

function cleanId(v: string | undefined | null): string | null {
  return idList(v)[0] ?? null;
}

/** Message-IDs from a header value, without angle brackets; tolerates ids sent without them. */
export function idList(v: string | undefined | null): string[] {
  if (!v) return [];
  const bracketed = [...v.matchAll(/<([^<>\s]+)>/g)].map((m) => m[1] as string);
  if (bracketed.length > 0) return bracketed.map((s) => s.slice(0, 250));
  return v
    .split(/[\s,]+/)
    .filter((s) => s.includes("@"))
    .map((s) => s.slice(0, 250));
}

function uniqueIds(ids: string[]): string[] {
  return [...new Set(ids)];
}

function bytes(content: MimeAttachment["content"]): Uint8Array {
  if (typeof content === "string") return new TextEncoder().encode(content);
  return content instanceof Uint8Array ? content : new Uint8Array(content);
}

function defaultName(a: MimeAttachment, n: number): string {
  const ext = a.mimeType === "text/calendar" ? "ics" : (a.mimeType.split("/")[1] ?? "bin").replace(/[^a-z0-9]/gi, "").slice(0, 8) || "bin";
  return `attachment-${n}.${ext}`;
}

function latin1(b: Uint8Array): string {
  let s = "";
  for (let i = 0; i < b.length; i += 8192) s += String.fromCharCode(...b.subarray(i, i + 8192));
  return s;
}
