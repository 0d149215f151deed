import { describe, expect, it } from "vitest";
import { htmlToText, parseEmail } from "../../src/channels/email/parse-email.js";
import { rawMail } from "../helpers/email.js";

const enc = (s: string) => new TextEncoder().encode(s);

describe("htmlToText", () => {
  it("keeps the readable text and drops script, style and images", () => {
    const text = htmlToText(
      '<html><head><style>p{color:red}</style><script>alert("x")</script></head><body><p>Hello <b>there</b></p><img src="cid:x" alt="logo"><p>Line <a href="https://x.test">two</a></p></body></html>',
    );
    expect(text).toBe("Hello there\n\nLine two");
  });

  it("can leave out the quoted history clients mark in HTML", () => {
    const html = '<div>New answer</div><div class="gmail_quote">On Mon X wrote:<blockquote>old</blockquote></div>';
    expect(htmlToText(html, { skipQuotes: true })).toBe("New answer");
    expect(htmlToText(html)).toContain("old");
  });
});

describe("parseEmail", () => {
  it("uses the HTML part when the plain part is missing, and strips the quote there", async () => {
    const raw = rawMail({
      from: "a@b.test",
      subject: "Re: x",
      messageId: "h@b.test",
      contentType: "text/html; charset=utf-8",
      body: '<p>It still fails</p><div class="gmail_quote"><div>On Mon, Support wrote:</div><blockquote type="cite">Try again</blockquote></div>',
    });
    const mail = await parseEmail(enc(raw), { maxAttachments: 10 });
    expect(mail.text).toBe("It still fails");
    expect(mail.fullText).toContain("Try again");
  });

  it("reads References and In-Reply-To without angle brackets and keeps their order", async () => {
    const raw = rawMail({ from: "a@b.test", subject: "s", messageId: "m3@b.test", inReplyTo: "m2@b.test", references: "<m1@b.test> <m2@b.test>", body: "x" });
    const mail = await parseEmail(enc(raw), { maxAttachments: 10 });
    expect(mail.rfcMessageId).toBe("m3@b.test");
    expect(mail.inReplyTo).toBe("m2@b.test");
    expect(mail.references).toEqual(["m1@b.test", "m2@b.test"]);
  });

  it("returns a message nested deeper than the parser allows as unreadable, with its sender", async () => {
    let body = "deep";
    for (let i = 79; i >= 0; i--) body = `--b${i}\r\nContent-Type: multipart/mixed; boundary="b${i + 1}"\r\n\r\n${body}\r\n--b${i}--`;
    const raw = rawMail({ from: "Deep <deep@b.test>", subject: "nested", messageId: "deep@b.test", contentType: 'multipart/mixed; boundary="b0"', body });
    const mail = await parseEmail(enc(raw), { maxAttachments: 10 });
    expect(mail.unreadable).toMatch(/MIME parse failed/);
    expect(mail.from?.address).toBe("deep@b.test");
    expect(mail.rfcMessageId).toBe("deep@b.test");
  });

  it("decodes UTF-7 only in messages whose text parts all declare it", async () => {
    const utf7 = rawMail({ from: "a@b.test", subject: "s", messageId: "u7@b.test", contentType: 'text/plain; charset="utf-7"', body: "Fr+APY-sche" });
    expect((await parseEmail(enc(utf7), { maxAttachments: 10 })).text).toBe("Frösche");
    const mixed = rawMail({
      from: "a@b.test",
      subject: "s",
      messageId: "mix@b.test",
      contentType: 'multipart/mixed; boundary="b"',
      body: "--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nCall +372-555 now\r\n--b\r\nContent-Type: text/plain; charset=utf-7\r\n\r\nFr+APY-sche\r\n--b--",
    });
    expect((await parseEmail(enc(mixed), { maxAttachments: 10 })).text).toContain("Call +372-555 now");
  });

  it("rejects bytes that are not an email with a 400 error", async () => {
    await expect(parseEmail(enc("%PDF-1.4 binary"), { maxAttachments: 10 })).rejects.toMatchObject({ code: "bad_request" });
  });
});
