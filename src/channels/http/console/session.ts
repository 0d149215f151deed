// Console sessions are HMAC-signed cookies: the staff id, an expiry and a nonce, never the key.
// Web Crypto keeps this runnable on Workers too.

const enc = new TextEncoder();
const b64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replaceAll("+", "-")
    .replaceAll("/", "_")
    .replace(/=+$/, "");
const fromB64url = (s: string) => Uint8Array.from(atob(s.replaceAll("-", "+").replaceAll("_", "/")), (ch) => ch.charCodeAt(0));

/** `sid` names the server-side session row (staff_sessions): revoking it ends the cookie's life. */
export type Session = { staffId: string; exp: number; nonce: string; sid: string };

export class SessionSigner {
  private key: Promise<CryptoKey>;
  constructor(secret: string) {
    this.key = crypto.subtle.importKey("raw", enc.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
  }

  private async mac(data: string): Promise<string> {
    return b64url(new Uint8Array(await crypto.subtle.sign("HMAC", await this.key, enc.encode(data))));
  }

  async sign(session: Session): Promise<string> {
    const payload = b64url(enc.encode(JSON.stringify(session)));
    return `${payload}.${await this.mac(`session.${payload}`)}`;
  }

  /** The session in a cookie value, or null when it is forged, malformed or expired. */
  async verify(value: string | undefined, now: number): Promise<Session | null> {
    if (!value || value.length > 2000) return null;
    const [payload, mac] = value.split(".");
    if (!payload || !mac) return null;
    try {
      const ok = await crypto.subtle.verify("HMAC", await this.key, fromB64url(mac), enc.encode(`session.${payload}`));
      if (!ok) return null;
      const session = JSON.parse(new TextDecoder().decode(fromB64url(payload))) as Session;
      if (typeof session.staffId !== "string" || typeof session.exp !== "number" || typeof session.nonce !== "string" || typeof session.sid !== "string")
        return null;
      return session.exp > now ? session : null;
    } catch {
      return null;
    }
  }

  /** The CSRF token for a session: derived from its nonce, so it needs no storage and dies with it. */
  csrfToken(session: Session): Promise<string> {
    return this.mac(`csrf.${session.nonce}`);
  }
}

export function randomSecret(): string {
  const bytes = new Uint8Array(32);
  crypto.getRandomValues(bytes);
  return b64url(bytes);
}
