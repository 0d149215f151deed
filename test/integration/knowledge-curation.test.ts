import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importKnowledgeDir } from "../../src/adapters/kb/import-dir.js";
import { call, repoRoot, tempDir } from "../helpers/harness.js";
import { ADMIN_KEY, startStaffServer } from "../helpers/staff.js";

type Article = {
  id: string;
  slug: string;
  status: string;
  latestVersion: number;
  publishedVersion: number | null;
  source: string;
  title: string;
  body: string;
};
let env: Awaited<ReturnType<typeof startStaffServer>>;
const kb = tempDir("frontdesk-kb-");
beforeAll(async () => {
  cpSync(join(repoRoot, "knowledge"), kb.dir, { recursive: true });
  env = await startStaffServer({ KNOWLEDGE_DIR: kb.dir });
});
afterAll(async () => {
  await env.server.stop();
  kb.cleanup();
});

const admin = (method: string, path: string, body?: unknown) => call(env.base, method, path, { token: ADMIN_KEY, body });
const search = async (q: string) =>
  ((await call(env.base, "GET", `/api/kb/search?q=${encodeURIComponent(q)}`)).json as { results: { slug: string; version: number; snippet: string }[] })
    .results;

describe("knowledge curation", () => {
  it("a new draft is not searchable; publishing makes it searchable at once", async () => {
    const created = await admin("POST", "/api/admin/articles", {
      title: "Gift cards and vouchers",
      body: "Sell zanzibarite gift cards from the register.",
      tags: ["Gift-Cards"],
    });
    expect(created.status).toBe(201);
    const a = (created.json as { article: Article }).article;
    expect(a).toMatchObject({ slug: "gift-cards-and-vouchers", status: "draft", latestVersion: 1, publishedVersion: null, source: "console" });
    expect(await search("zanzibarite")).toHaveLength(0);
    expect((await admin("POST", `/api/admin/articles/${a.id}/publish`)).status).toBe(200);
    expect((await search("zanzibarite")).map((r) => r.slug)).toEqual(["gift-cards-and-vouchers"]);
    expect((await admin("POST", "/api/admin/articles", { title: "Gift cards and vouchers", body: "dup" })).status).toBe(409);
  });

  it("each save is a new version; search serves the published one until the next publish", async () => {
    const created = await admin("POST", "/api/admin/articles", { title: "Loyalty points", body: "Points expire after quuxberry months.", publish: true });
    const id = (created.json as { article: Article }).article.id;
    const saved = await admin("PUT", `/api/admin/articles/${id}`, { title: "Loyalty points", body: "Points expire after flumptastic months." });
    expect((saved.json as { article: Article }).article).toMatchObject({ latestVersion: 2, publishedVersion: 1, status: "published" });
    expect((await search("quuxberry")).map((r) => r.version)).toEqual([1]);
    expect(await search("flumptastic")).toHaveLength(0);

    const published = await admin("PUT", `/api/admin/articles/${id}`, {
      title: "Loyalty points",
      body: "Points expire after flumptastic months.\n\nAsk us.",
      publish: true,
    });
    expect((published.json as { article: Article }).article).toMatchObject({ latestVersion: 3, publishedVersion: 3 });
    expect(await search("quuxberry")).toHaveLength(0);
    expect((await search("flumptastic")).map((r) => r.version)).toEqual([3]);

    const versions = await admin("GET", `/api/admin/articles/${id}/versions`);
    expect((versions.json as { versions: { version: number; createdBy: string }[] }).versions.map((v) => v.version)).toEqual([3, 2, 1]);
    const diff = await admin("GET", `/api/admin/articles/${id}/diff?from=1&to=2`);
    const body = (diff.json as { diff: { body: { op: string; text: string }[] } }).diff.body;
    expect(body).toEqual([
      { op: "del", text: "Points expire after quuxberry months." },
      { op: "add", text: "Points expire after flumptastic months." },
    ]);

    const restored = await admin("POST", `/api/admin/articles/${id}/restore`, { version: 1, publish: true });
    expect((restored.json as { article: Article }).article).toMatchObject({
      latestVersion: 4,
      publishedVersion: 4,
      body: "Points expire after quuxberry months.",
    });
    expect((await search("quuxberry")).map((r) => r.version)).toEqual([4]);

    const archived = await admin("POST", `/api/admin/articles/${id}/archive`);
    expect((archived.json as { article: Article }).article.status).toBe("archived");
    expect(await search("quuxberry")).toHaveLength(0);

    const audit = await admin("GET", `/api/admin/articles/${id}`);
    const actions = (audit.json as { audit: { action: string; actor: string; createdAt: string }[] }).audit;
    expect(actions.map((a) => a.action).sort()).toEqual(
      ["article.archive", "article.create", "article.edit", "article.edit_publish", "article.restore"].sort(),
    );
    expect(actions.every((a) => a.actor === "bootstrap-admin" && a.createdAt)).toBe(true);
    const seeded = await admin("GET", "/api/admin/articles/track-order");
    expect((seeded.json as { audit: { action: string; actor: string }[] }).audit).toEqual([
      expect.objectContaining({ action: "article.seeded", actor: "seed" }),
    ]);

    expect((await admin("DELETE", `/api/admin/articles/${id}`)).status).toBe(204);
    expect((await admin("GET", `/api/admin/articles/${id}`)).status).toBe(404);
    const log = await admin("GET", `/api/admin/audit?entity=article&entityId=${id}`);
    expect((log.json as { audit: { action: string }[] }).audit.map((a) => a.action)).toContain("article.delete");
  });

  it("an article edited in the console is not overwritten by the next seed import (console wins)", async () => {
    const before = (await admin("GET", "/api/admin/articles/reset-password")).json as { article: Article };
    expect(before.article.source).toBe("seed");
    await admin("PUT", `/api/admin/articles/${before.article.id}`, {
      title: before.article.title,
      body: `${before.article.body}\n\nConsole note: gorblex.`,
      publish: true,
    });

    const file = join(kb.dir, "reset-password.md");
    writeFileSync(file, `${readFileSync(file, "utf8")}\n\nSeed change: snazzleworth.\n`);
    const other = join(kb.dir, "track-order.md");
    writeFileSync(other, `${readFileSync(other, "utf8")}\n\nSeed change: plinkerton.\n`);
    const locked = (await admin("GET", "/api/admin/articles/account-locked")).json as { article: Article };
    await admin("POST", `/api/admin/articles/${locked.article.id}/archive`);
    const lockedFile = join(kb.dir, "account-locked.md");
    writeFileSync(lockedFile, `${readFileSync(lockedFile, "utf8")}\n\nSeed change: wobbleford.\n`);
    const report = await importKnowledgeDir(env.server.store, kb.dir);
    expect(report.keptConsoleEdits.sort()).toEqual(["account-locked", "reset-password"]);
    expect(report.updated).toBe(1);
    expect(await search("wobbleford")).toHaveLength(0);

    expect((await search("gorblex")).map((r) => r.slug)).toEqual(["reset-password"]);
    expect(await search("snazzleworth")).toHaveLength(0);
    expect((await search("plinkerton")).map((r) => r.slug)).toEqual(["track-order"]);
  });

  it("example questions are saved as part of a version, searched, and kept by an edit that leaves them out", async () => {
    const created = await admin("POST", "/api/admin/articles", {
      title: "Loyalty card",
      body: "Scan the card at the register to collect points.",
      questions: ["  my frobnicator stamps went missing  ", "my frobnicator stamps went missing", "how do stamps work"],
      publish: true,
    });
    expect(created.status).toBe(201);
    const a = (created.json as { article: Article & { questions: string[] } }).article;
    expect(a.questions).toEqual(["my frobnicator stamps went missing", "how do stamps work"]);
    expect((await search("where did my frobnicator stamps go"))[0]?.slug).toBe("loyalty-card");

    const edited = await admin("PUT", `/api/admin/articles/${a.id}`, { title: "Loyalty card", body: "Scan the card at the register.", publish: true });
    expect((edited.json as { article: { questions: string[] } }).article.questions).toEqual(a.questions);
    const cleared = await admin("PUT", `/api/admin/articles/${a.id}`, {
      title: "Loyalty card",
      body: "Scan the card at the register.",
      questions: [],
      publish: true,
    });
    expect((cleared.json as { article: { latestVersion: number; questions: string[] } }).article).toMatchObject({ latestVersion: 3, questions: [] });
    expect(await search("frobnicator")).toHaveLength(0);

    const tooMany = Array.from({ length: 31 }, (_, i) => `question ${i}`);
    expect((await admin("PUT", `/api/admin/articles/${a.id}`, { title: "Loyalty card", body: "x", questions: tooMany })).status).toBe(400);
  });

  it("refuses bad input", async () => {
    expect((await admin("POST", "/api/admin/articles", { title: "", body: "x" })).status).toBe(400);
    expect((await admin("POST", "/api/admin/articles", { title: "Bad slug", body: "x", slug: "Not A Slug!" })).status).toBe(400);
    expect((await admin("PUT", "/api/admin/articles/nope", { title: "x", body: "y" })).status).toBe(404);
    expect((await admin("POST", "/api/admin/articles/reset-password/publish", { version: 99 })).status).toBe(404);
  });
});
