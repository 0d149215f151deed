// Meta signs every webhook POST: X-Hub-Signature-256 = "sha256=" + hex HMAC-SHA256 of the raw body,
// keyed with the app secret. Web Crypto, so Node and Workers share it.

function hexToBytes(hex: string): Uint8Array | null {
  if (hex.length !== 64 || !/^[0-9a-f]*$/i.test(hex)) return null;
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

function hmacKey(secret: string): Promise<CryptoKey> {
  return crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
}

/** The header value Meta would send for this body; tests and fakes sign with it. */
export async function signWhatsAppBody(appSecret: string, rawBody: string): Promise<string> {
  const mac = await crypto.subtle.sign("HMAC", await hmacKey(appSecret), new TextEncoder().encode(rawBody));
  return `sha256=${[...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, "0")).join("")}`;
}

/** Checks the signature over the body exactly as received; `crypto.subtle.verify` compares in constant time. */
export async function verifyWhatsAppSignature(appSecret: string, rawBody: string, header: string | undefined): Promise<boolean> {
  const mac = header?.startsWith("sha256=") ? hexToBytes(header.slice(7)) : null;
  if (!mac) return false;
  return crypto.subtle.verify("HMAC", await hmacKey(appSecret), mac as Uint8Array<ArrayBuffer>, new TextEncoder().encode(rawBody));
}
