import type { ChannelSender } from "../../ports/channel-sender.js";

/**
 * Replies in the customer's Slack thread with `chat.postMessage` over fetch (works on Workers).
 * Rate limits and 5xx are retryable; Slack's own `ok: false` errors (channel_not_found, ...) are not.
 */
export function slackFetchSender(options: { botToken: string; apiUrl?: string; fetch?: typeof fetch }): ChannelSender {
  const base = (options.apiUrl ?? "https://slack.com/api/").replace(/\/?$/, "/");
  const doFetch = options.fetch ?? fetch;
  return {
    async send({ conversation, message }) {
      const [channel, threadTs] = conversation.threadKey.split(":");
      let res: Response;
      try {
        res = await doFetch(`${base}chat.postMessage`, {
          method: "POST",
          headers: { authorization: `Bearer ${options.botToken}`, "content-type": "application/json; charset=utf-8" },
          body: JSON.stringify({ channel, thread_ts: threadTs, text: message.text }),
        });
      } catch (error) {
        return { ok: false, retryable: true, error: `slack unreachable: ${String(error)}` };
      }
      if (res.status === 429 || res.status >= 500) {
        const retryAfter = Number(res.headers.get("retry-after"));
        return { ok: false, retryable: true, error: `slack http ${res.status}`, retryAfterMs: retryAfter > 0 ? retryAfter * 1000 : undefined };
      }
      const body = (await res.json().catch(() => ({}))) as { ok?: boolean; error?: string; ts?: string };
      if (!body.ok) return { ok: false, retryable: false, error: `slack: ${body.error ?? `http ${res.status}`}` };
      return { ok: true, externalId: body.ts };
    },
  };
}
