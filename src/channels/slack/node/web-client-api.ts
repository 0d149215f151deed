import { ErrorCode, type WebClient } from "@slack/web-api";
import { downloadSlackFile } from "../download-file.js";
import { classifySlackError, findByMetadata, type SlackApi, SlackApiError } from "../slack-api.js";

/** Turns the SDK's error classes into our classification (code, retryable, Retry-After). */
export function toSlackApiError(error: unknown): SlackApiError {
  if (error instanceof SlackApiError) return error;
  const e = error as { code?: string; data?: { error?: string }; retryAfter?: number; statusCode?: number; message?: string };
  switch (e?.code) {
    case ErrorCode.RateLimitedError:
      return classifySlackError("ratelimited", (e.retryAfter ?? 30) * 1000);
    case ErrorCode.PlatformError:
      return classifySlackError(e.data?.error ?? "unknown_error");
    case ErrorCode.HTTPError:
      return new SlackApiError(`http_${e.statusCode ?? "error"}`, (e.statusCode ?? 500) >= 500 || e.statusCode === 408);
    case ErrorCode.RequestError:
      return new SlackApiError("network", true);
    default:
      return new SlackApiError(e?.message ?? "unknown_error", true);
  }
}

async function call<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toSlackApiError(error);
  }
}

/**
 * The SlackApi port over @slack/web-api, the client Bolt uses. The client is built with
 * `rejectRateLimitedCalls` and no internal retries: our durable jobs do the waiting, so a rate
 * limit never blocks a request handler or a job slot for minutes.
 */
export function webClientApi(client: WebClient, botToken: string, fetchFn: typeof fetch = fetch): SlackApi {
  return {
    postMessage: ({ channel, text, threadTs, blocks, metadata }) =>
      call(async () => {
        const r = await client.chat.postMessage({
          channel,
          text,
          thread_ts: threadTs,
          ...(blocks ? { blocks: blocks as never } : {}),
          ...(metadata ? { metadata: { event_type: metadata.eventType, event_payload: metadata.payload } } : {}),
          unfurl_links: false,
        });
        return { channel: r.channel ?? channel, ts: r.ts ?? "" };
      }),
    findInThread: ({ channel, threadTs, eventType, key, value }) =>
      call(async () => {
        const r = await client.conversations.replies({ channel, ts: threadTs, include_all_metadata: true, limit: 200 });
        return findByMetadata(r.messages, eventType, key, value);
      }),
    updateMessage: ({ channel, ts, text, blocks }) =>
      call(async () => {
        await client.chat.update({ channel, ts, text, ...(blocks ? { blocks: blocks as never } : {}) });
      }),
    postEphemeral: ({ channel, user, text, threadTs }) =>
      call(async () => {
        await client.chat.postEphemeral({ channel, user, text, ...(threadTs ? { thread_ts: threadTs } : {}) });
      }),
    openView: ({ triggerId, view }) =>
      call(async () => {
        await client.views.open({ trigger_id: triggerId, view: view as never });
      }),
    userInfo: (userId) =>
      call(async () => {
        const r = await client.users.info({ user: userId });
        const u = r.user;
        const name = u?.profile?.real_name || u?.real_name || u?.profile?.display_name || u?.name || undefined;
        return { name, email: u?.profile?.email || undefined, isBot: Boolean(u?.is_bot) };
      }),
    setThreadStatus: ({ channel, threadTs, status }) =>
      call(async () => {
        await client.assistant.threads.setStatus({ channel_id: channel, thread_ts: threadTs, status });
      }),
    downloadFile: (url, maxBytes) => downloadSlackFile({ fetch: fetchFn, url, botToken: botToken, maxBytes, timeoutMs: 10_000 }),
  };
}
