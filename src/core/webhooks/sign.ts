// Web Crypto HMAC: a global on Node 20 and Workers alike, so signing stays runtime-agnostic.

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

/** `sha256=<hex HMAC-SHA256 of body keyed with secret>`, the value of x-frontdesk-signature. */
export async function webhookSignature(secret: string, body: string): Promise<string> {
  const enc = new TextEncoder();
  const key = await crypto.subtle.importKey("raw", enc.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, enc.encode(body)));
  let hex = "";
  for (const b of mac) hex += HEX[b];
  return `sha256=${hex}`;
}
