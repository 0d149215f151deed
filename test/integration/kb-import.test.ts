import { execFileSync } from "node:child_process";
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { readImportSource } from "../../src/adapters/kb/import-source.js";
import { openSqlite } from "../../src/adapters/storage/sqlite-node.js";
import { createStore } from "../../src/adapters/storage/store.js";
import { syncImportedArticles } from "../../src/core/knowledge/import-sync.js";
import { repoRoot, tempDir } from "../helpers/harness.js";

const fixtures = join(repoRoot, "test/fixtures/kb-import");
const tmp = tempDir("frontdesk-import-");
let n = 0;
let db: ReturnType<typeof openSqlite>;
let store: ReturnType<typeof createStore>;
beforeEach(() => {
  db = openSqlite(join(tmp.dir, `kb-${++n}.db`));
  store = createStore(db.db, db.runBatch);
});
afterAll(() => tmp.cleanup());

const importFile = (path: string, dryRun = false) => syncImportedArticles(store, { ...readImportSource(path), dryRun, now: Date.now() });

describe("knowledge import", () => {
  it("imports a Zendesk export once: a second run creates nothing, an edit updates one article, a deletion archives it", async () => {
    const file = join(tmp.dir, "zendesk.json");
    cpSync(join(fixtures, "zendesk.json"), file);
    const first = await importFile(file);
    expect(first).toMatchObject({ source: "zendesk", created: ["change-your-delivery-address", "delivery-times", "horarios-de-entrega"], archived: [] });
    expect(first.unreadable).toEqual([{ item: "zendesk article 360004", reason: "it has no title" }]);
    const address = await store.getArticle("change-your-delivery-address");
    // HTML became markdown; the image and the link stay as links.
    expect(address?.body).toBe(
      "Open **Account > Addresses** and pick the new one.\n\n![Address screen](https://help.example.test/addr.png)\n\nSee also [delivery times](https://help.example.test/articles/360002).",
    );
    expect((await store.getArticle("delivery-times"))?.body).toBe("## In town\n\n-   Same day before 14:00\n-   Next day after");
    expect((await store.listExternalArticles("zendesk")).length).toBe(3);

    const again = await importFile(file);
    expect(again).toMatchObject({ created: [], updated: [], unchanged: 3, archived: [] });

    const data = JSON.parse(readFileSync(file, "utf8"));
    data.articles[1].body = "<p>Same day, always.</p>";
    data.articles.splice(2, 1);
    writeFileSync(file, JSON.stringify(data));
    const dry = await importFile(file, true);
    expect(dry).toMatchObject({ dryRun: true, created: [], updated: ["delivery-times"], archived: ["horarios-de-entrega"] });
    expect((await store.getArticle("horarios-de-entrega"))?.status).toBe("published");

    const edited = await importFile(file);
    expect(edited).toMatchObject({ created: [], updated: ["delivery-times"], unchanged: 1, archived: ["horarios-de-entrega"] });
    expect(await store.getArticle("delivery-times")).toMatchObject({ latestVersion: 2, publishedVersion: 2, body: "Same day, always." });
    expect(await store.getArticle("change-your-delivery-address")).toMatchObject({ latestVersion: 1 });
    expect((await store.getArticle("horarios-de-entrega"))?.status).toBe("archived");
    expect((await store.listArticles({})).length).toBe(3);
  });

  it("reads Intercom and Freshdesk exports, drafts as drafts", async () => {
    expect(await importFile(join(fixtures, "intercom.json"))).toMatchObject({
      source: "intercom",
      created: ["pause-your-subscription", "draft-about-refunds"],
    });
    expect((await store.getArticle("draft-about-refunds"))?.status).toBe("draft");
    expect((await store.getArticle("pause-your-subscription"))?.body).toBe("Go to **Plan** and choose _Pause_.");
    expect(await importFile(join(fixtures, "freshdesk.json"))).toMatchObject({ source: "freshdesk", created: ["create-an-account", "invite-a-colleague"] });
    expect(await store.getArticle("invite-a-colleague")).toMatchObject({ status: "draft", body: "1.  Open Team\n2.  Click Invite" });
    expect((await store.getArticle("create-an-account"))?.tags).toEqual(["signup"]);
  });

  it("reads a folder of HTML files with their language, and reports what it could not read", async () => {
    const report = await importFile(join(fixtures, "html"));
    expect(report).toMatchObject({ source: "html", created: ["pin-zurucksetzen"] });
    expect(report.unreadable).toEqual([
      { item: "manual.pdf", reason: "PDF import is not supported yet" },
      { item: "notes.txt", reason: "not an HTML or markdown file" },
    ]);
    expect((await store.getArticle("pin-zurucksetzen"))?.body).toBe(
      "Öffnen Sie _Einstellungen_ und tippen Sie auf [PIN ändern](https://help.example.test/pin).",
    );
    const [row] = db.sqlite.prepare("select language, external_source as s, external_id as id from articles").all() as {
      language: string;
      s: string;
      id: string;
    }[];
    expect(row).toEqual({ language: "de", s: "html", id: "reset-pin.html" });
  });

  it("npm run kb:import -- <export> --dry-run prints what would change and writes nothing", async () => {
    const dbPath = join(tmp.dir, "cli.db");
    const out = execFileSync(process.execPath, ["--import", "tsx", "src/entry/kb-import.ts", join(fixtures, "zendesk.json"), "--dry-run"], {
      cwd: repoRoot,
      env: { ...process.env, DATABASE_PATH: dbPath, LOG_LEVEL: "silent" },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    expect(out).toContain("Dry run of zendesk: 3 would be new, 0 would be updated, 0 unchanged, 0 would be archived.");
    const check = openSqlite(dbPath);
    expect(await createStore(check.db, check.runBatch).listExternalArticles("zendesk")).toEqual([]);
    check.close();
  });
});
