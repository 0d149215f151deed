/** Hosts Meta serves WhatsApp media from; the access token goes nowhere else (besides the API host). */
export const META_MEDIA_HOSTS = [/^lookaside\.fbsbx\.com$/, /(^|\.)whatsapp\.net$/, /(^|\.)fbcdn\.net$/];

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

export type GraphApiOptions = { apiUrl: string; accessToken: string; phoneNumberId: string; timeoutMs?: number };

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

  const mediaHostAllowed = (url: string): boolean => {
    try {
      const u = new URL(url);
      return u.host === apiHost || (u.protocol === "https:" && META_MEDIA_HOSTS.some((h) => h.test(u.hostname)));
    } catch {
      return false;
    }
  };

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
      if (!meta.url || !mediaHostAllowed(meta.url)) throw new GraphError("media URL on an unexpected host", 200, false);
      if (meta.file_size !== undefined && meta.file_size > maxBytes) throw new GraphError(`media too large (${meta.file_size} bytes)`, 200, false);
      const res = await fetch(meta.url, { headers: auth, signal: timeout(), redirect: "error" });
      if (!res.ok) throw new GraphError(`media download ${res.status}`, res.status, res.status >= 500);
      const data = new Uint8Array(await res.arrayBuffer());
      if (data.length > maxBytes) throw new GraphError(`media too large (${data.length} bytes)`, 200, false);
      return { data, contentType: meta.mime_type ?? res.headers.get("content-type") ?? "application/octet-stream" };
    },
  };
}

export type GraphApi = ReturnType<typeof graphApi>;
