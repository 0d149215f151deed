import { join } from "node:path";
import hoodiecrow from "hoodiecrow-imap";
import { ImapFlow } from "imapflow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rawMail } from "../helpers/email.js";
import { eventually, startTestServer, tempDir } from "../helpers/harness.js";

// hoodiecrow-imap is a scriptable IMAP server from the imapflow author, made for tests like this.
describe("IMAP polling", () => {
  const mail = (n: number) =>
    rawMail({ from: `imap${n}@shop.test`, subject: `IMAP question ${n}`, messageId: `imap${n}@shop.test`, body: `Question number ${n}` });
  let imap: ReturnType<typeof hoodiecrow>;
  let url: string;
  let port: number;
  const tmp = tempDir();

  beforeAll(async () => {
    imap = hoodiecrow({
      plugins: ["ID", "UNSELECT", "ENABLE", "SASL-IR", "LITERALPLUS"],
      storage: {
        INBOX: {
          messages: [{ raw: mail(1) }, { raw: mail(2) }, { raw: rawMail({ from: "old@shop.test", subject: "read long ago", body: "old" }), flags: ["\\Seen"] }],
        },
      },
      users: { support: { password: "imap pw" } },
    });
    await new Promise<void>((resolve) => imap.listen(0, "127.0.0.1", resolve));
    const address = imap.server.address();
    port = typeof address === "object" && address ? address.port : 0;
    url = `imap://support:imap%20pw@127.0.0.1:${port}/INBOX`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => imap.close(() => resolve()));
    tmp.cleanup();
  });

  const flagsOf = async () => {
    const client = new ImapFlow({ host: "127.0.0.1", port, secure: false, auth: { user: "support", pass: "imap pw" }, logger: false });
    await client.connect();
    const lock = await client.getMailboxLock("INBOX");
    const out: Record<string, string[]> = {};
    try {
      for await (const m of client.fetch("1:*", { envelope: true, flags: true })) out[m.envelope?.messageId ?? ""] = [...(m.flags ?? [])].sort();
    } finally {
      lock.release();
      await client.logout();
    }
    return out;
  };

  it("stores unread mail as conversations, flags it processed, and a restart picks up only new mail", async () => {
    const first = await startTestServer({ IMAP_URL: url, IMAP_POLL_SECONDS: "1", DATABASE_PATH: join(tmp.dir, "a.db") });
    try {
      await eventually(async () => (await first.store.findEmail("in", "imap2@shop.test")) ?? undefined);
      expect(await first.store.findEmail("in", "imap1@shop.test")).not.toBeNull();
      const flags = await eventually(async () => {
        const f = await flagsOf();
        return f["<imap2@shop.test>"]?.includes("$FrontdeskDone") ? f : undefined;
      });
      expect(flags["<imap1@shop.test>"]).toEqual(["$FrontdeskDone", "\\Seen"]);
      const conversation = await first.store.getConversation((await first.store.findEmail("in", "imap1@shop.test"))!.conversationId);
      expect(conversation?.subject).toBe("IMAP question 1");
    } finally {
      await first.stop();
    }

    const client = new ImapFlow({ host: "127.0.0.1", port, secure: false, auth: { user: "support", pass: "imap pw" }, logger: false });
    await client.connect();
    await client.append("INBOX", mail(3));
    await client.logout();

    // A fresh database proves the mailbox flags, not our dedupe, decide what is already done.
    const second = await startTestServer({ IMAP_URL: url, IMAP_POLL_SECONDS: "1", DATABASE_PATH: join(tmp.dir, "b.db") });
    try {
      await eventually(async () => (await second.store.findEmail("in", "imap3@shop.test")) ?? undefined);
      await new Promise((r) => setTimeout(r, 300));
      expect(await second.store.findEmail("in", "imap1@shop.test")).toBeNull();
      expect(await second.store.countInboundFrom("old@shop.test", 0)).toBe(0);
    } finally {
      await second.stop();
    }
  });
});
