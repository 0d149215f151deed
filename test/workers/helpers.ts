import { env, exports } from "cloudflare:workers";
import { parseArticleMarkdown } from "../../src/adapters/kb/markdown.js";
import { openD1 } from "../../src/adapters/storage/d1.js";
import { createStore } from "../../src/adapters/storage/store.js";

export const BASE = "http://frontdesk.test";

// The knowledge base, bundled by Vite for the test: the worker itself has no file system.
const files = import.meta.glob("../../knowledge/*.md", { query: "?raw", import: "default", eager: true }) as Record<string, string>;

/** The store without the queue producer: rows written here are only found by a sweep or a direct batch. */
export function rawStore() {
  const { db, runBatch } = openD1(env.DB);
  return createStore(db, runBatch);
}

export function knowledgeArticles() {
  return Object.entries(files)
    .filter(([name]) => !name.toLowerCase().endsWith("readme.md"))
    .map(([name, source]) => parseArticleMarkdown(source, name));
}

export async function api(method: string, path: string, opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined) headers["content-type"] = "application/json";
  const res = await exports.default.fetch(`${BASE}${path}`, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
  const text = await res.text();
  return { status: res.status, json: (text ? JSON.parse(text) : {}) as Record<string, unknown> & { [k: string]: never } };
}

export async function startChat() {
  const res = await api("POST", "/api/chat/conversations", { body: { name: "Ada" } });
  if (res.status !== 201) throw new Error(`start failed: ${res.status} ${JSON.stringify(res.json)}`);
  return res.json as unknown as { conversationId: string; customerToken: string };
}

type PublicMessage = { id: string; role: string; text: string };

/** Polls the customer's message list, as the chat page does, until `done` holds. */
export async function waitForMessages(conversationId: string, token: string, done: (m: PublicMessage[]) => boolean, timeoutMs = 10_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const res = await api("GET", `/api/chat/conversations/${conversationId}/messages`, { token });
    const body = res.json as unknown as { status: string; messages: PublicMessage[] };
    if (done(body.messages)) return body;
    if (Date.now() > until) throw new Error(`timed out; messages so far: ${JSON.stringify(body)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

type JobRow = { id: string; kind: string; status: string; attempts: number; lastError: string | null };

export async function jobsFor(conversationId: string): Promise<JobRow[]> {
  const rows = await env.DB.prepare("select id, kind, status, attempts, last_error as lastError from jobs where payload like ? order by created_at")
    .bind(`%${conversationId}%`)
    .all<JobRow>();
  return rows.results;
}

/** Retries an assertion until it holds: queue consumers run asynchronously, as in production. */
export async function eventually(check: () => Promise<void>, timeoutMs = 10_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
