import { afterEach, describe, expect, it } from "vitest";
import { openSqlite } from "../../src/adapters/storage/sqlite-node.js";
import { parseSettings } from "../../src/config/settings.js";
import { ingestMessage } from "../../src/core/conversation/ingest.js";
import { startWebConversation } from "../../src/core/conversation/web-chat.js";
import { purgeOldAttachments } from "../../src/core/privacy/retention.js";
import { wire } from "../../src/entry/wire.js";
import { silentLogger } from "../../src/ports/logger.js";
import { tempDir } from "../helpers/harness.js";

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

async function setup() {
  const tmp = tempDir();
  const sqlite = openSqlite(`${tmp.dir}/p.db`);
  cleanups.push(() => {
    sqlite.close();
    tmp.cleanup();
  });
  let now = Date.UTC(2026, 0, 1);
  const wired = wire({
    settings: parseSettings({ LOG_LEVEL: "silent" }),
    db: sqlite.db,
    runBatch: sqlite.runBatch,
    logger: silentLogger,
    clock: { now: () => now },
  });
  const chat = async (text: string, bytes?: Uint8Array) => {
    const { conversationId } = await startWebConversation(wired.deps, { name: "Ana Lima", email: "ana@example.com" });
    const conversation = (await wired.store.getConversation(conversationId))!;
    await ingestMessage(wired.deps, conversation, {
      text,
      attachments: bytes ? [{ filename: "r.png", contentType: "image/png", data: bytes }] : [],
      channelMessageId: `m-${text}`,
    });
    await wired.runner.drain();
    return conversation;
  };
  return { ...wired, sqlite, chat, setNow: (t: number) => (now = t) };
}

describe("contact data on request", () => {
  it("exports everything about a contact and then erases it, bytes included", async () => {
    const { store, chat, sqlite } = await setup();
    const mine = await chat("How do I reset my password?", new Uint8Array([1, 2, 3]));
    const other = await chat("Where is my order?", new Uint8Array([9, 9, 9]));
    const exported = (await store.exportContact(mine.contactId!)) as {
      contact: { email: string };
      conversations: { messages: { text: string }[]; attachments: unknown[] }[];
    };
    expect(exported.contact.email).toBe("ana@example.com");
    expect(exported.conversations).toHaveLength(1);
    expect(exported.conversations[0]?.messages[0]?.text).toBe("How do I reset my password?");
    expect(exported.conversations[0]?.attachments).toHaveLength(1);
    expect(JSON.stringify(exported)).not.toContain("customerTokenHash");

    expect(
      await store.deleteContact(mine.contactId!, { id: "a1", actor: "admin", action: "contact.deleted", entity: "contact", entityId: mine.contactId! }),
    ).toBe(true);
    expect(await store.exportContact(mine.contactId!)).toBeNull();
    expect(await store.getConversation(mine.id)).toBeNull();
    expect(await store.listMessages(mine.id)).toEqual([]);
    const count = (table: string) => (sqlite.sqlite.prepare(`select count(*) n from ${table}`).get() as { n: number }).n;
    expect(count("blobs")).toBe(1); // only the other contact's bytes remain
    expect(await store.getConversation(other.id)).not.toBeNull();
    expect(await store.deleteContact("nobody", { id: "a2", actor: "admin", action: "contact.deleted", entity: "contact", entityId: "nobody" })).toBe(false);
  });

  it("purges attachment bytes and extracted text past the retention period, and keeps newer ones", async () => {
    const { deps, store, chat, setNow } = await setup();
    const old = await chat("old receipt", new Uint8Array([1]));
    setNow(Date.UTC(2026, 2, 1));
    const recent = await chat("new receipt", new Uint8Array([2]));
    expect(await purgeOldAttachments(deps, 30)).toBe(1);
    const [purged] = await store.listAttachments(old.id);
    expect(purged?.status).toBe("purged");
    expect(await store.getBlob(purged!.sha256!)).toBeNull();
    const [kept] = await store.listAttachments(recent.id);
    expect(await store.getBlob(kept!.sha256!)).not.toBeNull();
    expect(await purgeOldAttachments(deps, undefined)).toBe(0);
  });
});
