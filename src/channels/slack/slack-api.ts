// What the runtime-agnostic Slack logic needs from the Web API. Node implements it over
// @slack/web-api (the client Bolt uses); the Workers entry can implement it over fetch.

/** Message metadata (Slack's `metadata` argument): lets us recognise our own message later. */
export type SlackMetadata = { eventType: string; payload: Record<string, string> };

export type SlackMessageInput = { channel: string; text: string; threadTs?: string; blocks?: unknown[]; metadata?: SlackMetadata };

export interface SlackApi {
  postMessage(input: SlackMessageInput): Promise<{ channel: string; ts: string }>;
  updateMessage(input: { channel: string; ts: string; text: string; blocks?: unknown[] }): Promise<void>;
  /**
   * The ts of a message in the thread whose metadata has this event type and `key` = `value`
   * (conversations.replies with include_all_metadata), or null. Needs the history scope of the channel type.
   */
  findInThread(input: { channel: string; threadTs: string; eventType: string; key: string; value: string }): Promise<string | null>;
  postEphemeral(input: { channel: string; user: string; text: string; threadTs?: string }): Promise<void>;
  openView(input: { triggerId: string; view: unknown }): Promise<void>;
  /** Name and email of a user; email is missing without the users:read.email scope. */
  userInfo(userId: string): Promise<{ name?: string; email?: string; isBot: boolean }>;
  /** The "is thinking" line under a thread (assistant.threads.setStatus); Slack clears it on our next reply. */
  setThreadStatus(input: { channel: string; threadTs: string; status: string }): Promise<void>;
  /** Downloads a private file with the bot token; refuses more than maxBytes. */
  downloadFile(url: string, maxBytes: number): Promise<{ data: Uint8Array; contentType: string }>;
}

/** A failed Web API call, classified so callers can retry, wait, or tell a person. */
export class SlackApiError extends Error {
  constructor(
    /** Slack's error code (`not_in_channel`, `token_revoked`, `ratelimited`, …) or `http_<status>` / `network`. */
    readonly code: string,
    readonly retryable: boolean,
    readonly retryAfterMs?: number,
  ) {
    super(`Slack API error: ${code}`);
    this.name = "SlackApiError";
  }
}

// Errors a retry will not fix: the workspace must change something (invite the bot, reinstall).
const PERMANENT = new Set([
  "not_in_channel",
  "channel_not_found",
  "is_archived",
  "msg_too_long",
  "no_text",
  "invalid_blocks",
  "restricted_action",
  "cannot_reply_to_message",
  "token_revoked",
  "token_expired",
  "invalid_auth",
  "not_authed",
  "account_inactive",
  "missing_scope",
  "not_allowed_token_type",
  "team_access_not_granted",
  "user_not_found",
  "message_not_found",
  "cant_update_message",
  "edit_window_closed",
]);

export function classifySlackError(code: string, retryAfterMs?: number): SlackApiError {
  if (code === "ratelimited" || code === "rate_limited") return new SlackApiError("ratelimited", true, retryAfterMs ?? 30_000);
  return new SlackApiError(code, !PERMANENT.has(code), retryAfterMs);
}

/** Errors that mean the app itself is broken for this workspace: agents must hear about them. */
export function needsAttention(code: string): boolean {
  return ["not_in_channel", "channel_not_found", "is_archived", "token_revoked", "token_expired", "invalid_auth", "account_inactive", "missing_scope"].includes(
    code,
  );
}

/** The ts of the first message whose metadata matches, from a conversations.replies `messages` list. */
export function findByMetadata(messages: unknown, eventType: string, key: string, value: string): string | null {
  if (!Array.isArray(messages)) return null;
  for (const m of messages as { ts?: string; metadata?: { event_type?: string; event_payload?: Record<string, unknown> } }[])
    if (m.metadata?.event_type === eventType && m.metadata.event_payload?.[key] === value && m.ts) return m.ts;
  return null;
}
