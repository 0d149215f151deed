// Slack posts Events API envelopes as JSON and interactivity as a form with one `payload` field.

export type SlackEnvelope = {
  type: "event_callback";
  event_id?: string;
  event_time?: number;
  team_id?: string;
  event: SlackEvent;
  authorizations?: { user_id?: string; is_bot?: boolean }[];
};

export type SlackFile = {
  id?: string;
  name?: string;
  title?: string;
  mimetype?: string;
  size?: number;
  url_private?: string;
  url_private_download?: string;
  mode?: string;
};

export type SlackEvent = {
  type: string;
  subtype?: string;
  user?: string;
  bot_id?: string;
  text?: string;
  ts?: string;
  thread_ts?: string;
  channel?: string;
  channel_type?: string;
  files?: SlackFile[];
};

export type SlackInteraction = { type: string; [key: string]: unknown };

export type SlackRequest =
  | { kind: "url_verification"; challenge: string }
  | { kind: "event_callback"; envelope: SlackEnvelope }
  | { kind: "interaction"; payload: SlackInteraction }
  | { kind: "unknown"; reason: string };

function asObject(value: unknown): Record<string, unknown> | null {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/** Classifies a verified body; never throws on odd input (Slack adds new types over time). */
export function parseSlackRequest(rawBody: string, contentType: string | null | undefined): SlackRequest {
  let body: Record<string, unknown> | null = null;
  try {
    if ((contentType ?? "").includes("application/x-www-form-urlencoded")) {
      const payload = new URLSearchParams(rawBody).get("payload");
      if (payload === null) return { kind: "unknown", reason: "form_without_payload" };
      body = asObject(JSON.parse(payload));
      if (body && typeof body.type === "string") return { kind: "interaction", payload: body as SlackInteraction };
      return { kind: "unknown", reason: "payload_without_type" };
    }
    body = asObject(JSON.parse(rawBody));
  } catch {
    return { kind: "unknown", reason: "unparseable_body" };
  }
  if (!body) return { kind: "unknown", reason: "not_an_object" };
  if (body.type === "url_verification" && typeof body.challenge === "string") return { kind: "url_verification", challenge: body.challenge };
  if (body.type === "event_callback" && asObject(body.event)) return { kind: "event_callback", envelope: body as unknown as SlackEnvelope };
  return { kind: "unknown", reason: `type:${String(body.type)}` };
}
