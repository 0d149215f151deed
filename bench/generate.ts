import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type Database from "better-sqlite3";
import { parseArticleMarkdown } from "../src/adapters/kb/markdown.js";
import { articleIndexForm } from "../src/core/knowledge/index-form.js";
import { repoRoot, rng } from "./lib.js";

/**
 * Synthetic help-center articles for the search benchmark. They reuse the sentences and titles of
 * knowledge/ (so customer questions hit common words as hard as they would in a real help center)
 * and swap about one word in seven for a word from a long-tailed synthetic vocabulary, so the index
 * grows a realistic number of distinct terms as the article count grows.
 */
export function articleGenerator(seed = 42) {
  const dir = join(repoRoot, "knowledge");
  const seeds = readdirSync(dir)
    .filter((f) => f.endsWith(".md"))
    .map((f) => parseArticleMarkdown(readFileSync(join(dir, f), "utf8"), f));
  const sentences = seeds.flatMap((a) =>
    a.body
      .replace(/[#*`>|]/g, " ")
      .split(/(?<=[.!?])\s+|\n+/)
      .map((s) => s.trim())
      .filter((s) => s.split(/\s+/).length >= 4),
  );
  const titles = seeds.map((a) => a.title);
  const tags = [...new Set(seeds.flatMap((a) => a.tags))];
  const random = rng(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)] as T;
  // Zipf-like: small ranks are common, the tail is long.
  const syntheticWord = () => {
    const rank = Math.floor(1 / (random() * 0.9999 + 0.0001)) + Math.floor(random() * 40);
    return `${["zor", "kel", "mav", "tup", "rin", "sol", "dax", "vim"][rank % 8]}${rank.toString(36)}`;
  };
  const mutate = (s: string) =>
    s
      .split(" ")
      .map((w) => (random() < 0.14 ? syntheticWord() : w))
      .join(" ");

  return (i: number) => {
    const count = 5 + Math.floor(random() * 8);
    const body: string[] = [];
    for (let k = 0; k < count; k++) body.push(mutate(pick(sentences)));
    return {
      id: `gen${i}`,
      slug: `generated-${i}`,
      title: mutate(pick(titles)),
      body: body.join(" "),
      tags: [pick(tags), pick(tags), syntheticWord()],
    };
  };
}

/**
 * Bulk-loads generated articles into the real schema in one transaction: version rows and published
 * article rows, so the real FTS triggers fill article_search exactly as the app would.
 */
export function insertGenerated(sqlite: Database.Database, from: number, to: number, onProgress?: (done: number) => void) {
  const next = articleGenerator(from + 1);
  const now = Date.now();
  const [{ base }] = sqlite.prepare("select coalesce(max(search_id), 0) as base from articles").all() as [{ base: number }];
  const version = sqlite.prepare(
    "insert into article_versions (id, article_id, version, title, body, tags, language, analysed, created_by, created_at) values (?, ?, 1, ?, ?, ?, ?, ?, 'bench', ?)",
  );
  const article = sqlite.prepare(
    "insert into articles (id, slug, search_id, status, latest_version, published_version, source, seed_hash, created_at, updated_at) values (?, ?, ?, 'published', 1, 1, 'console', null, ?, ?)",
  );
  sqlite.transaction(() => {
    // The version row must exist when the article row's insert trigger indexes it.
    sqlite.pragma("defer_foreign_keys = ON");
    for (let i = from; i < to; i++) {
      const a = next(i);
      // The generated text is English: its index form is built as the app builds it, without detection.
      const { language, analysed } = articleIndexForm({ ...a, language: "en" });
      version.run(`${a.id}:1`, a.id, a.title, a.body, JSON.stringify(a.tags), language, JSON.stringify(analysed), now);
      article.run(a.id, a.slug, base + 1 + (i - from), now, now);
      if (onProgress && (i - from) % 5000 === 0) onProgress(i - from);
    }
  })();
  onProgress?.(to - from);
}
