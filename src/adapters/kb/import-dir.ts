import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type SeedReport, syncSeedArticles } from "../../core/knowledge/seed-sync.js";
import type { ArticleStore } from "../../ports/store.js";
import { parseArticleMarkdown } from "./markdown.js";

/** Imports every knowledge/*.md file; a bad file is reported by name and the others still load. */
export async function importKnowledgeDir(
  store: ArticleStore,
  dir: string,
  onProgress?: (done: number, total: number) => void,
): Promise<SeedReport & { errors: string[] }> {
  if (!existsSync(dir)) return { created: 0, updated: 0, unchanged: 0, keptConsoleEdits: [], errors: [`${dir} does not exist`] };
  const errors: string[] = [];
  const seeds = readdirSync(dir)
    .filter((f) => f.endsWith(".md") && !f.startsWith(".") && f.toLowerCase() !== "readme.md")
    .sort()
    .flatMap((file) => {
      try {
        return [parseArticleMarkdown(readFileSync(join(dir, file), "utf8"), file)];
      } catch (error) {
        errors.push((error as Error).message);
        return [];
      }
    });
  // Versions written before the index stored stemmed text (migration 0009) are brought in first.
  await store.analysePending();
  return { ...(await syncSeedArticles(store, seeds, Date.now(), onProgress)), errors };
}
