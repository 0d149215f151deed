import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixture, manifest, postMail, rawMail } from "../helpers/email.js";
import { eventually, startTestServer } from "../helpers/harness.js";

const SECRET = "inbound-secret-for-tests";

/** What each real message must read as once stored: decoded charsets, chosen part, stripped quotes. */
const EXPECT: Record<string, { text?: string[]; notText?: string[]; exactText?: string; subject?: string; fromName?: string; mangledBody?: boolean }> = {
  "hunny-m0006-outlook-utf-7.eml": { text: ["Die Hasen und die Frösche", "über ihre mißliche Lage"], notText: ["+APY-"] },
  "hunny-m0010-outlook-windows-1252.eml": { text: ["Die Hasen klagten einst über ihre mißliche Lage", "ersäufen"] },
  "hunny-m0011-outlook-attachments.eml": { text: ["The Hare and the Tortoise"] },
  "hunny-m0017-outlook-mixed-inline-image.eml": { text: ["The Hare and the Tortoise"], notText: ["<html", "<p"] },
  "hunny-m3001-pine-attachments.eml": { exactText: "This is a test message from PINE MUA." },
  // Raw UTF-8 in the Subject header: the manifest shows U+FFFD, we read the emoji.
  "mail-attachment-pdf.eml": { text: ["Just attaching another PDF"], subject: "Another PDF with 🎉 Unicode chars in it 🍿" },
  "mail-charset-euc-kr.eml": { exactText: "대부분의 마찬가지로, 우리는 하나님을 믿습니다.\n\n제 이름은 Jamis입니다." },
  "mail-charset-windows-1251.eml": { text: ["MailScanner"], fromName: "Атиковa" },
  "mail-forwarded-message-rfc822.eml": {
    text: ["This is the first part.", "---------- Forwarded message ----------", "Subject: Another PDF", "Just attaching another PDF"],
  },
  "mail-html-only-8bit-iso-8859-1.eml": { text: ["PROVANTAGE Customer: jeff_dasovich@enron.com"], notText: ["A:visited", "<td", "&nbsp;"] },
  // The raw 8-bit Subject is Big5 like the body; the manifest (read as UTF-8) shows U+FFFD there.
  // Its body link text was re-encoded as UTF-8 by some relay before it was saved (bytes c2 ab c3 92 …),
  // so it cannot read as Big5 again; the test only asks that it is stored without crashing.
  "mail-html-only-big5-spam.eml": {
    subject: "4d8119　(大補泡麵專賣) 大家說英語 每日聽MP3 (2004年6月份) 繁體中文光碟版 (英語教學)　8afb90",
    notText: ["<font", "<a "],
    mangledBody: true,
  },
  "mail-japanese-attachment-long-name.eml": {},
  "postalmime-calendar-invite.eml": { text: ["Test event ⏰", "Join with Google Meet"] },
  "postalmime-mimetorture.eml": { text: ["Welcome to Ryan Finnie's MIME torture test.", "Forwarded message"] },
  "reply-comcast.eml": { notText: ["Original Message", "Hi"] },
  "reply-outlook.eml": { notText: ["The manager has commented"] },
};

describe("POST /email/inbound with real-world messages", () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    server = await startTestServer({ EMAIL_INBOUND_SECRET: SECRET, EMAIL_MAX_BYTES: String(2 * 1024 * 1024), EMAIL_MAX_ATTACHMENTS: "20" });
  });
  afterAll(async () => server?.stop());

  const entries = manifest();
  it("has an expectation for every fixture in the manifest", () => {
    expect(entries.map((e) => e.file.replace("eml/", "")).sort()).toEqual(Object.keys(EXPECT).sort());
  });

  for (const entry of entries) {
    const file = entry.file.replace("eml/", "");
    it(`stores ${file} (${entry.description}) with its text, subject and attachments`, async () => {
      const res = await postMail(server.url, SECRET, fixture(file));
      expect(res.status, JSON.stringify(res.json)).toBe(202);
      const message = await server.store.getMessage(res.json.messageId!);
      const conversation = await server.store.getConversation(res.json.conversationId!);
      const want = EXPECT[file]!;
      const text = message!.text;
      if (entry.expected_reply_text_upstream !== undefined) expect(text).toBe(entry.expected_reply_text_upstream);
      if (want.exactText !== undefined) expect(text).toBe(want.exactText);
      for (const t of want.text ?? []) expect(text).toContain(t);
      for (const t of want.notText ?? []) expect(text).not.toContain(t);
      if (!want.mangledBody) expect(text).not.toMatch(/\uFFFD/);
      expect(conversation!.subject).toBe((want.subject ?? entry.subject_decoded).slice(0, 300));

      const stored = (await server.store.listAttachments(conversation!.id)).filter((a) => a.messageId === message!.id);
      const names = stored.map((a) => a.filename);
      expect(names[0]).toBe("original.eml");
      for (const a of entry.attachments) if (a.filename) expect(names).toContain(a.filename);
      const original = await server.store.getBlob(stored[0]!.sha256!);
      expect(Buffer.from(original!.data).equals(fixture(file))).toBe(true);

      const email = await server.store.findEmail("in", (await server.store.listEmails(conversation!.id))[0]!.rfcMessageId);
      expect(email?.fullText?.length ?? 0).toBeGreaterThanOrEqual(text.length - 100);
      if (want.fromName) expect((await server.store.getContact(conversation!.contactId!))?.name).toBe(want.fromName);
    });
  }

  it("keeps the quoted history for agents while the turn holds only the new reply", async () => {
    const res = await postMail(server.url, SECRET, fixture("reply-comcast.eml"));
    expect(res.json.duplicate).toBe(true);
    const [email] = await server.store.listEmails(res.json.conversationId!);
    expect(email?.fullText).toContain("----- Original Message -----");
    expect(email?.fullText).toContain("Subject: Test");
  });

  it("stores image attachments with their bytes and hands them to the image intake", async () => {
    const m0011 = await server.store.findEmail("in", "NDBBIAKOPKHFGPLCODIGGEKECHAA.doug@example.com");
    // m0017 has the same sender and subject, so it joined this conversation by the fallback rule.
    const images = async () =>
      (await server.store.listAttachments(m0011!.conversationId)).filter((a) => a.messageId === m0011!.messageId && a.mime === "image/png");
    expect((await images()).map((a) => a.filename)).toEqual(["blueball.png", "greenball.png", "redball.png"]);
    // The intake re-encodes each image (metadata stripped), so sizes change; the bytes stay readable.
    const settled = await eventually(async () => {
      const all = await images();
      return all.every((a) => a.status === "processed") ? all : undefined;
    }, 15_000);
    for (const a of settled) expect((await server.store.getBlob(a.sha256!))?.data.byteLength).toBeGreaterThan(100);
  });
});

describe("POST /email/inbound refuses bad requests clearly", () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    server = await startTestServer({ EMAIL_INBOUND_SECRET: SECRET, EMAIL_MAX_ATTACHMENTS: "20" });
  });
  afterAll(async () => server?.stop());
  const good = rawMail({ from: "carol@shop.test", subject: "Hello", messageId: "c1@shop.test", body: "Hello there" });

  it("answers 401 without the bearer secret and 415 for a non-mail content type", async () => {
    expect((await postMail(server.url, undefined, good)).status).toBe(401);
    expect((await postMail(server.url, "wrong-secret", good)).status).toBe(401);
    const json = await postMail(server.url, SECRET, good, "application/json");
    expect(json.status).toBe(415);
    expect(json.json.error?.code).toBe("unsupported_media_type");
  });

  it("answers 400 for a body that is not an email at all", async () => {
    const res = await postMail(server.url, SECRET, '{"hello": "world"}');
    expect(res.status).toBe(400);
    expect(res.json.error?.message).toMatch(/not an RFC 5322 email/);
    expect((await postMail(server.url, SECRET, "just some words\nwithout headers\n")).status).toBe(400);
  });

  it("answers 413 for a 30 MB message without storing anything", async () => {
    const huge = rawMail({ from: "big@shop.test", subject: "big", messageId: "big@shop.test", body: "a".repeat(30 * 1024 * 1024) });
    const res = await postMail(server.url, SECRET, huge);
    expect(res.status).toBe(413);
    expect(await server.store.findEmail("in", "big@shop.test")).toBeNull();
  });

  it("stores a message with 500 attachments, extracting the first ones and noting the rest", async () => {
    const parts = Array.from(
      { length: 500 },
      (_, i) => `--b\r\nContent-Type: text/plain; name="f${i}.txt"\r\nContent-Disposition: attachment; filename="f${i}.txt"\r\n\r\nfile ${i}\r\n`,
    ).join("");
    const raw = rawMail({
      from: "many@shop.test",
      subject: "many files",
      messageId: "many@shop.test",
      contentType: 'multipart/mixed; boundary="b"',
      body: `--b\r\nContent-Type: text/plain\r\n\r\nHere are my files.\r\n${parts}--b--`,
    });
    const res = await postMail(server.url, SECRET, raw);
    expect(res.status).toBe(202);
    const atts = await server.store.listAttachments(res.json.conversationId!);
    expect(atts).toHaveLength(21);
    const notes = (await server.store.listMessages(res.json.conversationId!)).filter((m) => m.role === "system");
    expect(notes.some((m) => m.text.includes("480 more attachments"))).toBe(true);
  });

  it("stores a truncated message as unreadable for agents and hands it off instead of answering", async () => {
    const raw = rawMail({
      from: "cut@shop.test",
      subject: "cut off",
      messageId: "cut@shop.test",
      contentType: 'multipart/mixed; boundary="b"',
      body: `--b\r\nContent-Type: text/plain\r\n\r\nMy card reader will not pair, see the photo\r\n--b\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgoAAAANSUhEUgAAAAEAAAAB`,
    });
    const res = await postMail(server.url, SECRET, raw);
    expect(res.status).toBe(202);
    expect(res.json.reason).toBe("unreadable");
    const message = await server.store.getMessage(res.json.messageId!);
    expect(message?.text).toContain("My card reader will not pair");
    await eventually(() => server.store.getTurnByMessage(res.json.messageId!).then((t) => t ?? undefined));
    const conversation = await server.store.getConversation(res.json.conversationId!);
    expect(conversation?.status).toBe("handed_off");
    const notes = (await server.store.listMessages(conversation!.id)).filter((m) => m.role === "system");
    expect(notes.some((m) => m.text.includes("could not be read properly"))).toBe(true);
  });

  it("hands a sender who floods us to agents once the hourly limit is reached", async () => {
    const limited = await startTestServer({ EMAIL_INBOUND_SECRET: SECRET, EMAIL_MAX_PER_SENDER_PER_HOUR: "3" });
    try {
      const results = [];
      for (let i = 0; i < 5; i++)
        results.push(
          await postMail(limited.url, SECRET, rawMail({ from: "flood@shop.test", subject: `q${i}`, messageId: `flood${i}@shop.test`, body: `question ${i}` })),
        );
      expect(results.map((r) => r.json.reason ?? null)).toEqual([null, null, null, "rate_limited", "rate_limited"]);
    } finally {
      await limited.stop();
    }
  });
});

describe("POST /email/inbound without EMAIL_INBOUND_SECRET", () => {
  it("does not exist", async () => {
    const server = await startTestServer();
    try {
      const res = await postMail(server.url, "anything", rawMail({ from: "a@b.test", subject: "s", body: "b" }));
      expect(res.status).toBe(404);
    } finally {
      await server.stop();
    }
  });
});
