import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postMail, rawMail, startSmtpSink } from "../helpers/email.js";
import { eventually, openChat, startTestServer } from "../helpers/harness.js";

type Server = Awaited<ReturnType<typeof startTestServer>>;
type Msg = { id: string; role: string; text: string; citations: { slug: string }[]; choices?: { label: string; value: string }[] };

const SECRET = "inbound-secret-for-choices";
let server: Server;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
beforeAll(async () => {
  smtp = await startSmtpSink();
  server = await startTestServer({ EMAIL_INBOUND_SECRET: SECRET, SMTP_URL: smtp.url, EMAIL_FROM: "Support <support@tallybird.test>", TURN_QUIET_MS: "0" });
});
afterAll(async () => {
  await server?.stop();
  await smtp?.stop();
});

async function settled() {
  await eventually(async () => {
    const c = await server.store.counts();
    return (c.queued ?? 0) === 0 && (c.running ?? 0) === 0;
  }, 10_000);
}

/** Sends `text` and returns the messages once every job has settled. */
async function say(chat: Awaited<ReturnType<typeof openChat>>, text: string) {
  expect((await chat.send(text)).status).toBe(202);
  await settled();
  return (await chat.messages()) as { status: string; messages: Msg[] };
}

describe("choices when the match is ambiguous (web chat)", () => {
  it("offers the fitting articles and 'None of these' instead of a handoff; picking one answers from it", async () => {
    const chat = await openChat(server.url);
    const first = await say(chat, "question about my bill");
    const offer = first.messages.at(-1);
    expect(offer?.role).toBe("assistant");
    expect(first.status).toBe("open");
    const values = offer?.choices?.map((c) => c.value) ?? [];
    expect(values.length).toBeGreaterThanOrEqual(2);
    expect(values.length).toBeLessThanOrEqual(5);
    expect(values.at(-1)).toBe("None of these");
    const picked = values[0] as string;
    const after = await say(chat, picked);
    const answer = after.messages.find((m) => m.role === "assistant" && m.citations.length > 0);
    expect(answer?.text).toContain(picked);
    expect(after.messages.filter((m) => m.role === "system")).toHaveLength(0);
  });

  it("hands off with a notice when the customer picks 'None of these'", async () => {
    const chat = await openChat(server.url);
    await say(chat, "question about my bill");
    const after = await say(chat, "none of these");
    expect(after.status).toBe("handed_off");
    expect(after.messages.at(-1)?.role).toBe("system");
  });

  it("lets the choices lapse when the customer writes something else", async () => {
    const chat = await openChat(server.url);
    await say(chat, "question about my bill");
    const after = await say(chat, "How do I reset my password?");
    expect(after.messages.find((m) => m.citations.length > 0)?.citations.map((c) => c.slug)).toEqual(["reset-password"]);
  });
});

describe("did this answer your question?", () => {
  it("follows an answer with yes/no choices; yes resolves the conversation, and a later message reopens it", async () => {
    const chat = await openChat(server.url);
    const first = await say(chat, "How do I reset my password?");
    expect(first.messages.map((m) => m.role)).toEqual(["customer", "assistant", "assistant"]);
    const confirm = first.messages[2];
    expect(confirm?.text).toBe("Did this answer your question?");
    expect(confirm?.choices?.map((c) => c.value)).toEqual(["Yes, thanks", "Not really"]);
    const yes = await say(chat, "Yes, thanks");
    expect(yes.status).toBe("resolved");
    expect(yes.messages.at(-1)?.role).toBe("assistant");
    const turns = await server.store.listTurns(chat.conversationId);
    expect(turns.at(-1)?.reasons).toContain("customer_confirmed");
    const again = await say(chat, "How do I turn on two-factor authentication?");
    expect(again.status).toBe("open");
  });

  it("no → a handoff that says a person takes over, never silence", async () => {
    const chat = await openChat(server.url);
    await say(chat, "How do I reset my password?");
    const no = await say(chat, "Not really");
    expect(no.status).toBe("handed_off");
    expect(no.messages.at(-1)?.text).toMatch(/support team/);
  });
});

describe("choices by email", () => {
  it("sends a numbered list and takes the number in the reply", async () => {
    const sent = await postMail(
      server.url,
      SECRET,
      rawMail({ from: "casey@shop.test", subject: "my bill", messageId: "bill-1@shop.test", body: "question about my bill" }),
    );
    expect(sent.status).toBe(202);
    await settled();
    const offer = (await server.store.listMessages(sent.json.conversationId!)).at(-1);
    expect(offer?.text).toMatch(/\n1\. .+\n2\. .+/);
    expect(offer?.choices?.at(-1)?.value).toBe("None of these");
    const mailed = await eventually(() => smtp.received.find((r) => r.envelopeTo.includes("casey@shop.test")));
    expect(mailed.mail.text).toMatch(/1\. /);
    const first = offer?.choices?.[0]?.value as string;
    const reply = await postMail(
      server.url,
      SECRET,
      rawMail({
        from: "casey@shop.test",
        subject: "Re: my bill",
        messageId: "bill-2@shop.test",
        inReplyTo: mailed.header("message-id")?.replace(/[<>]/g, ""),
        body: "1",
      }),
    );
    expect(reply.json.conversationId).toBe(sent.json.conversationId);
    await settled();
    const answer = (await server.store.listMessages(sent.json.conversationId!)).at(-1);
    expect(answer?.role).toBe("assistant");
    expect(answer?.citations.map((c) => c.title)).toEqual([first]);
    // No buttons by email: no confirmation question follows the answer.
    expect(answer?.choices).toBeUndefined();
  });
});
