import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, eventually, openChat, startTestServer } from "../helpers/harness.js";

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.stop();
});

describe("web chat, offline responder", () => {
  it("answers a password question with a cited automated answer", async () => {
    const chat = await openChat(server.url);
    expect((await chat.send("How do I reset my password?")).status).toBe(202);
    const reply = await eventually(async () => (await chat.messages()).messages.find((m) => m.role === "assistant"), 2000);
    expect(reply.text).toMatch(/automated answer/i);
    expect(reply.citations.map((c) => c.slug)).toEqual(["reset-password"]);
    expect((await chat.messages()).status).toBe("open");
  });

  it("hands off at once when the customer asks for a real person, and says so", async () => {
    const chat = await openChat(server.url);
    await chat.send("I want to talk to a real person");
    const notice = await eventually(async () => (await chat.messages()).messages.find((m) => m.role === "system"));
    expect(notice.text).toMatch(/support team/);
    expect((await chat.messages()).status).toBe("handed_off");
    expect((await chat.messages()).messages.some((m) => m.role === "assistant")).toBe(false);
  });

  it("hands off a question the knowledge base cannot answer", async () => {
    const chat = await openChat(server.url);
    await chat.send("Do you sell espresso machines for my cafe?");
    await eventually(async () => (await chat.messages()).status === "handed_off");
  });

  it("stores one message for two posts with the same Idempotency-Key", async () => {
    const chat = await openChat(server.url);
    const first = await chat.send("Where is my order?", { "idempotency-key": "retry-1" });
    const second = await chat.send("Where is my order?", { "idempotency-key": "retry-1" });
    expect(first.status).toBe(202);
    expect(second.status).toBe(202);
    expect(second.json.messageId).toBe(first.json.messageId);
    await eventually(async () => (await chat.messages()).messages.length >= 2);
    const customer = (await chat.messages()).messages.filter((m) => m.role === "customer");
    expect(customer).toHaveLength(1);
    expect(await server.store.listTurns(chat.conversationId)).toHaveLength(1);
  });

  it("returns only messages after the given id", async () => {
    const chat = await openChat(server.url);
    const { json } = await chat.send("How do I reset my password?");
    await eventually(async () => (await chat.messages()).messages.length >= 2);
    const after = await call(server.url, "GET", `/api/chat/conversations/${chat.conversationId}/messages?after=${json.messageId}`, {
      token: chat.customerToken,
    });
    // The answer, then "Did this answer your question?" with its choices.
    const later = after.json.messages as { role: string; choices?: unknown[] }[];
    expect(later.map((m) => m.role)).toEqual(["assistant", "assistant"]);
    expect(later[1]?.choices).toHaveLength(2);
  });

  it("streams the reply over SSE", async () => {
    const chat = await openChat(server.url);
    const res = await fetch(`${server.url}/api/chat/conversations/${chat.conversationId}/stream?token=${chat.customerToken}`);
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const reader = res.body!.getReader();
    await chat.send("How do I reset my password?");
    let seen = "";
    const decoder = new TextDecoder();
    while (!seen.includes("event: message\ndata:") || !seen.includes('"role":"assistant"')) {
      const { value, done } = await reader.read();
      if (done) break;
      seen += decoder.decode(value);
    }
    await reader.cancel();
    expect(seen).toContain("event: status");
    expect(seen).toContain('"state":"thinking"');
    expect(seen).toContain('"role":"assistant"');
  });
});

describe("web chat contract: bad input gets a 4xx with the error body and stores nothing", () => {
  const expectError = (res: { status: number; json: Record<string, unknown> }, status: number, code: string) => {
    expect(res.status).toBe(status);
    expect(res.json.error).toMatchObject({ code, message: expect.any(String), requestId: expect.any(String) });
  };

  it("refuses non-JSON", async () => {
    const chat = await openChat(server.url);
    const res = await call(server.url, "POST", `/api/chat/conversations/${chat.conversationId}/messages`, {
      token: chat.customerToken,
      raw: "{not json",
      headers: { "content-type": "application/json" },
    });
    expectError(res, 400, "bad_request");
    expect((await chat.messages()).messages).toHaveLength(0);
  });

  it("refuses a body that is not JSON at all", async () => {
    const chat = await openChat(server.url);
    const res = await call(server.url, "POST", `/api/chat/conversations/${chat.conversationId}/messages`, {
      token: chat.customerToken,
      raw: "hello",
      headers: { "content-type": "text/plain" },
    });
    expectError(res, 415, "unsupported_media_type");
  });

  it("refuses missing text", async () => {
    const chat = await openChat(server.url);
    const res = await call(server.url, "POST", `/api/chat/conversations/${chat.conversationId}/messages`, { token: chat.customerToken, body: {} });
    expectError(res, 400, "bad_request");
    expect(String((res.json.error as { message: string }).message)).toContain("text");
  });

  it("refuses empty text", async () => {
    const chat = await openChat(server.url);
    expectError(await chat.send("   "), 400, "bad_request");
  });

  it("refuses text over 8,000 characters", async () => {
    const chat = await openChat(server.url);
    expectError(await chat.send("a".repeat(8001)), 413, "payload_too_large");
    expect((await chat.messages()).messages).toHaveLength(0);
    expect((await chat.send("a".repeat(8000))).status).toBe(202);
  });

  it("refuses unknown fields", async () => {
    const chat = await openChat(server.url);
    const res = await call(server.url, "POST", `/api/chat/conversations/${chat.conversationId}/messages`, {
      token: chat.customerToken,
      body: { text: "hi", admin: true },
    });
    expectError(res, 400, "bad_request");
  });

  it("needs the conversation's token", async () => {
    const chat = await openChat(server.url);
    expectError(await call(server.url, "POST", `/api/chat/conversations/${chat.conversationId}/messages`, { body: { text: "hi" } }), 401, "unauthorized");
    expectError(
      await call(server.url, "POST", `/api/chat/conversations/${chat.conversationId}/messages`, { token: "fdc_wrong", body: { text: "hi" } }),
      401,
      "unauthorized",
    );
    expectError(await call(server.url, "GET", `/api/chat/conversations/${chat.conversationId}/messages`), 401, "unauthorized");
  });

  it("refuses someone else's token", async () => {
    const mine = await openChat(server.url);
    const theirs = await openChat(server.url);
    await theirs.send("private message");
    expectError(await call(server.url, "GET", `/api/chat/conversations/${theirs.conversationId}/messages`, { token: mine.customerToken }), 403, "forbidden");
    expectError(
      await call(server.url, "POST", `/api/chat/conversations/${theirs.conversationId}/messages`, { token: mine.customerToken, body: { text: "hi" } }),
      403,
      "forbidden",
    );
    expectError(await call(server.url, "GET", `/api/chat/conversations/${theirs.conversationId}/stream`, { token: mine.customerToken }), 403, "forbidden");
  });

  it("answers 404 for an unknown conversation", async () => {
    const res = await call(server.url, "POST", "/api/chat/conversations/01UNKNOWN0000000000000000/messages", { token: "fdc_nothing", body: { text: "hi" } });
    expectError(res, 404, "not_found");
  });

  it("validates the conversation fields", async () => {
    expectError(await call(server.url, "POST", "/api/chat/conversations", { body: { email: "not-an-email" } }), 400, "bad_request");
    expect((await call(server.url, "POST", "/api/chat/conversations", { body: { name: "Ana", email: "ana@example.com", locale: "es" } })).status).toBe(201);
    expect((await call(server.url, "POST", "/api/chat/conversations")).status).toBe(201);
  });

  it("reports health and unknown routes in the same error shape", async () => {
    expect((await call(server.url, "GET", "/health")).json).toEqual({ ok: true, db: "ok", llm: "offline" });
    expectError(await call(server.url, "GET", "/api/nope"), 404, "not_found");
  });

  it("serves the chat page and the widget", async () => {
    const page = await fetch(`${server.url}/`);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(await page.text()).toContain('<script src="/chat.js"');
    expect(page.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect((await fetch(`${server.url}/widget.js`)).status).toBe(200);
  });
});

describe("API description", () => {
  it("serves an OpenAPI document covering the contract and a readable docs page", async () => {
    const doc = (await call(server.url, "GET", "/openapi.json")).json as { openapi: string; paths: Record<string, Record<string, { requestBody?: unknown }>> };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/api/chat/conversations/{id}/messages", "/api/agent/drafts/{id}/approve", "/slack/events", "/email/inbound"]),
    );
    expect(doc.paths["/api/chat/conversations/{id}/messages"]?.post?.requestBody).toBeDefined();
    const docs = await fetch(`${server.url}/docs`);
    expect(await docs.text()).toContain("/api/kb/search");
  });
});
