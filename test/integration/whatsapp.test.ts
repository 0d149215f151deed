import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signWhatsAppBody } from "../../src/channels/whatsapp/signature.js";
import { startFakeGraph } from "../helpers/fake-graph.js";
import { eventually, startTestServer } from "../helpers/harness.js";
import { textImage } from "../helpers/images.js";

const SECRET = "whatsapp-app-secret-0123";
const TOKEN = "EAAG-whatsapp-token";
const PHONE_ID = "1029384756";
let graph: Awaited<ReturnType<typeof startFakeGraph>>;
let server: Awaited<ReturnType<typeof startTestServer>>;

function notification(value: Record<string, unknown>) {
  return JSON.stringify({
    object: "whatsapp_business_account",
    entry: [{ id: "WABA1", changes: [{ field: "messages", value: { messaging_product: "whatsapp", metadata: { phone_number_id: PHONE_ID }, ...value } }] }],
  });
}

function textMessage(id: string, from: string, body: string) {
  return notification({
    contacts: [{ wa_id: from, profile: { name: "Ana" } }],
    messages: [{ id, from, timestamp: "1700000000", type: "text", text: { body } }],
  });
}

async function post(body: string, signature?: string | null) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  const sig = signature === undefined ? await signWhatsAppBody(SECRET, body) : signature;
  if (sig !== null) headers["x-hub-signature-256"] = sig;
  return fetch(`${server.url}/whatsapp/webhook`, { method: "POST", headers, body });
}

const db = () => server.sqlite.sqlite;

beforeAll(async () => {
  graph = await startFakeGraph({ accessToken: TOKEN });
  server = await startTestServer({
    WHATSAPP_APP_SECRET: SECRET,
    WHATSAPP_ACCESS_TOKEN: TOKEN,
    WHATSAPP_PHONE_NUMBER_ID: PHONE_ID,
    WHATSAPP_VERIFY_TOKEN: "verify-me",
    WHATSAPP_API_URL: graph.apiUrl,
    OCR_ENABLED: "true",
  });
});
afterAll(async () => {
  await server.stop();
  await graph.close();
});

describe("WhatsApp Cloud API channel", () => {
  it("answers Meta's verification handshake and refuses a wrong verify token", async () => {
    const ok = await fetch(`${server.url}/whatsapp/webhook?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=1158201444`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe("1158201444");
    const wrong = await fetch(`${server.url}/whatsapp/webhook?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1`);
    expect(wrong.status).toBe(403);
    expect(((await wrong.json()) as { error: { code: string } }).error.code).toBe("forbidden");
  });

  it("refuses a bad or missing signature and stores nothing", async () => {
    const body = textMessage("wamid.FORGED", "15550001111", "How do I reset my password?");
    expect((await post(body, await signWhatsAppBody("not-the-secret", body))).status).toBe(401);
    expect((await post(body, null)).status).toBe(401);
    expect(db().prepare("select count(*) n from messages where channel_message_id = 'wamid.FORGED'").get()).toEqual({ n: 0 });
  });

  it("answers a password question once through the Graph API, even when Meta redelivers it", async () => {
    const body = textMessage("wamid.PW1", "15550002222", "How do I reset my password?");
    expect((await post(body)).status).toBe(200);
    expect((await post(body)).status).toBe(200);
    const reply = await eventually(() => graph.sent().find((c) => c.body.to === "15550002222"));
    expect(reply.path).toBe(`/v23.0/${PHONE_ID}/messages`);
    expect(reply.auth).toBe(`Bearer ${TOKEN}`);
    expect(reply.body).toMatchObject({ messaging_product: "whatsapp", type: "text" });
    expect(String((reply.body.text as { body: string }).body).toLowerCase()).toContain("password");
    await new Promise((r) => setTimeout(r, 300));
    // The answer once, then "Did this answer your question?" as reply buttons.
    const sent = graph.sent().filter((c) => c.body.to === "15550002222");
    expect(sent).toHaveLength(2);
    expect(sent[1]?.body).toMatchObject({ type: "interactive", interactive: { type: "button" } });
    expect(graph.reads().filter((c) => c.body.message_id === "wamid.PW1")).toHaveLength(1);
    const rows = db().prepare("select count(*) n from conversations where channel = 'whatsapp' and thread_key = '15550002222'").get();
    expect(rows).toEqual({ n: 1 });
  });

  it("sends an image through media id → URL → bytes into the image intake", async () => {
    graph.addMedia("MEDIA42", await textImage(["Order 4417", "Total 12.50"]), "image/png");
    const body = notification({ messages: [{ id: "wamid.IMG1", from: "15550003333", type: "image", image: { id: "MEDIA42", mime_type: "image/png" } }] });
    expect((await post(body)).status).toBe(200);
    const row = await eventually(
      () =>
        db().prepare("select a.status, a.mime from attachments a join messages m on m.id = a.message_id where m.channel_message_id = 'wamid.IMG1'").get() as
          | { status: string; mime: string }
          | undefined,
    );
    expect(row.mime).toBe("image/png");
    const read = await eventually(() => {
      const r = db().prepare("select a.status from attachments a join messages m on m.id = a.message_id where m.channel_message_id = 'wamid.IMG1'").get() as {
        status: string;
      };
      return r.status !== "pending" && r;
    }, 30_000);
    expect(read.status).toBe("processed");
  }, 40_000);

  it("downloads media through the guarded fetch: a redirect to an internal address is refused and never fetched", async () => {
    const hits: string[] = [];
    const internal = createServer((req, res) => {
      hits.push(req.url ?? "");
      res.writeHead(200, { "content-type": "image/png" }).end(Buffer.from("not for you"));
    });
    await new Promise<void>((r) => internal.listen(0, "127.0.0.1", r));
    try {
      graph.addMedia("MEDIA-INT", Buffer.from("x"), "image/png");
      graph.redirectMedia("MEDIA-INT", `http://127.0.0.1:${(internal.address() as AddressInfo).port}/metadata`);
      const body = notification({ messages: [{ id: "wamid.INT1", from: "15550007777", type: "image", image: { id: "MEDIA-INT", mime_type: "image/png" } }] });
      expect((await post(body)).status).toBe(200);
      await eventually(() => db().prepare("select id from messages where channel_message_id = 'wamid.INT1'").get());
      await new Promise((r) => setTimeout(r, 200));
      expect(hits).toEqual([]);
      const stored = db()
        .prepare("select count(*) n from attachments a join messages m on m.id = a.message_id where m.channel_message_id = 'wamid.INT1'")
        .get();
      expect(stored).toEqual({ n: 0 });
    } finally {
      await new Promise<void>((r) => internal.close(() => r()));
    }
  });

  it("tells the customer when a voice note cannot be read, and shows a failed delivery to agents", async () => {
    const body = notification({ messages: [{ id: "wamid.VOICE", from: "15550004444", type: "audio", audio: { id: "A1" } }] });
    expect((await post(body)).status).toBe(200);
    const note = await eventually(() => graph.sent().find((c) => c.body.to === "15550004444"));
    expect(String((note.body.text as { body: string }).body)).toMatch(/only read text messages and photos/);
    const failed = notification({
      statuses: [{ id: "wamid.OUT9", status: "failed", recipient_id: "15550004444", errors: [{ code: 131026, title: "Message undeliverable" }] }],
    });
    expect((await post(failed)).status).toBe(200);
    const conv = db().prepare("select status, handoff_reason from conversations where thread_key = '15550004444'").get() as {
      status: string;
      handoff_reason: string;
    };
    expect(conv.status).toBe("handed_off");
    expect(conv.handoff_reason).toMatch(/delivery_failed: whatsapp 131026 Message undeliverable/);
  });

  it("opens a new conversation linked to the old one after it was resolved; system messages start none", async () => {
    expect((await post(textMessage("wamid.A1", "15550005555", "How do I reset my password?"))).status).toBe(200);
    const first = await eventually(() => db().prepare("select id from conversations where thread_key = '15550005555'").get() as { id: string } | undefined);
    db().prepare("update conversations set status = 'resolved' where id = ?").run(first.id);
    expect((await post(textMessage("wamid.A2", "15550005555", "Thanks, and how do I export my data?"))).status).toBe(200);
    const second = db().prepare("select previous_conversation_id p from conversations where thread_key = '15550005555~2'").get();
    expect(second).toEqual({ p: first.id });
    const system = notification({ messages: [{ id: "wamid.SYS", from: "15550006666", type: "system", system: { body: "User changed number" } }] });
    expect((await post(system)).status).toBe(200);
    expect(db().prepare("select count(*) n from conversations where thread_key like '15550006666%'").get()).toEqual({ n: 0 });
  });
});
