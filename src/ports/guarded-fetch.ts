/**
 * Outbound HTTP for URLs that come from outside (a Slack file link, a WhatsApp media URL) or from
 * an admin (actions, webhooks). Every implementation follows redirects itself, checking each hop
 * against the request's allow-list, refuses private, loopback and link-local addresses (except the
 * operator's configured API hosts), and bounds size and time.
 */
export interface GuardedFetch {
  fetch(request: GuardedRequest): Promise<GuardedResult>;
}

export type GuardedRequest = {
  url: string;
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /**
   * Hosts (`host` or `host:port`, lower-case) the request and every redirect may reach; a bare host
   * also allows its subdomains. Unset: any public host.
   */
  allowHosts?: readonly string[];
  /** Headers such as Authorization are sent to these hosts only; a redirect elsewhere drops them. Default: the first URL's host. */
  credentialHosts?: readonly string[];
  /** Bytes of response body at most; more is an error, not a cut. */
  maxBytes: number;
  /** For the whole exchange, redirects included. */
  timeoutMs: number;
  /** Default 5; 0 refuses any redirect. */
  maxRedirects?: number;
};

export type GuardedFailure = "bad_url" | "host_not_allowed" | "private_address" | "too_many_redirects" | "too_large" | "timeout" | "network";

export type GuardedResult =
  | { ok: true; status: number; headers: Headers; body: Uint8Array; url: string }
  | { ok: false; code: GuardedFailure; message: string; retryable: boolean };
