import type { GuardedFetch } from "../../ports/guarded-fetch.js";

/** Hosts Meta serves WhatsApp media from (and their subdomains); the access token goes nowhere else (besides the API host). */
export const META_MEDIA_HOSTS = ["lookaside.fbsbx.com", "whatsapp.net", "fbcdn.net"];

export class GraphError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly retryable: boolean,
    readonly code?: number,
  ) {
    super(message);
  }
}

export type GraphApiOptions = {
  apiUrl: string;
  accessToken: string;
  phoneNumberId: string;
  timeoutMs?: number;
  /** Media downloads: the URL comes from Graph's answer, so every hop is checked (guarded fetch). */
  http: GuardedFetch;
};

/** The few Graph API calls the channel makes, over fetch (Node and Workers alike). */
export function graphApi(o: GraphApiOptions) {
  const base = o.apiUrl.replace(/\/+$/, "");
  const apiHost = new URL(base).host;
  const auth = { authorization: `Bearer ${o.accessToken}` };
  const timeout = () => AbortSignal.timeout(o.timeoutMs ?? 10_000);

  async function call(path: string, init: RequestInit = {}): Promise<Record<string, unknown>> {
    const res = await fetch(`${base}/${path}`, { ...init, headers: { ...auth, "content-type": "application/json" }, signal: timeout() });
    const body = (await res.json().catch(() => ({}))) as Record<string, unknown> & { error?: { message?: string; code?: number } };
    if (!res.ok) {
      // 429 and 5xx are worth repeating; code 131047 (window closed) and the rest are not.
      const retryable = res.status === 429 || res.status >= 500;
      throw new GraphError(`graph ${res.status}: ${body.error?.message ?? "request failed"}`.slice(0, 300), res.status, retryable, body.error?.code);
    }
    return body;
  }

  const mediaHosts = [apiHost, ...META_MEDIA_HOSTS];
  return {
    /** POST /{phone-number-id}/messages; answers the WhatsApp message id. */
    async send(message: Record<string, unknown>): Promise<string> {
      const body = await call(`${o.phoneNumberId}/messages`, { method: "POST", body: JSON.stringify({ messaging_product: "whatsapp", ...message }) });
      const id = (body.messages as { id?: string }[] | undefined)?.[0]?.id;
      if (!id) throw new GraphError("graph: no message id in the answer", 200, false);
      return id;
    },
    async markRead(messageId: string): Promise<void> {
      await call(`${o.phoneNumberId}/messages`, {
        method: "POST",
        body: JSON.stringify({ messaging_product: "whatsapp", status: "read", message_id: messageId }),
      });
    },
    /** Media id → URL (Graph) → bytes (a Meta media host), both with the access token. */
    async downloadMedia(mediaId: string, maxBytes: number): Promise<{ data: Uint8Array; contentType: string }> {
      const meta = (await call(encodeURIComponent(mediaId))) as { url?: string; mime_type?: string; file_size?: number };
      if (!meta.url) throw new GraphError("media answer without a URL", 200, false);
      if (meta.file_size !== undefined && meta.file_size > maxBytes) throw new GraphError(`media too large (${meta.file_size} bytes)`, 200, false);
      const res = await o.http.fetch({
        url: meta.url,
        headers: auth,
        allowHosts: mediaHosts,
        credentialHosts: mediaHosts,
        maxBytes,
        timeoutMs: o.timeoutMs ?? 10_000,
      });
      if (!res.ok) {
        if (res.code === "too_large") throw new GraphError(`media too large (over ${maxBytes} bytes)`, 200, false);
        throw new GraphError(`media download refused: ${res.code}`, 200, res.retryable);
      }
      if (res.status < 200 || res.status >= 300) throw new GraphError(`media download ${res.status}`, res.status, res.status >= 500);
      return { data: res.body, contentType: meta.mime_type ?? res.headers.get("content-type") ?? "application/octet-stream" };
    },
  };
}

export type GraphApi = ReturnType<typeof graphApi>;
