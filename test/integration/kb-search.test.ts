import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importKnowledgeDir } from "../../src/adapters/kb/import-dir.js";
import { ftsSearch } from "../../src/adapters/storage/fts-search.js";
import { openSqlite } from "../../src/adapters/storage/sqlite-node.js";
import { createStore } from "../../src/adapters/storage/store.js";
import { repoRoot, tempDir } from "../helpers/harness.js";

const tmp = tempDir();
const sqlite = openSqlite(`${tmp.dir}/kb.db`);
const store = createStore(sqlite.db, sqlite.runBatch);
const search = ftsSearch(sqlite.db);

beforeAll(async () => {
  await importKnowledgeDir(store, `${repoRoot}/knowledge`);
});
afterAll(() => {
  sqlite.close();
  tmp.cleanup();
});

describe("knowledge search", () => {
  it("ranks the password article first for a password question, with a snippet and a positive score", async () => {
    const [top] = await search.search("How do I reset my password?");
    expect(top).toMatchObject({ slug: "reset-password", version: 1 });
    expect(top?.score).toBeGreaterThan(0);
    expect(top?.snippet.length).toBeGreaterThan(20);
  });

  it.each([
    ['"unbalanced quote'],
    ["password*"],
    ["NEAR(password reset)"],
    ["reset NEAR password"],
    ["-password"],
    ["title:password"],
    ["((("],
    [")))"],
    ["password AND OR NOT"],
    ["^reset"],
    ["🔐🔑 password 😡"],
    ["{}[]<>;'\\"],
    ["x".repeat(10_000)],
    ["refund ".repeat(1500)],
    [""],
    ["   "],
    ["\u0000\u0001"],
  ])("never errors on customer text used as a query: %j", async (query) => {
    const results = await search.search(query);
    expect(Array.isArray(results)).toBe(true);
  });

  it("searches only published articles, and a newly published version at once", async () => {
    const article = await store.getArticle("reset-password");
    if (!article) throw new Error("seed missing");
    await store.addVersion({
      articleId: article.id,
      version: { title: "Reset your password (zebracorn edition)", body: "Use the zebracorn link.", tags: [], createdBy: "test", createdAt: Date.now() },
      publish: false,
      source: "console",
      now: Date.now(),
    });
    expect(await search.search("zebracorn")).toEqual([]);
    await store.setStatus(article.id, "published", 2, Date.now());
    expect((await search.search("zebracorn"))[0]).toMatchObject({ slug: "reset-password", version: 2 });
    await store.setStatus(article.id, "archived", 2, Date.now());
    expect(await search.search("zebracorn")).toEqual([]);
  });

  it("imports the seed idempotently and never overwrites a console edit", async () => {
    const again = await importKnowledgeDir(store, `${repoRoot}/knowledge`);
    expect(again).toMatchObject({ created: 0, updated: 0, errors: [] });

    // A changed seed file updates a seed article but not one edited in the console (above).
    const seedDir = `${tmp.dir}/seed`;
    cpSync(`${repoRoot}/knowledge`, seedDir, { recursive: true });
    for (const slug of ["reset-password", "shipping-times-costs"])
      writeFileSync(`${seedDir}/${slug}.md`, `${readFileSync(`${seedDir}/${slug}.md`, "utf8")}\n\nUpdated in the seed.\n`);
    const changed = await importKnowledgeDir(store, seedDir);
    expect(changed).toMatchObject({ created: 0, updated: 1, keptConsoleEdits: ["reset-password"] });
    expect((await store.getArticle("reset-password"))?.body).toBe("Use the zebracorn link.");
    expect((await store.getArticle("shipping-times-costs"))?.body).toContain("Updated in the seed.");
  });
});
