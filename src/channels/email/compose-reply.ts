import { systemText } from "../../core/texts/catalogue.js";
import type { Message } from "../../core/types.js";
import type { OutgoingEmail } from "../../ports/mail-transport.js";
import type { EmailRecord } from "../../ports/store.js";
import { replySubject } from "./subject.js";

const MAX_REFERENCES = 20;

/**
 * Builds a reply that threads in Gmail, Outlook and Apple Mail: In-Reply-To the customer's last
 * mail, References its chain plus that mail, and "Re: <original subject>". The Message-ID derives
 * from the outbox id, so a resend after a crash is the same message to the receiving side.
 */
export function composeReply(input: {
  from: string;
  to: string;
  message: Message;
  idempotencyKey: string;
  /** The customer's latest mail in the conversation; null when they never mailed us (e.g. agent-started). */
  lastInbound: EmailRecord | null;
  /** Every mail in the conversation, oldest first: keeps the chain when a client dropped References. */
  thread?: EmailRecord[];
  conversationSubject: string | null;
  /** "https://help.example.com/articles/{slug}": citations become links when set. */
  articleUrl?: string;
}): OutgoingEmail {
  const domain = addressDomain(input.from) ?? "frontdesk.invalid";
  const messageId = `<fd.${input.idempotencyKey.toLowerCase()}@${domain}>`;
  const last = input.lastInbound;
  // A customer mail without References (a client that dropped them, a thread joined by subject)
  // still gets the thread root and our last reply, so every client files the answer in one thread.
  const earlier = last && last.references.length === 0 ? (input.thread ?? []).filter((e) => e.createdAt <= last.createdAt && e.id !== last.id) : [];
  const root = earlier.find((e) => e.direction === "in");
  const lastOut = [...earlier].reverse().find((e) => e.direction === "out");
  const chain = last
    ? [...new Set([...(root ? [root.rfcMessageId] : []), ...(lastOut ? [lastOut.rfcMessageId] : []), ...last.references, last.rfcMessageId])]
    : [];
  // RFC 5322 3.6.4: keep the first id (the thread root) and the most recent ones.
  const trimmed = chain.length > MAX_REFERENCES ? [chain[0] as string, ...chain.slice(-(MAX_REFERENCES - 1))] : chain;
  const auto = input.message.role === "assistant";
  const headers: Record<string, string> = { "X-Frontdesk-Reply": input.message.id };
  if (auto) {
    // RFC 3834: robots must not answer this, and Exchange must not send out-of-office replies to it.
    headers["Auto-Submitted"] = "auto-replied";
    headers["X-Auto-Response-Suppress"] = "All";
  }
  const sources = input.message.citations.map((c) => ({
    title: c.title,
    url: input.articleUrl ? input.articleUrl.replaceAll("{slug}", encodeURIComponent(c.slug)) : null,
  }));
  const textSources =
    sources.length > 0
      ? `\n\n${systemText("email.sources", "en")}\n${sources.map((s, i) => `${i + 1}. ${s.title}${s.url ? ` <${s.url}>` : ""}`).join("\n")}`
      : "";
  const htmlSources =
    sources.length > 0
      ? `<p style="margin-top:1.5em;color:#555">${escapeHtml(systemText("email.sources", "en"))}</p><ol style="color:#555">${sources
          .map((s) => `<li>${s.url ? `<a href="${escapeHtml(s.url)}">${escapeHtml(s.title)}</a>` : escapeHtml(s.title)}</li>`)
          .join("")}</ol>`
      : "";
  const body = input.message.text.trim();
  const paragraphs = body
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, "<br>")}</p>`)
    .join("\n");
  return {
    from: input.from,
    to: input.to,
    subject: replySubject(last?.subject ?? input.conversationSubject),
    messageId,
    inReplyTo: last ? `<${last.rfcMessageId}>` : null,
    references: trimmed.map((id) => `<${id}>`),
    headers,
    text: `${body}${textSources}\n`,
    html: `<!doctype html><html><body style="font-family:sans-serif;line-height:1.5">\n${paragraphs}\n${htmlSources}\n</body></html>\n`,
  };
}

export function escapeHtml(s: string): string {
  return s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;").replaceAll("'", "&#39;");
}

/** The bare address in `"Name" <a@b>` or `a@b`, lower-case. */
export function bareAddress(from: string): string {
  const m = /<([^>]+)>/.exec(from);
  return (m?.[1] ?? from).trim().toLowerCase();
}

function addressDomain(from: string): string | null {
  const at = bareAddress(from).split("@")[1];
  return at && /^[a-z0-9.-]+$/i.test(at) ? at : null;
}
