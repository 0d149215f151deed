import type { ArticleStore } from "../../ports/store.js";
import { newId } from "../ids.js";
import { sha256Hex } from "../security/tokens.js";
import { slugify } from "./curate-article.js";

/** One article as a help-center export gives it, already converted to markdown. */
export type ImportedArticle = { externalId: string; title: string; body: string; tags: string[]; language: string | null; published: boolean };

export type ImportReport = {
  source: string;
  created: string[];
  updated: string[];
  unchanged: number;
  /** Imported before, gone from the source now: archived (never deleted, so history stays). */
  archived: string[];
  /** Edited or archived in the console since the last import: the console wins. */
  keptConsoleEdits: string[];
  /** Items of the export that could not be read, with why. */
  unreadable: { item: string; reason: string }[];
  dryRun: boolean;
};

/**
 * Brings an export into the knowledge base idempotently, matched on (source, external id): a new
 * article is created, a changed one gets a new published version, an unchanged one is left alone,
 * and one the source no longer has is archived. `dryRun` computes the same report and writes nothing.
 */
export async function syncImportedArticles(
  store: ArticleStore,
  input: { source: string; articles: ImportedArticle[]; unreadable?: ImportReport["unreadable"]; dryRun?: boolean; now: number },
  onProgress?: (done: number, total: number) => void,
): Promise<ImportReport> {
  const { source, now } = input;
  const dryRun = input.dryRun ?? false;
  const report: ImportReport = {
    source,
    created: [],
    updated: [],
    unchanged: 0,
    archived: [],
    keptConsoleEdits: [],
    unreadable: [...(input.unreadable ?? [])],
    dryRun,
  };
  const known = new Map((await store.listExternalArticles(source)).map((a) => [a.externalId, a]));
  const seen = new Set<string>();
  const audit = (action: string, articleId: string, slug: string) => ({
    id: newId(),
    actor: `import:${source}`,
    action,
    entity: "article",
    entityId: articleId,
    detail: { slug, source },
  });
  let done = 0;
  for (const a of input.articles) {
    seen.add(a.externalId);
    const hash = await sha256Hex(JSON.stringify([a.title, a.tags, a.body, a.published]));
    const existing = known.get(a.externalId);
    const version = { title: a.title, body: a.body, tags: a.tags, createdBy: `import:${source}`, createdAt: now };
    if (!existing) {
      const base = slugify(a.title) || `${source}-${a.externalId}`;
      const slug = (await store.getArticle(base)) ? `${base}-${slugify(a.externalId)}` : base;
      const id = newId();
      if (!dryRun)
        await store.createArticle({
          id,
          slug,
          version,
          status: a.published ? "published" : "draft",
          source: "import",
          seedHash: hash,
          external: { source, id: a.externalId, language: a.language },
          audit: audit("article.imported", id, slug),
        });
      report.created.push(slug);
    } else if (existing.seedHash === hash && existing.status !== "archived") {
      report.unchanged++;
    } else if (existing.source === "console") {
      report.keptConsoleEdits.push(existing.slug);
    } else {
      if (!dryRun)
        await store.addVersion({
          articleId: existing.id,
          version,
          publish: a.published,
          source: "import",
          seedHash: hash,
          audit: audit("article.import_updated", existing.id, existing.slug),
          now,
        });
      report.updated.push(existing.slug);
    }
    onProgress?.(++done, input.articles.length);
  }
  for (const [externalId, a] of known) {
    if (seen.has(externalId) || a.status === "archived") continue;
    if (!dryRun) await store.setStatus(a.id, "archived", null, now, audit("article.import_archived", a.id, a.slug));
    report.archived.push(a.slug);
  }
  return report;
}
