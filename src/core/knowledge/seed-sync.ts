import type { ArticleStore } from "../../ports/store.js";
import { newId } from "../ids.js";
import { sha256Hex } from "../security/tokens.js";

export type SeedArticle = { slug: string; title: string; tags: string[]; body: string; questions?: string[] };
export type SeedReport = { created: number; updated: number; unchanged: number; keptConsoleEdits: string[] };

/**
 * Brings knowledge/*.md into the store idempotently. An unchanged file adds nothing; a changed file
 * adds and publishes a new version; an article edited in the console is never overwritten (the
 * console wins, and the import reports it).
 */
export async function syncSeedArticles(
  store: ArticleStore,
  seeds: SeedArticle[],
  now: number,
  onProgress?: (done: number, total: number) => void,
): Promise<SeedReport> {
  const report: SeedReport = { created: 0, updated: 0, unchanged: 0, keptConsoleEdits: [] };
  let done = 0;
  for (const seed of seeds) {
    const questions = seed.questions ?? [];
    // Questions join the hash only when there are some, so files without them keep their old hash.
    const hash = await sha256Hex(JSON.stringify(questions.length ? [seed.title, seed.tags, seed.body, questions] : [seed.title, seed.tags, seed.body]));
    const existing = await store.getArticle(seed.slug);
    const version = { title: seed.title, body: seed.body, tags: seed.tags, questions, createdBy: "seed", createdAt: now };
    // The new article's id is chosen here so its audit entry points at it (not at the slug).
    const articleId = existing?.id ?? newId();
    const audit = (action: string) => ({
      id: newId(),
      actor: "seed",
      action,
      entity: "article",
      entityId: articleId,
      detail: { slug: seed.slug },
    });
    if (!existing) {
      await store.createArticle({
        id: articleId,
        slug: seed.slug,
        version,
        status: "published",
        source: "seed",
        seedHash: hash,
        audit: audit("article.seeded"),
      });
      report.created++;
    } else if (existing.seedHash === hash) {
      report.unchanged++;
    } else if (existing.source === "console" || existing.status === "archived") {
      // Archiving in the console is a decision too: a changed file must not publish it again.
      report.keptConsoleEdits.push(seed.slug);
    } else {
      await store.addVersion({ articleId: existing.id, version, publish: true, source: "seed", seedHash: hash, audit: audit("article.seed_updated"), now });
      report.updated++;
    }
    onProgress?.(++done, seeds.length);
  }
  return report;
}
