import { afterAll, beforeAll, expect, it } from "vitest";
import { messageBody } from "../../src/channels/whatsapp/whatsapp-sender.js";
import { postMail, rawMail } from "../helpers/email.js";
import { eventually, startTestServer } from "../helpers/harness.js";

const SECRET = "capabilities-inbound-secret";
let server: Awaited<ReturnType<typeof startTestServer>>;

beforeAll(async () => {
  server = await startTestServer({ EMAIL_INBOUND_SECRET: SECRET, REVIEW_MODE: "all" });
});
afterAll(async () => server.stop());

it("queues no delivery for a status notice on email, which never mails notices", async () => {
  const mail = await postMail(
    server.url,
    SECRET,
    rawMail({ from: "ana@example.com", subject: "Password", messageId: "cap-1@example.com", body: "How do I reset my password?" }),
  );
  expect(mail.status).toBe(202);
  const id = mail.json.conversationId as string;
  const db = server.sqlite.sqlite;
  await eventually(() => db.prepare("select 1 from drafts where conversation_id = ? and status = 'pending'").get(id));
  const notices = db.prepare("select text from messages where conversation_id = ? and role = 'system'").all(id) as { text: string }[];
  expect(notices.some((m) => /teammate is checking/.test(m.text))).toBe(true);
  expect(db.prepare("select count(*) n from outbox where conversation_id = ?").get(id)).toEqual({ n: 0 });
});

it("shows 2–3 WhatsApp choices as reply buttons and 4–10 as a list", () => {
  const choices = (n: number) => Array.from({ length: n }, (_, i) => ({ label: `Option ${i + 1}`, value: `Choice number ${i + 1}` }));
  expect(messageBody("155", { text: "Which one?" })).toMatchObject({ type: "text", text: { body: "Which one?" } });
  const buttons = messageBody("155", { text: "Which one?", choices: choices(3) }) as { interactive: { type: string; action: { buttons: unknown[] } } };
  expect(buttons.interactive.type).toBe("button");
  expect(buttons.interactive.action.buttons).toHaveLength(3);
  const list = messageBody("155", { text: "Which one?", choices: choices(7) }) as {
    interactive: { type: string; action: { sections: { rows: unknown[] }[] } };
  };
  expect(list.interactive.type).toBe("list");
  expect(list.interactive.action.sections[0]!.rows).toHaveLength(7);
});
