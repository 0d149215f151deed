import type { CoreDeps } from "../../core/deps.js";
import type { SlackApi } from "./slack-api.js";

type Placeholder = Promise<{ channel: string; ts: string } | undefined>;

/**
 * Where a "looking into it" placeholder was (or is being) posted, so the reply can replace it.
 * Promises, because a fast answer can be ready before the placeholder's own post returns.
 */
export interface PlaceholderStore {
  set(conversationId: string, at: Placeholder): void;
  take(conversationId: string): Placeholder | undefined;
}

/** A process-local placeholder map: losing it (restart) only means the reply is posted anew. */
export function memoryPlaceholders(max = 10_000): PlaceholderStore {
  const map = new Map<string, Placeholder>();
  return {
    set(id, at) {
      if (map.size >= max) map.delete(map.keys().next().value as string);
      map.set(id, at);
    },
    take(id) {
      const at = map.get(id);
      map.delete(id);
      return at;
    },
  };
}

/** Everything the runtime-agnostic Slack logic needs; Node builds it around Bolt, Workers around fetch. */
export type SlackContext = {
  deps: CoreDeps;
  api: SlackApi;
  reviewChannel?: string;
  placeholders: PlaceholderStore;
  /** Hosts the bot token may be sent to when downloading files (Slack's file hosts, plus a test server). */
  fileHosts: string[];
  maxFileBytes: number;
  /** Runs work after the acknowledgement (Workers: ctx.waitUntil; Node: a detached promise). */
  background: (work: Promise<unknown>) => void;
};

export const DEFAULT_FILE_HOSTS = ["files.slack.com", "slack-files.com"];
export const DEDUPE_TTL_MS = 60 * 60 * 1000;

/** A Slack conversation's thread key: the channel and the root message of the thread. */
export function slackThreadKey(channel: string, threadTs: string): string {
  return `${channel}:${threadTs}`;
}

export function parseSlackThreadKey(threadKey: string): { channel: string; threadTs: string } | null {
  const i = threadKey.indexOf(":");
  if (i <= 0 || i === threadKey.length - 1) return null;
  return { channel: threadKey.slice(0, i), threadTs: threadKey.slice(i + 1) };
}

/** Work that must finish before Slack's 3-second deadline gives up after `ms` instead. */
export function withBudget<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<T>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
