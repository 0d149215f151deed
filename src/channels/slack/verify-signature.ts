// Slack's v0 request signing (https://docs.slack.dev/authentication/verifying-requests-from-slack),
// written against Web Crypto so the Node server and the Workers entry share it.

export const SIGNATURE_MAX_AGE_SECONDS = 5 * 60;

export type SignatureCheck =
  | { ok: true }
  | { ok: false; reason: "missing_headers" | "malformed_timestamp" | "stale_timestamp" | "malformed_signature" | "bad_signature" };

function hexToBytes(hex: string): Uint8Array | null {
  if (hex.length % 2 !== 0 || !/^[0-9a-f]*$/i.test(hex)) return null;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

const keys = new Map<string, Promise<CryptoKey>>();
function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
    keys.set(secret, key);
  }
  return key;
}

/** `v0=` + hex HMAC-SHA256 of `v0:{timestamp}:{raw body}`; used by tests and fakes to sign requests. */
export async function signSlackRequest(secret: string, timestamp: string | number, rawBody: string): Promise<string> {
  const mac = await crypto.subtle.sign("HMAC", await hmacKey(secret), new TextEncoder().encode(`v0:${timestamp}:${rawBody}`));
  return `v0=${[...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, "0")).join("")}`;
}

/**
 * Checks `X-Slack-Signature` over the raw body exactly as received (never a re-serialised parse).
 * `crypto.subtle.verify` compares the MAC in constant time, so no byte of a guess leaks by timing.
 */
export async function verifySlackSignature(input: {
  signingSecret: string;
  timestamp: string | null | undefined;
  signature: string | null | undefined;
  rawBody: string;
  nowMs: number;
}): Promise<SignatureCheck> {
  const { timestamp, signature } = input;
  if (!timestamp || !signature) return { ok: false, reason: "missing_headers" };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: "malformed_timestamp" };
  // Replays are refused both ways: a clock far in the future is as suspect as an old request.
  if (Math.abs(Math.floor(input.nowMs / 1000) - Number(timestamp)) > SIGNATURE_MAX_AGE_SECONDS) return { ok: false, reason: "stale_timestamp" };
  if (!signature.startsWith("v0=")) return { ok: false, reason: "malformed_signature" };
  const mac = hexToBytes(signature.slice(3));
  if (mac?.length !== 32) return { ok: false, reason: "malformed_signature" };
  const valid = await crypto.subtle.verify(
    "HMAC",
    await hmacKey(input.signingSecret),
    mac as BufferSource,
    new TextEncoder().encode(`v0:${timestamp}:${input.rawBody}`),
  );
  return valid ? { ok: true } : { ok: false, reason: "bad_signature" };
}
