import { timingSafeEqual } from "../../core/security/tokens.js";

export type SlackVerifyInput = {
  signingSecret: string;
  /** X-Slack-Request-Timestamp (seconds since the epoch, as sent). */
  timestamp: string | null | undefined;
  /** X-Slack-Signature (`v0=<hex>`). */
  signature: string | null | undefined;
  /** The exact body bytes Slack signed, decoded as UTF-8; never a re-serialised object. */
  rawBody: string;
  /** Milliseconds since the epoch. */
  now: number;
};

export type SlackVerifyResult = { ok: true } | { ok: false; reason: "missing_headers" | "stale_timestamp" | "bad_signature" };

/** Slack refuses replays older than five minutes; so do we. */
const MAX_SKEW_SECONDS = 300;

/**
 * Slack's v0 request signature with Web Crypto, so the same check runs on Node and Workers:
 * HMAC-SHA256 over `v0:<timestamp>:<body>`, hex, compared in constant time.
 */
export async function verifySlackSignature(input: SlackVerifyInput): Promise<SlackVerifyResult> {
  const { timestamp, signature } = input;
  if (!timestamp || !signature || !/^\d+$/.test(timestamp)) return { ok: false, reason: "missing_headers" };
  if (Math.abs(Math.floor(input.now / 1000) - Number(timestamp)) > MAX_SKEW_SECONDS) return { ok: false, reason: "stale_timestamp" };
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(input.signingSecret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const mac = await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(`v0:${timestamp}:${input.rawBody}`));
  const expected = `v0=${[...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, "0")).join("")}`;
  return timingSafeEqual(expected, signature) ? { ok: true } : { ok: false, reason: "bad_signature" };
}
