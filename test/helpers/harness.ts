import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseSettings } from "../../src/config/settings.js";
import { startNode } from "../../src/entry/node.js";

export const repoRoot = resolve(import.meta.dirname, "../..");

export function tempDir(prefix = "frontdesk-test-"): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A real frontdesk server on 127.0.0.1 with a fresh SQLite file; stop() removes everything. */
export async function startTestServer(env: Record<string, string> = {}) {
  const tmp = tempDir();
  const settings = parseSettings({
    PORT: "0",
    HOST: "127.0.0.1",
    DATABASE_PATH: join(tmp.dir, "frontdesk.db"),
    KNOWLEDGE_DIR: join(repoRoot, "knowledge"),
    LOG_LEVEL: "silent",
    JOB_POLL_MS: "20",
    // Every test client is 127.0.0.1: only the rate-limit tests lower these.
    RATE_LIMIT_IP_PER_MINUTE: "100000",
    RATE_LIMIT_TOKEN_PER_MINUTE: "100000",
    AUTH_FAILURES_PER_MINUTE: "100000",
    ...env,
  });
  const node = await startNode(settings);
  return {
    ...node,
    settings,
    dir: tmp.dir,
    async stop() {
      await node.stop();
      tmp.cleanup();
    },
  };
}

export type Json = Record<string, unknown>;

/** fetch + JSON, for tests that speak the HTTP contract. */
export async function call(
  base: string,
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; headers?: Record<string, string>; raw?: string } = {},
) {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let body: string | undefined;
  if (opts.raw !== undefined) body = opts.raw;
  else if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers["content-type"] ??= "application/json";
  }
  const res = await fetch(base + path, { method, headers, body });
  const text = await res.text();
  let json: Json = {};
  try {
    json = text ? (JSON.parse(text) as Json) : {};
  } catch {
    json = { text };
  }
  return { status: res.status, headers: res.headers, json };
}

/** Polls until `check` returns a value (not undefined/false), or fails after `ms`. */
export async function eventually<T>(check: () => Promise<T | undefined | false> | T | undefined | false, ms = 5000, every = 25): Promise<T> {
  const deadline = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value as T;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms${last ? `: ${String(last)}` : ""}`);
    await new Promise((r) => setTimeout(r, every));
  }
}

/** Opens a web chat conversation and returns a helper bound to its token. */
export async function openChat(base: string, body: Json = {}) {
  const created = await call(base, "POST", "/api/chat/conversations", { body });
  const { conversationId, customerToken } = created.json as { conversationId: string; customerToken: string };
  return {
    conversationId,
    customerToken,
    send: (text: string, headers: Record<string, string> = {}) =>
      call(base, "POST", `/api/chat/conversations/${conversationId}/messages`, { token: customerToken, body: { text }, headers }),
    messages: async () =>
      (await call(base, "GET", `/api/chat/conversations/${conversationId}/messages`, { token: customerToken })).json as {
        status: string;
        messages: { id: string; role: string; text: string; citations: { slug: string }[] }[];
      },
  };
}
