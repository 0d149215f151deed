import type { GuardedFailure, GuardedFetch, GuardedRequest, GuardedResult } from "../../ports/guarded-fetch.js";
import { isBlockedAddress, isIpLiteral } from "./ip-ranges.js";

/** One HTTP exchange without following redirects; `trusted` says the origin is an operator-configured API. */
export type Hop = (url: URL, init: RequestInit, trusted: boolean) => Promise<Response>;

/** Thrown by a hop whose DNS answer was a private address (Node resolves before connecting). */
export class PrivateAddressError extends Error {
  constructor(readonly host: string) {
    super(`${host} resolves to a private, loopback or link-local address`);
    this.name = "PrivateAddressError";
  }
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
// Sent on every hop; anything else the caller set (Authorization above all) only to credentialHosts.
const HARMLESS = new Set(["accept", "accept-language", "user-agent", "content-type"]);

export type GuardOptions = {
  /**
   * Origins the operator configured as a channel's API (SLACK_API_URL, WHATSAPP_API_URL): reached
   * even on private addresses, so local fakes and internal gateways keep working.
   */
  trustedOrigins?: readonly string[];
  /** Private, loopback and link-local targets allowed everywhere (ACTIONS_ALLOW_PRIVATE_NETWORK: an internal order service). */
  allowPrivateNetwork?: boolean;
  hop: Hop;
};

export const hostAllowed = (host: string, allow: readonly string[]) =>
  allow.some((h) => host === h || (!h.includes(":") && (host.split(":")[0] === h || host.endsWith(`.${h}`))));

const fail = (code: GuardedFailure, message: string, retryable = false): GuardedResult => ({ ok: false, code, message, retryable });

/**
 * The runtime-agnostic guard: redirects followed by hand with each hop checked, literal private
 * addresses and localhost refused, credentials kept to their host, size and time bounded. What a
 * host name resolves to is the hop's business (Node pins the checked address, see node-guarded-fetch).
 */
export function guardedFetch(opts: GuardOptions): GuardedFetch {
  const trustedOrigins = new Set((opts.trustedOrigins ?? []).map((o) => new URL(o).origin));
  return {
    async fetch(req: GuardedRequest): Promise<GuardedResult> {
      let url: URL;
      try {
        url = new URL(req.url);
      } catch {
        return fail("bad_url", "Not a URL.");
      }
      const credentialHosts = req.credentialHosts ?? [url.host];
      const signal = AbortSignal.timeout(req.timeoutMs);
      let method = req.method ?? "GET";
      let body = req.body;
      for (let hops = 0; ; hops++) {
        const trusted = trustedOrigins.has(url.origin) || opts.allowPrivateNetwork === true;
        const refused = trustedOrigins.has(url.origin) ? null : refusal(url, req.allowHosts, opts.allowPrivateNetwork === true);
        if (refused) return refused;
        const headers = Object.fromEntries(
          Object.entries(req.headers ?? {}).filter(([k]) => HARMLESS.has(k.toLowerCase()) || credentialHosts.includes(url.host)),
        );
        let res: Response;
        try {
          res = await opts.hop(url, { method, headers, body: body as BodyInit | undefined, redirect: "manual", signal }, trusted);
        } catch (error) {
          return hopFailure(error, signal);
        }
        if (REDIRECTS.has(res.status)) {
          await res.body?.cancel().catch(() => {});
          const location = res.headers.get("location");
          if (!location) return fail("network", `HTTP ${res.status} without a Location header.`);
          if (hops >= (req.maxRedirects ?? 5)) return fail("too_many_redirects", `More than ${req.maxRedirects ?? 5} redirects.`);
          try {
            url = new URL(location, url);
          } catch {
            return fail("bad_url", "The redirect target is not a URL.");
          }
          if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === "POST")) {
            method = "GET";
            body = undefined;
          }
          continue;
        }
        try {
          const data = await readLimited(res, req.maxBytes);
          if (!data) return fail("too_large", `The response is larger than ${req.maxBytes} bytes.`);
          return { ok: true, status: res.status, headers: res.headers, body: data, url: url.toString() };
        } catch (error) {
          return hopFailure(error, signal);
        }
      }
    },
  };
}

function refusal(url: URL, allowHosts: readonly string[] | undefined, allowPrivate = false): GuardedResult | null {
  if (url.protocol !== "https:" && url.protocol !== "http:") return fail("bad_url", `${url.protocol} URLs are not fetched.`);
  if (url.username || url.password) return fail("bad_url", "URLs with credentials in them are not fetched.");
  if (allowHosts && !hostAllowed(url.host.toLowerCase(), allowHosts)) return fail("host_not_allowed", `${url.host} is not an allowed host here.`);
  const name = url.hostname.toLowerCase();
  if (allowPrivate) return null;
  if (name === "localhost" || name.endsWith(".localhost") || (isIpLiteral(name) && isBlockedAddress(name)))
    return fail("private_address", `${url.hostname} is a private, loopback or link-local address.`);
  return null;
}

function hopFailure(error: unknown, signal: AbortSignal): GuardedResult {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) if (e instanceof PrivateAddressError) return fail("private_address", e.message);
  if (signal.aborted) return fail("timeout", "The request took too long.", true);
  return fail("network", "The request failed on the network.", true);
}

/** The body, or null as soon as it passes `max` bytes (the rest is never read). */
async function readLimited(res: Response, max: number): Promise<Uint8Array | null> {
  if (Number(res.headers.get("content-length") ?? 0) > max) {
    await res.body?.cancel().catch(() => {});
    return null;
  }
  const reader = res.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (reader) {
    const next = await reader.read();
    if (next.done) break;
    size += next.value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(next.value);
  }
  const data = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    data.set(c, at);
    at += c.byteLength;
  }
  return data;
}

/** Workers: the platform's fetch already cannot reach private networks by name; literal ones are refused above. */
export function workersGuardedFetch(trustedOrigins: readonly string[] = [], allowPrivateNetwork = false): GuardedFetch {
  return guardedFetch({ trustedOrigins, allowPrivateNetwork, hop: (url, init) => fetch(url, init) });
}
