import type { SlackEnvelope, SlackEvent, SlackFile } from "./parse-request.js";

export type EventVerdict =
  | { kind: "ignore"; reason: string }
  | {
      kind: "customer";
      channel: string;
      ts: string;
      threadTs: string;
      user: string;
      text: string;
      files: SlackFile[];
      /** A plain message in a channel thread only continues a conversation we already have. */
      onlyExistingThread: boolean;
    };

// Subtypes that are a person writing something new; everything else (edits, deletes, joins,
// bot posts, channel topic changes) is not a customer turn.
const CUSTOMER_SUBTYPES = new Set([undefined, "file_share", "thread_broadcast", "me_message"]);

/** Slack's own system user; its notices carry no bot_id. */
const SLACKBOT_USER = "USLACKBOT";

/** The bot's own user id, from the envelope (Events API sends it in `authorizations`) or auth.test. */
export function botUserIdOf(envelope: SlackEnvelope, fallback?: string): string | undefined {
  return envelope.authorizations?.find((a) => a.is_bot)?.user_id ?? fallback;
}

/** Decides whether an event is a new customer message, and for which thread. Pure. */
export function classifyEvent(event: SlackEvent, botUserId: string | undefined): EventVerdict {
  if (event.type !== "message" && event.type !== "app_mention") return { kind: "ignore", reason: `event:${event.type}` };
  if (event.bot_id || event.subtype === "bot_message") return { kind: "ignore", reason: "bot_message" };
  if (!CUSTOMER_SUBTYPES.has(event.subtype)) return { kind: "ignore", reason: `subtype:${event.subtype}` };
  if (!event.user || !event.channel || !event.ts) return { kind: "ignore", reason: "incomplete_event" };
  if (botUserId && event.user === botUserId) return { kind: "ignore", reason: "own_message" };
  // Slackbot writes into the app's DMs itself ("You have been removed from #… by …"): not a customer.
  if (event.user === SLACKBOT_USER) return { kind: "ignore", reason: "system_sender" };
  const base = {
    kind: "customer" as const,
    channel: event.channel,
    ts: event.ts,
    threadTs: event.thread_ts ?? event.ts,
    user: event.user,
    text: slackToPlainText(event.text ?? "", botUserId),
    files: event.files ?? [],
  };
  if (event.type === "app_mention") return { ...base, onlyExistingThread: false };
  if (event.channel_type === "im") return { ...base, onlyExistingThread: false };
  // In channels, a message is ours only as a reply in a thread we are already answering; a
  // top-level mention arrives (again) as app_mention, which is the one we act on.
  if (event.thread_ts) return { ...base, onlyExistingThread: true };
  return { kind: "ignore", reason: "channel_message_without_mention" };
}

/** Slack mrkdwn to the plain text the pipeline reads: our own mention dropped, links and entities unwrapped. */
export function slackToPlainText(text: string, botUserId?: string): string {
  let out = text;
  if (botUserId) out = out.replaceAll(new RegExp(`<@${botUserId}(\\|[^>]*)?>`, "g"), "");
  out = out
    .replace(/<@([UW][A-Z0-9]+)\|([^>]+)>/g, "@$2")
    .replace(/<#[A-Z0-9]+\|([^>]+)>/g, "#$1")
    .replace(/<!(here|channel|everyone)(\|[^>]*)?>/g, "@$1")
    .replace(/<(mailto:)?([^|>]+)\|([^>]+)>/g, (_m, _mailto, url: string, label: string) => (label === url ? label : `${label} (${url})`))
    .replace(/<(mailto:)?([^>]+)>/g, "$2")
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&amp;", "&");
  return out.replace(/[ \t]+/g, " ").trim();
}

const IMAGE_TYPES = new Set(["image/png", "image/jpeg", "image/jpg", "image/gif", "image/webp", "image/heic", "image/heif", "image/bmp", "image/tiff"]);

export function isImageFile(file: SlackFile): boolean {
  return IMAGE_TYPES.has((file.mimetype ?? "").toLowerCase());
}

/** The bot token goes only to Slack's own file hosts (and an explicitly configured test host). */
export function fileUrlAllowed(url: string, hosts: string[]): boolean {
  try {
    const u = new URL(url);
    const host = u.host.toLowerCase();
    const secure = u.protocol === "https:" || u.hostname === "127.0.0.1" || u.hostname === "localhost";
    return secure && hosts.some((h) => host === h || (!h.includes(":") && host.endsWith(`.${h}`)));
  } catch {
    return false;
  }
}
