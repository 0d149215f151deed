import { createHmac } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, eventually, openChat, startTestServer } from "../helpers/harness.js";
import { ADMIN_KEY } from "../helpers/staff.js";

const SECRET = "webhook-secret-0123456789";
const OLD_SECRET = "webhook-old-secret-0123456789";
type Received = { headers: IncomingHttpHeaders; body: string; status: number };

/** A receiver on 127.0.0.1 that answers 500 to the first delivery of each event id, then 200. */
async function startReceiver() {
  const received: Received[] = [];
  const seen = new Set<string>();
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", () => {
      const id = String(req.headers["x-frontdesk-delivery"]);
      const status = seen.has(id) ? 200 : 500;
      seen.add(id);
      received.push({ headers: req.headers, body, status });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/frontdesk`;
  return { url, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const sign = (secret: string, body: string) => `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;

let receiver: Awaited<ReturnType<typeof startReceiver>>;
let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  receiver = await startReceiver();
  server = await startTestServer({
    WEBHOOK_URL: receiver.url,
    WEBHOOK_SECRET: SECRET,
    WEBHOOK_SECRET_PREVIOUS: OLD_SECRET,
    WEBHOOK_EVENTS: "conversation.created,conversation.handed_off,message.created",
    WEBHOOKS_ALLOW_PRIVATE_NETWORK: "true",
    ADMIN_API_KEY: ADMIN_KEY,
  });
});
afterAll(async () => {
  await server.stop();
  await receiver.close();
});

describe("outbound webhooks", () => {
  it("delivers a handoff again after the receiver fails once, signed with the raw body", async () => {
    const chat = await openChat(server.url);
    await chat.send("Do you sell espresso machines for my cafe?");
    const delivered = await eventually(
      () => receiver.received.find((r) => r.status === 200 && r.headers["x-frontdesk-event"] === "conversation.handed_off"),
      8000,
    );
    const event = JSON.parse(delivered.body) as { id: string; type: string; createdAt: string; data: { conversation: { id: string; status: string } } };
    expect(event.type).toBe("conversation.handed_off");
    expect(event.data.conversation).toMatchObject({ id: chat.conversationId, status: "handed_off" });
    expect(Number.isNaN(Date.parse(event.createdAt))).toBe(false);
    // The same event id came first with a 500, then again: at-least-once, deduplicated by the id.
    const attempts = receiver.received.filter((r) => r.headers["x-frontdesk-delivery"] === event.id);
    expect(attempts.map((a) => a.status)).toEqual([500, 200]);
    expect(attempts[0]?.body).toBe(delivered.body);
    expect(delivered.headers["x-frontdesk-delivery"]).toBe(event.id);
    expect(delivered.headers["x-frontdesk-signature"]).toBe(sign(SECRET, delivered.body));
    expect(delivered.headers["x-frontdesk-signature-previous"]).toBe(sign(OLD_SECRET, delivered.body));
  });

  it("sends only the chosen events: the customer's message and the conversation, never the filtered ones", async () => {
    const chat = await openChat(server.url);
    await chat.send("How do I reset my password?");
    await eventually(
      () => receiver.received.some((r) => r.status === 200 && r.body.includes(chat.conversationId) && r.body.includes('"role":"assistant"')),
      8000,
    );
    const types = new Set(receiver.received.filter((r) => r.body.includes(chat.conversationId)).map((r) => r.headers["x-frontdesk-event"]));
    expect(types).toEqual(new Set(["conversation.created", "message.created"]));
  });

  it("lists deliveries with status and attempts, and redelivers one with the same event id", async () => {
    const log = await call(server.url, "GET", "/api/admin/webhooks/deliveries", { token: ADMIN_KEY });
    expect(log.status).toBe(200);
    const rows = log.json.deliveries as { jobId: string; eventId: string; type: string; status: string; attempts: number }[];
    const handoff = rows.find((r) => r.type === "conversation.handed_off" && r.status === "done");
    expect(handoff?.attempts).toBe(2);
    const before = receiver.received.length;
    const again = await call(server.url, "POST", `/api/admin/webhooks/deliveries/${handoff?.jobId}/redeliver`, { token: ADMIN_KEY });
    expect(again.status).toBe(202);
    await eventually(() => receiver.received.slice(before).find((r) => r.headers["x-frontdesk-delivery"] === handoff?.eventId && r.status === 200), 5000);
    expect((await call(server.url, "POST", "/api/admin/webhooks/deliveries/nope/redeliver", { token: ADMIN_KEY })).status).toBe(404);
  });
});

describe("webhooks to a private address", () => {
  it("are refused unless WEBHOOKS_ALLOW_PRIVATE_NETWORK=true", async () => {
    const other = await startTestServer({ WEBHOOK_URL: receiver.url, WEBHOOK_SECRET: SECRET, JOB_MAX_ATTEMPTS: "1", ADMIN_API_KEY: ADMIN_KEY });
    try {
      const chat = await openChat(other.url);
      await chat.send("Do you sell espresso machines for my cafe?");
      const dead = await eventually(async () => {
        const rows = (await call(other.url, "GET", "/api/admin/webhooks/deliveries", { token: ADMIN_KEY })).json.deliveries as {
          status: string;
          lastError: string;
        }[];
        return rows.find((r) => r.status === "dead");
      }, 5000);
      expect(dead.lastError).toMatch(/private_address/);
      expect(receiver.received.some((r) => r.body.includes(chat.conversationId))).toBe(false);
    } finally {
      await other.stop();
    }
  });
});
