import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type FakeOpenAI, startFakeOpenAI } from "../helpers/fake-openai.js";
import { orderStatus, startFakeOrders } from "../helpers/fake-orders.js";
import { call, eventually, openChat, startTestServer } from "../helpers/harness.js";
import { triageFields } from "../helpers/triage-fixture.js";

const ADMIN = "test-admin-key-0123456789abcdef";
const SECRET = "orders-api-secret-9876543210";
const IDENTITY = "identity-secret-for-tests-0123456789";
const hash = (userId: string) => createHmac("sha256", IDENTITY).update(userId).digest("hex");

let fake: FakeOpenAI;
let orders: Awaited<ReturnType<typeof startFakeOrders>>;
let server: Awaited<ReturnType<typeof startTestServer>>;
const logLines: string[] = [];

beforeAll(async () => {
  for (const m of ["log", "error", "warn", "info"] as const) vi.spyOn(console, m).mockImplementation((line: unknown) => void logLines.push(String(line)));
  orders = await startFakeOrders();
  fake = await startFakeOpenAI({
    handler: (req) => {
      if (req.format === "triage") return { json: triageFields({ category: "orders" }) };
      if (req.format !== "answer") return undefined;
      const result = req.toolResults.join("\n");
      const name = /Please cancel my order/.test(req.prompt) ? "cancel_order" : /send my invoice/.test(req.prompt) ? "resend_invoice" : "order_status";
      if (!result) return { toolCalls: [{ name, arguments: { order: "A-12345" } }] };
      const status = /"status":"(\w+)"/.exec(result)?.[1] ?? "unknown";
      return { json: { text: `Your order A-12345 is ${status}.`, citations: [], confidence: 0.9, fully_answered: true, language: "en" } };
    },
  });
  process.env.ORDERS_API_KEY = SECRET;
  server = await startTestServer({
    LOG_LEVEL: "debug",
    OPENAI_API_KEY: "sk-test",
    OPENAI_BASE_URL: fake.url,
    REVIEW_MODE: "none",
    ADMIN_API_KEY: ADMIN,
    ACTIONS_SECRETS: "ORDERS_API_KEY",
    ACTIONS_ALLOW_PRIVATE_NETWORK: "true",
    IDENTITY_VERIFICATION_SECRET: IDENTITY,
  });
  const status = orderStatus(orders.url);
  for (const body of [
    status,
    {
      ...status,
      name: "cancel_order",
      description: "Cancel order",
      policy: "confirm",
      request: { ...status.request, method: "POST", url: `${orders.url}/orders/{order}/cancel` },
    },
    {
      ...status,
      name: "resend_invoice",
      description: "Send the invoice again",
      policy: "review",
      request: { ...status.request, method: "POST", url: `${orders.url}/orders/{order}/invoice` },
    },
  ])
    expect((await call(server.url, "POST", "/api/admin/actions", { token: ADMIN, body })).status).toBe(201);
});
afterAll(async () => {
  await server?.stop();
  await fake?.close();
  await orders?.close();
  delete process.env.ORDERS_API_KEY;
  vi.restoreAllMocks();
});

async function ask(chat: Awaited<ReturnType<typeof openChat>>, text: string) {
  expect((await chat.send(text)).status).toBe(202);
  return eventually(async () => (await chat.messages()).messages.find((m) => m.role === "assistant"), 10_000).catch(async (e) => {
    throw new Error(`${e}: ${JSON.stringify((await server.store.listTurns(chat.conversationId)).map((t) => t.reasons))}`);
  });
}

describe("actions through the model", () => {
  it("a verified customer's order question calls the service with the secret and their id, and is answered with the status", async () => {
    const chat = await openChat(server.url, { userId: "cust_42", userHash: hash("cust_42").toUpperCase() });
    const reply = await ask(chat, "Where is my order A-12345?");
    expect(reply.text).toBe("Your order A-12345 is shipped.");
    const req = orders.requests.at(-1);
    expect(req?.url).toBe("/orders/A-12345?customer=cust_42");
    expect(req?.headers.authorization).toBe(`Bearer ${SECRET}`);
    // The model saw the result as tagged data.
    expect(fake.requests.some((r) => r.toolResults.some((t) => t.includes('<action_result name="order_status">')))).toBe(true);

    // The secret is in no model request, trace, audit entry or log line.
    expect(JSON.stringify(fake.requests.map((r) => ({ body: r.body, prompt: r.prompt })))).not.toContain(SECRET);
    const [turn] = await server.store.listTurns(chat.conversationId);
    expect(turn?.reasons.some((r) => r.startsWith("action_called:order_status:200:"))).toBe(true);
    expect(JSON.stringify(turn)).not.toContain(SECRET);
    expect(JSON.stringify(await server.store.listAudit({ entity: "action" }))).not.toContain(SECRET);
    expect(logLines.length).toBeGreaterThan(0);
    expect(logLines.join("\n")).not.toContain(SECRET);
  });

  it("asks an unverified customer to sign in and never calls the service", async () => {
    const before = orders.requests.length;
    const chat = await openChat(server.url, { name: "Sam" });
    const reply = await ask(chat, "Where is my order A-12345?");
    expect(reply.text).toMatch(/sign in/i);
    expect(orders.requests.length).toBe(before);
  });

  it("refuses a wrong or missing userHash with 401, and links a verified user's conversations to one contact", async () => {
    expect((await call(server.url, "POST", "/api/chat/conversations", { body: { userId: "cust_42", userHash: hash("cust_43") } })).status).toBe(401);
    expect((await call(server.url, "POST", "/api/chat/conversations", { body: { userId: "cust_42" } })).status).toBe(401);
    const a = await openChat(server.url, { userId: "cust_7", userHash: hash("cust_7") });
    const b = await openChat(server.url, { userId: "cust_7", userHash: hash("cust_7") });
    const contactOf = async (id: string) => (await server.store.getConversation(id))?.contactId;
    expect(await contactOf(a.conversationId)).toBe(await contactOf(b.conversationId));
  });

  it("a confirm action asks first and calls the service only after the customer's yes", async () => {
    const before = orders.requests.length;
    const chat = await openChat(server.url, { userId: "cust_42", userHash: hash("cust_42") });
    const question = await ask(chat, "Please cancel my order A-12345");
    expect(question.text).toBe("Before I do this, please confirm (reply yes or no): Cancel order (order: A-12345)?");
    expect(orders.requests.length).toBe(before);
    expect((await chat.send("yes")).status).toBe(202);
    const done = await eventually(async () => (await chat.messages()).messages.filter((m) => m.role === "assistant")[1], 10_000);
    expect(done.text).toBe("Your order A-12345 is cancelled.");
    const sent = orders.requests.slice(before);
    expect(sent.map((r) => [r.method, r.url])).toEqual([["POST", "/orders/A-12345/cancel"]]);
    expect(sent[0]?.headers["idempotency-key"]).toMatch(/^[0-9a-f]{48}$/);
  });

  it("a review action is never called by the bot: the conversation waits for an agent, with the arguments in the audit log", async () => {
    const before = orders.requests.length;
    const chat = await openChat(server.url, { userId: "cust_42", userHash: hash("cust_42") });
    expect((await chat.send("Could you send my invoice for A-12345 again?")).status).toBe(202);
    await eventually(async () => (await chat.messages()).status === "handed_off", 10_000);
    const [turn] = await server.store.listTurns(chat.conversationId);
    expect(turn?.reasons).toContain("action_review:resend_invoice");
    expect(orders.requests.length).toBe(before);
    const audit = await server.store.listAudit({ entity: "action" });
    expect(audit.find((a) => a.action === "action.review_requested")?.detail).toMatchObject({ name: "resend_invoice", arguments: { order: "A-12345" } });
  });
});
