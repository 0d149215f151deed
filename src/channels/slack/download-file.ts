import type { GuardedFetch } from "../../ports/guarded-fetch.js";
import { SlackApiError } from "./slack-api.js";

/**
 * Downloads a file shared in Slack (`url_private_download`) with the bot token through the guarded
 * fetch: every redirect hop must stay on Slack's file hosts (or the configured API host), the token
 * never leaves them, and a file over `maxBytes` is refused without being read whole. Both Web API
 * clients (fetch and Bolt's) use it.
 */
export async function downloadSlackFile(o: {
  http: GuardedFetch;
  url: string;
  botToken: string;
  fileHosts: readonly string[];
  maxBytes: number;
  timeoutMs: number;
}): Promise<{ data: Uint8Array; contentType: string }> {
  const res = await o.http.fetch({
    url: o.url,
    headers: { authorization: `Bearer ${o.botToken}` },
    allowHosts: o.fileHosts,
    credentialHosts: o.fileHosts,
    maxBytes: o.maxBytes,
    timeoutMs: o.timeoutMs,
  });
  if (!res.ok) {
    if (res.code === "too_large") throw new SlackApiError("file_too_large", false);
    if (res.retryable) throw new SlackApiError("network", true);
    throw new SlackApiError(`file_refused_${res.code}`, false);
  }
  if (res.status < 200 || res.status >= 300) throw new SlackApiError(`http_${res.status}`, res.status >= 500);
  return { data: res.body, contentType: (res.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase() };
}
