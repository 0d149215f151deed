import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postMail, rawMail } from "../helpers/email.js";
import { defaultReply, type FakeOpenAI, startFakeOpenAI } from "../helpers/fake-openai.js";
import { call, eventually, openChat, startTestServer } from "../helpers/harness.js";
import { textImage } from "../helpers/images.js";

type Server = Awaited<ReturnType<typeof startTestServer>>;
const SECRET = "inbound-secret-for-redaction";

const EMAIL = "jo.bloggs@cornercafe.test";
const PHONE = "+44 20 7946 0958";
const CARD = "4111 1111 1111 1111";
const RAW = [EMAIL, PHONE, CARD, "7946 0958", "4111 1111", "cornercafe.test"];

async function runServer(redact: boolean) {
  const fake = await startFakeOpenAI({ handler: defaultReply });
  const server = await startTestServer({
    OPENAI_API_KEY: "sk-test",
    OPENAI_BASE_URL: fake.url,
    LLM_MAX_RETRIES: "0",
    EMAIL_INBOUND_SECRET: SECRET,
    REDACT_PII: redact ? "true" : "false",
  });
  return { fake, server };
}

async function chatWithPii(server: Server) {
  const chat = await openChat(server.url);
  const res = await call(server.url, "POST", `/api/chat/conversations/${chat.conversationId}/messages`, {
    token: chat.customerToken,
    body: {
      text: `My card ${CARD} was charged twice on 2026-10-23 for order A-20931. Email me at ${EMAIL} or call ${PHONE}.`,
      attachments: [
        {
          filename: "statement.png",
          contentType: "image/png",
          dataBase64: (await textImage(["CARD 4111 1111 1111 1111", "CALL +44 20 7946 0958", `MAIL ${EMAIL}`], { fontSize: 34 })).toString("base64"),
        },
      ],
    },
  });
  expect(res.status).toBe(202);
  await eventually(async () => (await server.store.listTurns(chat.conversationId)).length > 0, 20_000);
  return chat.conversationId;
}

describe("REDACT_PII=true", () => {
  let fake: FakeOpenAI;
  let server: Server;
  beforeAll(async () => {
    ({ fake, server } = await runServer(true));
  });
  afterAll(async () => {
    await server?.stop();
    await fake?.close();
  });

  it("masks emails, phones and cards in chat text and image text before the model sees them; the stored message keeps them", async () => {
    const conversationId = await chatWithPii(server);
    const prompts = fake.requests.map((r) => r.prompt).join("\n");
    expect(fake.requests.map((r) => r.format)).toEqual(expect.arrayContaining(["triage", "answer"]));
    for (const raw of RAW) expect(prompts).not.toContain(raw);
    expect(prompts).toContain("My card [card] was charged twice on 2026-10-23 for order A-20931. Email me at [email] or call [phone].");
    // The image was read (OCR) and reached the model too, masked.
    const attachment = (await server.store.listAttachments(conversationId))[0];
    expect(JSON.stringify(attachment?.extracted)).toContain("7946");
    expect(prompts).toContain("<attachment");
    const [customer] = await server.store.listMessages(conversationId);
    expect(customer?.text).toContain(EMAIL);
    expect(customer?.text).toContain(CARD);
  });

  it("masks an email body the same way", async () => {
    fake.reset();
    const posted = await postMail(
      server.url,
      SECRET,
      rawMail({ from: "Jo <jo.bloggs@cornercafe.test>", subject: "Double charge", messageId: "pii-1@cornercafe.test", body: `Card ${CARD}, phone ${PHONE}.` }),
    );
    expect(posted.status).toBe(202);
    await eventually(async () => (await server.store.listTurns(posted.json.conversationId!)).length > 0, 20_000);
    const prompts = fake.requests.map((r) => r.prompt).join("\n");
    expect(prompts).toContain("Card [card], phone [phone].");
    for (const raw of RAW) expect(prompts).not.toContain(raw);
  });
});

describe("REDACT_PII=false (the default)", () => {
  it("sends the customer's words as written", async () => {
    const { fake, server } = await runServer(false);
    try {
      await chatWithPii(server);
      const prompts = fake.requests.map((r) => r.prompt).join("\n");
      expect(prompts).toContain(EMAIL);
      expect(prompts).toContain(CARD);
    } finally {
      await server.stop();
      await fake.close();
    }
  });
});
