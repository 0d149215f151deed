import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openChat, startTestServer } from "../helpers/harness.js";

/** Reads an SSE response until the server ends it or `ms` pass; returns what arrived and whether it ended. */
async function readStream(res: Response, ms: number) {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  let ended = false;
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const next = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), deadline - Date.now()))]);
    if (next === null) break;
    if (next.done) {
      ended = true;
      break;
    }
    text += decoder.decode(next.value);
  }
  if (!ended) await reader.cancel().catch(() => {});
  return { text, ended };
}

describe("SSE streams re-check the customer token while open", () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    server = await startTestServer({ SSE_TOKEN_RECHECK_MS: "100", SSE_MAX_STREAMS_PER_TOKEN: "2" });
  });
  afterAll(async () => server?.stop());

  const open = (conversationId: string, token: string) => fetch(`${server.url}/api/chat/conversations/${conversationId}/stream?token=${token}`);
  const sql = (statement: string, ...params: unknown[]) => server.sqlite.sqlite.prepare(statement).run(...params);

  it("ends an open stream once the token expires, and delivers nothing after", async () => {
    const chat = await openChat(server.url);
    const res = await open(chat.conversationId, chat.customerToken);
    expect(res.status).toBe(200);
    sql("update conversations set token_expires_at = ? where id = ?", Date.now() - 1, chat.conversationId);
    server.deps.live.publish(chat.conversationId, { type: "status", data: { state: "thinking" } });
    const got = await readStream(res, 3000);
    expect(got.ended).toBe(true);
    expect(got.text).toContain("event: closed");
    expect(got.text).toContain('"code":"unauthorized"');
    expect(got.text).not.toContain('"state":"thinking"');
  });

  it("ends an open stream when the token is revoked", async () => {
    const chat = await openChat(server.url);
    const res = await open(chat.conversationId, chat.customerToken);
    sql("update conversations set customer_token_hash = 'revoked' where id = ?", chat.conversationId);
    const got = await readStream(res, 3000);
    expect(got.ended).toBe(true);
    expect(got.text).toContain('"code":"unauthorized"');
  });

  it("caps open streams per token, closing the oldest first", async () => {
    const chat = await openChat(server.url);
    const first = await open(chat.conversationId, chat.customerToken);
    const firstRead = readStream(first, 3000);
    await new Promise((r) => setTimeout(r, 100));
    const second = await open(chat.conversationId, chat.customerToken);
    await new Promise((r) => setTimeout(r, 100));
    const third = await open(chat.conversationId, chat.customerToken);
    const oldest = await firstRead;
    expect(oldest.ended).toBe(true);
    expect(oldest.text).toContain('"code":"rate_limited"');
    const [b, c] = await Promise.all([readStream(second, 400), readStream(third, 400)]);
    expect([b.ended, c.ended]).toEqual([false, false]);
  });
});

describe("the public message list pages", () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server?.stop());

  it("returns every message across pages with hasMore, instead of stopping silently at 500", async () => {
    const chat = await openChat(server.url);
    const now = Date.now();
    // 620 stored messages: more than the old silent cut-off.
    const insert = server.sqlite.sqlite.prepare("insert into messages (id, conversation_id, role, text, created_at) values (?, ?, 'customer', ?, ?)");
    server.sqlite.sqlite.transaction(() => {
      for (let i = 0; i < 620; i++) insert.run(`01M0000000000000000${String(i).padStart(7, "0")}`, chat.conversationId, `message ${i}`, now + i);
    })();
    const get = (query: string) =>
      fetch(`${server.url}/api/chat/conversations/${chat.conversationId}/messages${query}`, {
        headers: { authorization: `Bearer ${chat.customerToken}` },
      }).then(async (r) => ({
        status: r.status,
        json: (await r.json()) as { messages: { id: string; text: string }[]; hasMore: boolean; error?: { code: string } },
      }));
    const first = await get("");
    expect(first.json.messages).toHaveLength(100);
    expect(first.json.hasMore).toBe(true);
    const seen: string[] = [];
    let after = "";
    for (;;) {
      const page = await get(`?limit=500${after ? `&after=${after}` : ""}`);
      seen.push(...page.json.messages.map((m) => m.text));
      if (!page.json.hasMore) break;
      after = page.json.messages.at(-1)!.id;
    }
    expect(seen).toHaveLength(620);
    expect(seen.at(-1)).toBe("message 619");
    expect((await get("?limit=501")).status).toBe(400);
    expect((await get("?limit=0")).json.error?.code).toBe("bad_request");
  });
});
