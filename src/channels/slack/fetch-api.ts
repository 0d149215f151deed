import { downloadSlackFile } from "./download-file.js";
import { classifySlackError, findByMetadata, type SlackApi, SlackApiError } from "./slack-api.js";

type Fetch = typeof fetch;

/**
 * The SlackApi port over plain fetch: no Node APIs, so the Workers entry (where Bolt does not run)
 * uses it as is. Same error classification as the Node adapter.
 */
export function fetchSlackApi(o: { botToken: string; apiUrl?: string; fetch?: Fetch; timeoutMs?: number }): SlackApi {
  const base = (o.apiUrl ?? "https://slack.com/api/").replace(/\/?$/, "/");
  const doFetch = o.fetch ?? fetch;
  const timeoutMs = o.timeoutMs ?? 10_000;

  async function call(method: string, args: Record<string, unknown>): Promise<Record<string, unknown>> {
    const form = new URLSearchParams();
    for (const [k, v] of Object.entries(args)) if (v !== undefined) form.set(k, typeof v === "string" ? v : JSON.stringify(v));
    let res: Response;
    try {
      res = await doFetch(base + method, {
        method: "POST",
        headers: { authorization: `Bearer ${o.botToken}`, "content-type": "application/x-www-form-urlencoded" },
        body: form.toString(),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch {
      throw new SlackApiError("network", true);
    }
    if (res.status === 429) {
      const seconds = Number(res.headers.get("retry-after") ?? "30");
      throw classifySlackError("ratelimited", (Number.isFinite(seconds) ? seconds : 30) * 1000);
    }
    if (!res.ok) throw new SlackApiError(`http_${res.status}`, res.status >= 500 || res.status === 408);
    const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    if (body.ok !== true) throw classifySlackError(typeof body.error === "string" ? body.error : "unknown_error");
    return body;
  }

  return {
    async postMessage({ channel, text, threadTs, blocks, metadata }) {
      const r = await call("chat.postMessage", {
        channel,
        text,
        thread_ts: threadTs,
        blocks,
        metadata: metadata ? { event_type: metadata.eventType, event_payload: metadata.payload } : undefined,
        unfurl_links: "false",
      });
      return { channel: String(r.channel ?? channel), ts: String(r.ts ?? "") };
    },
    async findInThread({ channel, threadTs, eventType, key, value }) {
      const r = await call("conversations.replies", { channel, ts: threadTs, include_all_metadata: "true", limit: "200" });
      return findByMetadata(r.messages, eventType, key, value);
    },
    async updateMessage({ channel, ts, text, blocks }) {
      await call("chat.update", { channel, ts, text, blocks });
    },
    async postEphemeral({ channel, user, text, threadTs }) {
      await call("chat.postEphemeral", { channel, user, text, thread_ts: threadTs });
    },
    async openView({ triggerId, view }) {
      await call("views.open", { trigger_id: triggerId, view });
    },
    async userInfo(userId) {
      const r = await call("users.info", { user: userId });
      const u = (r.user ?? {}) as {
        name?: string;
        real_name?: string;
        is_bot?: boolean;
        profile?: { real_name?: string; display_name?: string; email?: string };
      };
      return {
        name: u.profile?.real_name || u.real_name || u.profile?.display_name || u.name || undefined,
        email: u.profile?.email || undefined,
        isBot: Boolean(u.is_bot),
      };
    },
    async setThreadStatus({ channel, threadTs, status }) {
      await call("assistant.threads.setStatus", { channel_id: channel, thread_ts: threadTs, status });
    },
    downloadFile: (url, maxBytes) => downloadSlackFile({ fetch: doFetch, url, botToken: o.botToken, maxBytes, timeoutMs: timeoutMs }),
  };
}
