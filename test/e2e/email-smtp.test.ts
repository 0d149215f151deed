import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postMail, rawMail, startSmtpSink } from "../helpers/email.js";
import { eventually, startTestServer } from "../helpers/harness.js";

const SECRET = "inbound-secret-for-tests";
const QUESTION =
  "Hi,\n\nmy account is locked after too many sign-in attempts (TB-1101 Too many sign-in attempts). How long does the lock last?\n\nThanks,\nAlice\n-- \nAlice Example, Corner Bakery";

describe("email replies over a real SMTP socket", () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;

  beforeAll(async () => {
    let deferrals = 0;
    smtp = await startSmtpSink({ reject: (address) => address === "gone@bakery.test", defer: (address) => address === "busy@bakery.test" && deferrals++ < 2 });
    server = await startTestServer({
      EMAIL_INBOUND_SECRET: SECRET,
      SMTP_URL: smtp.url,
      EMAIL_FROM: "Tallybird Support <support@tallybird.test>",
      REVIEW_MODE: "none",
    });
  });
  afterAll(async () => {
    await server?.stop();
    await smtp?.stop();
  });

  /** Waits until the turn for this message has run, so "no mail was sent" is a real observation. */
  const turnDone = (messageId: string) => eventually(() => server.store.getTurnByMessage(messageId).then((t) => t ?? undefined));

  it("answers a customer email with a reply that threads and is marked as an auto-reply", async () => {
    const first = await postMail(
      server.url,
      SECRET,
      rawMail({ from: "Alice Example <alice@bakery.test>", subject: "Locked out", messageId: "q1@bakery.test", body: QUESTION }),
    );
    expect(first.status).toBe(202);
    expect(first.json.autoReply).toBe(true);
    const stored = await server.store.getMessage(first.json.messageId!);
    expect(stored?.text).toContain("How long does the lock last?");
    expect(stored?.text).not.toContain("Corner Bakery");

    const reply = await eventually(() => smtp.received[0]);
    expect(reply.envelopeTo).toEqual(["alice@bakery.test"]);
    expect(reply.mail.subject).toBe("Re: Locked out");
    expect(reply.mail.inReplyTo).toBe("<q1@bakery.test>");
    expect(reply.mail.references).toContain("<q1@bakery.test>");
    expect(reply.mail.messageId).toMatch(/^<fd\.[a-z0-9]+@tallybird\.test>$/);
    expect(reply.header("auto-submitted")).toBe("auto-replied");
    expect(reply.header("x-auto-response-suppress")).toBe("All");
    expect(reply.mail.text).toContain("Sources:");
    expect(reply.mail.text).toContain("Account locked after too many sign-in attempts");
    expect(reply.mail.html).toContain("<ol");
    expect(reply.mail.html).toContain("&quot;Account locked after too many sign-in attempts&quot;");
  });

  it("answers a polite email from the article it asks about, greeting and sign-off aside", async () => {
    const res = await postMail(
      server.url,
      SECRET,
      rawMail({
        from: "Casey <casey@bakery.test>",
        subject: "Password",
        messageId: "casey1@bakery.test",
        body: "Hi, how do I reset my password? Thanks, Casey",
      }),
    );
    const reply = await eventually(() => smtp.received.find((r) => r.mail.inReplyTo === "<casey1@bakery.test>"));
    expect(reply.mail.text).toContain("How to reset your password");
    expect((await server.store.getMessage(res.json.messageId!))?.text).toBe("Hi, how do I reset my password? Thanks, Casey");
  });

  it("answers a reply written under the quote (bottom-posting) from what the customer wrote", async () => {
    const body = "On Tue, Mar 5, 2024 at 10:00 AM Support <support@tallybird.test> wrote:\n> Hello, how can we help?\n\nHow do I reset my password?";
    const res = await postMail(server.url, SECRET, rawMail({ from: "dana@bakery.test", subject: "Re: Help", messageId: "dana1@bakery.test", body }));
    expect((await server.store.getMessage(res.json.messageId!))?.text).toBe("How do I reset my password?");
    const reply = await eventually(() => smtp.received.find((r) => r.mail.inReplyTo === "<dana1@bakery.test>"));
    expect(reply.mail.text).toContain("How to reset your password");
  });

  it("keeps a follow-up without In-Reply-To in the same conversation and threads the answer to it", async () => {
    const first = smtp.received[0]!;
    const before = await postMail(server.url, SECRET, rawMail({ from: "alice@bakery.test", subject: "x", messageId: "probe@bakery.test", body: "probe" }));
    const original = await server.store.findEmail("in", "q1@bakery.test");
    expect(before.json.conversationId).not.toBe(original?.conversationId);

    const followUp = await postMail(
      server.url,
      SECRET,
      rawMail({
        from: "Alice Example <ALICE@bakery.test>",
        subject: "AW: RE: Locked out",
        messageId: "q2@bakery.test",
        body: "Still locked: sign-in attempts lock TB-1101. How long does the lock last?\n\nOn Mon, Alice wrote:\n> old text",
      }),
    );
    expect(followUp.status).toBe(202);
    expect(followUp.json.conversationId).toBe(original?.conversationId);
    const reply = await eventually(() => smtp.received.find((r) => r.mail.inReplyTo === "<q2@bakery.test>"));
    // The customer's client dropped References; ours carry the thread root and our last reply.
    expect(reply.mail.references).toContain("<q1@bakery.test>");
    expect(reply.mail.references).toContain(first.mail.messageId);
    expect(reply.mail.subject).toBe("Re: Locked out");

    // A reply to our own Message-ID threads by In-Reply-To even with a new subject.
    const third = await postMail(
      server.url,
      SECRET,
      rawMail({
        from: "alice@bakery.test",
        subject: "something else entirely",
        messageId: "q3@bakery.test",
        inReplyTo: reply.mail.messageId!.slice(1, -1),
        body: "thanks",
      }),
    );
    expect(third.json.conversationId).toBe(original?.conversationId);
  });

  it("stores the same Message-ID delivered twice as one turn", async () => {
    const raw = rawMail({ from: "dora@shop.test", subject: "Locked out too", messageId: "dup@shop.test", body: QUESTION });
    const a = await postMail(server.url, SECRET, raw);
    const b = await postMail(server.url, SECRET, raw);
    expect(a.status).toBe(202);
    expect(b.status).toBe(200);
    expect(b.json.duplicate).toBe(true);
    expect(b.json.messageId).toBe(a.json.messageId);
    await eventually(() => smtp.received.some((r) => r.mail.inReplyTo === "<dup@shop.test>"));
    await new Promise((r) => setTimeout(r, 200));
    expect(smtp.received.filter((r) => r.mail.inReplyTo === "<dup@shop.test>")).toHaveLength(1);
    const messages = await server.store.listMessages(a.json.conversationId!);
    expect(messages.filter((m) => m.role === "customer")).toHaveLength(1);
  });

  const robots: [string, string][] = [
    [
      "a bounce",
      rawMail({
        from: "Mail Delivery System <MAILER-DAEMON@mx.bakery.test>",
        subject: "Undelivered Mail Returned to Sender",
        messageId: "bounce1@mx.bakery.test",
        headers: { "Return-Path": "<>" },
        contentType: 'multipart/report; report-type=delivery-status; boundary="b1"',
        body: `--b1\r\nContent-Type: text/plain\r\n\r\n${QUESTION}\r\n--b1\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.bakery.test\r\n\r\nFinal-Recipient: rfc822; nobody@bakery.test\r\nAction: failed\r\nStatus: 5.1.1\r\n--b1--`,
      }),
    ],
    [
      "a mailing-list post",
      rawMail({
        from: "Shop Owners List <owners@lists.test>",
        subject: "[owners] Locked out",
        messageId: "list1@lists.test",
        headers: { "List-Id": "<owners.lists.test>", "List-Unsubscribe": "<mailto:leave@lists.test>", Precedence: "list" },
        body: QUESTION,
      }),
    ],
  ];

  for (const [name, raw] of robots)
    it(`does not answer ${name}, and starts no conversation with it`, async () => {
      const sentBefore = smtp.received.length;
      const before = (await server.store.listConversations({ limit: 200 })).length;
      const res = await postMail(server.url, SECRET, raw);
      expect(res.status).toBe(202);
      expect(res.json).toMatchObject({ autoReply: false, conversationId: null, messageId: null });
      expect(String(res.json.reason)).not.toBe("");
      await new Promise((r) => setTimeout(r, 300));
      expect((await server.store.listConversations({ limit: 200 })).length).toBe(before);
      expect(smtp.received.length).toBe(sentBefore);
    });

  it("does not answer an out-of-office reply to our answer", async () => {
    const q = await postMail(server.url, SECRET, rawMail({ from: "bob@cafe.test", subject: "Lock duration", messageId: "bob1@cafe.test", body: QUESTION }));
    const answer = await eventually(() => smtp.received.find((r) => r.mail.inReplyTo === "<bob1@cafe.test>"));
    const sentBefore = smtp.received.length;
    const oof = await postMail(
      server.url,
      SECRET,
      rawMail({
        from: "bob@cafe.test",
        subject: "Automatic reply: Re: Lock duration",
        messageId: "bob-oof@cafe.test",
        inReplyTo: answer.mail.messageId!.slice(1, -1),
        headers: { "Auto-Submitted": "auto-replied", "X-Auto-Response-Suppress": "All" },
        body: `I am out of the office until Monday. ${QUESTION}`,
      }),
    );
    expect(oof.json.conversationId).toBe(q.json.conversationId);
    expect(oof.json.reason).toBe("auto_submitted:auto-replied");
    await turnDone(oof.json.messageId!);
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.received.length).toBe(sentBefore);
    expect((await server.store.getConversation(q.json.conversationId!))?.status).toBe("handed_off");
  });

  it("hands the conversation to an agent when the mail server refuses the reply for good", async () => {
    const res = await postMail(server.url, SECRET, rawMail({ from: "gone@bakery.test", subject: "Locked", messageId: "gone1@bakery.test", body: QUESTION }));
    expect(res.status).toBe(202);
    const conversation = await eventually(async () => {
      const c = await server.store.getConversation(res.json.conversationId!);
      return c?.status === "handed_off" ? c : undefined;
    });
    expect(conversation.handoffReason).toMatch(/^delivery_failed: smtp: .*550/);
    expect(smtp.received.some((r) => r.envelopeTo.includes("gone@bakery.test"))).toBe(false);
  });

  it("retries a reply the mail server defers (451) with backoff and delivers it exactly once", async () => {
    const res = await postMail(server.url, SECRET, rawMail({ from: "busy@bakery.test", subject: "Locked", messageId: "busy1@bakery.test", body: QUESTION }));
    expect(res.status).toBe(202);
    const delivered = await eventually(() => smtp.received.find((r) => r.envelopeTo.includes("busy@bakery.test")), 10_000);
    // Two deferrals, then the third attempt of the same deliver job went through.
    // The mail is in before our side has read the 250 and marked the row sent.
    const outbox = await eventually(() => {
      const rows = server.sqlite.sqlite
        .prepare("select o.id, o.status from outbox o join messages m on m.id = o.message_id where o.conversation_id = ? and m.role = 'assistant'")
        .all(res.json.conversationId) as { id: string; status: string }[];
      return rows.length === 1 && rows[0]?.status === "sent" ? rows : undefined;
    });
    const job = server.sqlite.sqlite.prepare("select attempts, last_error from jobs where kind = 'deliver' and payload like ?").get(`%${outbox[0]!.id}%`) as {
      attempts: number;
      last_error: string;
    };
    expect(job.attempts).toBe(3);
    expect(job.last_error).toMatch(/451/);
    const conversation = await server.store.getConversation(res.json.conversationId!);
    expect(conversation?.status).not.toBe("handed_off");
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.received.filter((r) => r.envelopeTo.includes("busy@bakery.test"))).toHaveLength(1);
    expect(delivered.mail.inReplyTo).toBe("<busy1@bakery.test>");
  });
});
