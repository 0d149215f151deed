import { describe, expect, it } from "vitest";
import { composeReply } from "../../src/channels/email/compose-reply.js";
import { autoReplyBlock } from "../../src/channels/email/loop-guard.js";
import { stripQuotedReply } from "../../src/channels/email/quotes.js";
import { normalizeSubject, replySubject } from "../../src/channels/email/subject.js";
import { decodeUtf7 } from "../../src/channels/email/utf7.js";
import type { EmailRecord } from "../../src/ports/store.js";

describe("normalizeSubject", () => {
  it.each([
    ["Re: Locked out", "locked out"],
    ["RE: AW: Fwd: Locked out", "locked out"],
    ["SV: Locked out", "locked out"],
    ["RE[2]: Locked out", "locked out"],
    ["Re^3: Locked out", "locked out"],
    ["WG: TR: Locked   out ", "locked out"],
    ["Antw: Locked out", "locked out"],
    ["[Support] Re: Locked out", "locked out"],
    ["回复: Locked out", "locked out"],
    ["Reply needed", "reply needed"],
    ["Regarding my invoice", "regarding my invoice"],
  ])("%s → %s", (input, want) => {
    expect(normalizeSubject(input)).toBe(want);
  });

  it("writes one Re: in front of the original subject", () => {
    expect(replySubject("AW: Re: Locked out")).toBe("Re: Locked out");
    expect(replySubject("")).toBe("Re: your message");
  });
});

describe("stripQuotedReply", () => {
  it("cuts Gmail's 'On … wrote:' and the quoted block, even when the attribution wraps", () => {
    expect(stripQuotedReply("Thanks, that worked!\n\nOn Tue, Mar 5, 2024 at 10:00 AM Support <support@x.test>\nwrote:\n> Try resetting").text).toBe(
      "Thanks, that worked!",
    );
    expect(stripQuotedReply("Danke!\n\nAm 05.03.2024 um 10:00 schrieb Support <s@x.test>:\n> Hallo").text).toBe("Danke!");
    expect(stripQuotedReply("Merci\n\nLe mar. 5 mars 2024 à 10:00, Support <s@x.test> a écrit :\n> Bonjour").text).toBe("Merci");
  });

  it("cuts Outlook's header block and the line above it", () => {
    const text =
      "Still broken.\n\n________________________________\nFrom: Support <s@x.test>\nSent: Tuesday, March 5, 2024 10:00\nTo: Me\nSubject: RE: Sync\n\nOld answer";
    expect(stripQuotedReply(text).text).toBe("Still broken.");
    expect(stripQuotedReply("Ja.\n\nVon: Support\nGesendet: Dienstag\nAn: Ich\nBetreff: Sync\n\nalt").text).toBe("Ja.");
  });

  it("cuts signatures after '-- ' and 'Sent from my iPhone'", () => {
    expect(stripQuotedReply("Please help.\n\n-- \nAlice\nCorner Bakery").text).toBe("Please help.");
    expect(stripQuotedReply("Please help.\n\nSent from my iPhone").text).toBe("Please help.");
  });

  it("keeps interleaved answers and forwarded messages, and never strips everything", () => {
    const inline = "> Which device?\nThe iPad.\n> Which version?\n3.2";
    expect(stripQuotedReply(inline).text).toBe(inline);
    const fwd = "See below.\n\n---------- Forwarded message ---------\nFrom: Bank <b@bank.test>\nDate: Mon\nSubject: Payout\nTo: me\n\nYour payout failed.";
    expect(stripQuotedReply(fwd).text).toBe(fwd);
    expect(stripQuotedReply("> only a quote").text).toBe("> only a quote");
  });
});

describe("autoReplyBlock", () => {
  const base = { fromAddress: "alice@shop.test", subject: "Help", ownAddresses: ["support@tallybird.test"] };
  const block = (headers: Record<string, string[]>, over: Partial<typeof base> = {}) => autoReplyBlock({ ...base, ...over, headers });

  it("lets ordinary customer mail through, including Auto-Submitted: no", () => {
    expect(block({})).toBeNull();
    expect(block({ "auto-submitted": ["no"] })).toBeNull();
    expect(block({ precedence: ["first-class"] })).toBeNull();
  });

  it.each([
    [{ "auto-submitted": ["auto-replied"] }, {}, "auto_submitted:auto-replied"],
    [{ "auto-submitted": ["auto-generated; foo=bar"] }, {}, "auto_submitted:auto-generated"],
    [{ precedence: ["bulk"] }, {}, "precedence:bulk"],
    [{ precedence: ["junk"] }, {}, "precedence:junk"],
    [{ "list-id": ["<x.lists.test>"] }, {}, "mailing_list"],
    [{ "list-unsubscribe": ["<mailto:x@y>"] }, {}, "mailing_list"],
    [{ "return-path": ["<>"] }, {}, "empty_return_path"],
    [{}, { fromAddress: "MAILER-DAEMON@mx.test" }, "system_sender:mailer-daemon"],
    [{}, { fromAddress: "postmaster@mx.test" }, "system_sender:postmaster"],
    [{ "content-type": ["multipart/report; report-type=delivery-status; boundary=x"] }, {}, "delivery_status_notification"],
    [{}, { fromAddress: "support@tallybird.test" }, "from_our_own_address"],
    [{ "x-frontdesk-reply": ["01J"] }, {}, "our_own_reply"],
    [{}, { subject: "Out of Office: Help" }, "auto_reply_subject"],
    [{}, { subject: "Automatic reply: Help" }, "auto_reply_subject"],
  ] as [Record<string, string[]>, Partial<typeof base>, string][])("%j %j → %s", (headers, over, want) => {
    expect(block(headers, over)).toBe(want);
  });
});

describe("decodeUtf7", () => {
  it("decodes RFC 2152 runs and keeps '+-' as a plus sign", () => {
    expect(decodeUtf7("Fr+APY-sche")).toBe("Frösche");
    expect(decodeUtf7("Hi Mom -+Jjo--!")).toBe("Hi Mom -☺-!");
    expect(decodeUtf7("1 +- 1")).toBe("1 + 1");
    expect(decodeUtf7("+ZeVnLIqe-")).toBe("日本語");
  });
});

describe("composeReply", () => {
  const inbound: EmailRecord = {
    id: "e1",
    conversationId: "c1",
    messageId: "m1",
    direction: "in",
    rfcMessageId: "q2@shop.test",
    inReplyTo: "fd.x@tallybird.test",
    references: ["q1@shop.test", "fd.x@tallybird.test"],
    subject: "RE: Locked <out>",
    normalizedSubject: "locked <out>",
    fromAddress: "alice@shop.test",
    toAddress: "support@tallybird.test",
    suppressedReason: null,
    fullText: null,
    rawSha256: null,
    createdAt: 1,
  };
  const message = {
    id: "r1",
    conversationId: "c1",
    role: "assistant" as const,
    text: "Wait <15> minutes & try again.\n\nThen reset.",
    citations: [{ articleId: "a", slug: "account-locked", title: "Account <locked>", version: 2 }],
    channelMessageId: null,
    authorId: null,
    draftId: null,
    createdAt: 2,
  };

  it("threads to the last customer mail and escapes the HTML part", () => {
    const mail = composeReply({
      from: "Support <support@tallybird.test>",
      to: "alice@shop.test",
      message,
      idempotencyKey: "01ABC",
      lastInbound: inbound,
      conversationSubject: null,
      articleUrl: "https://help.test/a/{slug}",
    });
    expect(mail.messageId).toBe("<fd.01abc@tallybird.test>");
    expect(mail.inReplyTo).toBe("<q2@shop.test>");
    expect(mail.references).toEqual(["<q1@shop.test>", "<fd.x@tallybird.test>", "<q2@shop.test>"]);
    expect(mail.subject).toBe("Re: Locked <out>");
    expect(mail.headers["Auto-Submitted"]).toBe("auto-replied");
    expect(mail.text).toContain("Sources:\n1. Account <locked> <https://help.test/a/account-locked>");
    expect(mail.html).toContain("Wait &lt;15&gt; minutes &amp; try again.");
    expect(mail.html).toContain('<a href="https://help.test/a/account-locked">Account &lt;locked&gt;</a>');
    expect(mail.html).not.toContain("<15>");
  });

  it("marks only the bot's replies as auto-submitted, not an agent's", () => {
    const mail = composeReply({
      from: "support@tallybird.test",
      to: "a@b.test",
      message: { ...message, role: "agent" },
      idempotencyKey: "k",
      lastInbound: inbound,
      conversationSubject: null,
    });
    expect(mail.headers["Auto-Submitted"]).toBeUndefined();
  });
});
