import { existsSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import { importKnowledgeDir } from "../src/adapters/kb/import-dir.js";
import { type SeedArticle, syncSeedArticles } from "../src/core/knowledge/seed-sync.js";
import type { ArticleStore } from "../src/ports/store.js";
import type { Route } from "./eval-metrics.js";

/**
 * The sets `npm run eval` reads, by format (all detected from the file, no flags):
 * - knowledge: a folder of *.md articles (knowledge/), or an `articles.jsonl` of {id, title, answers[]}
 *   (StackFAQ), each becoming an article whose slug is its id;
 * - queries: the project's JSONL ({text, articles[], expectedRoute?}); a JSONL of {id, text} with a
 *   `qrels.tsv` beside it (query id → article id); a Bitext CSV (instruction, intent), each intent
 *   mapped to the demo knowledge base's article; a support-ticket CSV (subject, body, language),
 *   which no article is expected to answer.
 */
export type Labelled = { id?: string; text: string; articles: string[]; expectedRoute?: Route; tags?: string[] };

/** Bitext intents the demo knowledge base (knowledge/) answers, and the article that answers each. */
export const BITEXT_INTENTS: Record<string, string> = {
  recover_password: "reset-password",
  get_invoice: "invoices-receipts",
  track_order: "track-order",
  delete_account: "delete-account",
  check_refund_policy: "subscription-refund-policy",
};

export async function loadKnowledge(store: ArticleStore, path: string) {
  if (existsSync(path) && statSync(path).isDirectory()) return importKnowledgeDir(store, path);
  if (!existsSync(path)) return { created: 0, errors: [`${path} does not exist`] };
  const seeds: SeedArticle[] = jsonLines(path).map((row, i) => {
    const { id, title, answers } = row as { id?: string; title?: string; answers?: string[] };
    if (!id || !title || !Array.isArray(answers)) throw new Error(`${path}:${i + 1}: needs "id", "title" and "answers": [text]`);
    return { slug: id.toLowerCase(), title, tags: [], body: answers.join("\n\n") };
  });
  return { ...(await syncSeedArticles(store, seeds, Date.now())), errors: [] as string[] };
}

/** `allIntents`: Bitext rows of intents the knowledge base does not cover too (no article expected). */
export function loadQueries(file: string, opts: { allIntents?: boolean } = {}): Labelled[] {
  if (!existsSync(file)) throw new Error(`${file} does not exist`);
  if (file.endsWith(".csv")) return csvQueries(file, opts.allIntents ?? false);
  const qrels = join(dirname(file), "qrels.tsv");
  const rows = jsonLines(file);
  if (rows.length > 0 && !("articles" in (rows[0] as object)) && existsSync(qrels)) return qrelQueries(rows, qrels);
  return rows.map((row, i) => {
    const q = row as Labelled;
    if (typeof q.text !== "string" || !Array.isArray(q.articles)) throw new Error(`${file}:${i + 1}: needs "text" and "articles": [slug]`);
    return q;
  });
}

function qrelQueries(rows: unknown[], qrels: string): Labelled[] {
  const relevant = new Map<string, string[]>();
  for (const line of readFileSync(qrels, "utf8").split("\n").slice(1)) {
    const [query, article, relevance] = line.trim().split("\t");
    if (!query || !article || Number(relevance) <= 0) continue;
    relevant.set(query, [...(relevant.get(query) ?? []), article.toLowerCase()]);
  }
  return rows.map((row) => {
    const { id, text } = row as { id: string; text: string };
    return { id, text, articles: relevant.get(id) ?? [] };
  });
}

function csvQueries(file: string, allIntents: boolean): Labelled[] {
  const rows = parseCsv(readFileSync(file), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  const columns = Object.keys(rows[0] ?? {});
  if (columns.includes("instruction") && columns.includes("intent")) {
    return rows
      .filter((r) => allIntents || BITEXT_INTENTS[r.intent ?? ""] !== undefined)
      .map((r, i) => {
        const slug = BITEXT_INTENTS[r.intent ?? ""];
        return { id: `${basename(file)}:${i + 1}`, text: r.instruction ?? "", articles: slug ? [slug] : [], tags: [r.intent ?? ""] };
      });
  }
  if (columns.includes("subject") && columns.includes("body")) {
    return rows.map((r, i) => ({
      id: `${basename(file)}:${i + 1}`,
      text: [r.subject, r.body].filter(Boolean).join("\n\n"),
      articles: [],
      tags: [r.language ?? "unknown"],
    }));
  }
  throw new Error(`${file}: unknown CSV (expected Bitext "instruction,intent" or ticket "subject,body" columns)`);
}

function jsonLines(file: string): unknown[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim().length > 0)
    .map((line, i) => {
      try {
        return JSON.parse(line);
      } catch {
        throw new Error(`${file}:${i + 1}: not JSON`);
      }
    });
}
