import { SlackApiError } from "./slack-api.js";

/**
 * Downloads a file shared in Slack (`url_private_download`) with the bot token, streaming so a file
 * over `maxBytes` is refused without being read whole. Both Web API clients (fetch and Bolt's) use it.
 */
export async function downloadSlackFile(o: {
  fetch: typeof fetch;
  url: string;
  botToken: string;
  maxBytes: number;
  timeoutMs: number;
}): Promise<{ data: Uint8Array; contentType: string }> {
  let res: Response;
  try {
    res = await o.fetch(o.url, { headers: { authorization: `Bearer ${o.botToken}` }, signal: AbortSignal.timeout(o.timeoutMs) });
  } catch {
    throw new SlackApiError("network", true);
  }
  if (!res.ok) throw new SlackApiError(`http_${res.status}`, res.status >= 500);
  if (Number(res.headers.get("content-length") ?? 0) > o.maxBytes) throw new SlackApiError("file_too_large", false);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = res.body?.getReader();
  for (;;) {
    const next = reader ? await reader.read() : { done: true as const, value: undefined };
    if (next.done) break;
    size += next.value.byteLength;
    if (size > o.maxBytes) {
      await reader?.cancel();
      throw new SlackApiError("file_too_large", false);
    }
    chunks.push(next.value);
  }
  const data = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    data.set(c, at);
    at += c.byteLength;
  }
  return { data, contentType: (res.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase() };
}
