import { readFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { ftsSearch } from "../src/adapters/storage/fts-search.js";
import { openSqlite } from "../src/adapters/storage/sqlite-node.js";
import { toFtsQuery } from "../src/core/knowledge/fts-query.js";
import { insertGenerated } from "./generate.js";
import { peakRssMb, progress, repoRoot, round, summarize } from "./lib.js";
import { tempDir } from "./temp.js";

/**
 * Benchmark 2: top-10 knowledge search over growing generated article sets, through the same
 * KnowledgeSearch adapter the server uses, against a plain FTS5 query (same MATCH, bm25 order,
 * no join, no snippet) on the same table. Runs in its own process; prints one JSON line.
 */
const args = process.argv.slice(2);
const sizes = (args[args.indexOf("--sizes") + 1] ?? "1000,10000,100000,500000").split(",").map(Number);
const rounds = Number(args.includes("--rounds") ? args[args.indexOf("--rounds") + 1] : 3);

const queries = readFileSync(join(repoRoot, "test/eval/messages.jsonl"), "utf8")
  .split("\n")
  .filter((l) => l.trim())
  .map((l) => (JSON.parse(l) as { text: string }).text)
  .filter((q) => toFtsQuery(q) !== null)
  .slice(0, args.includes("--queries") ? Number(args[args.indexOf("--queries") + 1]) : undefined);

const tmp = tempDir("frontdesk-bench-search-");
const sqlite = openSqlite(process.env.BENCH_SEARCH_DB ?? join(tmp.dir, "search.db"));
const budgetArg = args.indexOf("--budget");
// A fresh adapter per size: its cached document counts would otherwise describe the smaller index.
const newSearch = () => ftsSearch(sqlite.db, budgetArg >= 0 ? { postingsBudget: Number(args[budgetArg + 1]) } : {});
const plain = sqlite.sqlite.prepare(
  "select rowid from article_search where article_search match ? order by bm25(article_search, 10.0, 5.0, 1.0, 3.0) limit 10",
);

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const results: {
  articles: number;
  loadSeconds: number;
  p50Ms: number;
  p95Ms: number;
  plainP50Ms: number;
  plainP95Ms: number;
  ratio: number;
  queries: number;
  top10Agreement: number;
  top1Agreement: number;
}[] = [];
let loaded = 0;
try {
  for (const size of sizes) {
    const started = performance.now();
    const existing = (sqlite.sqlite.prepare("select count(*) as n from articles").get() as { n: number }).n;
    loaded = Math.max(loaded, existing);
    if (size > loaded) insertGenerated(sqlite.sqlite, loaded, size, (done) => progress(`generating ${size} articles`, loaded + done, size));
    loaded = size;
    const loadSeconds = round((performance.now() - started) / 1000, 1);
    const search = newSearch();
    const ours: number[] = [];
    const agreement: number[] = [];
    const top1: number[] = [];
    const idOf = new Map((sqlite.sqlite.prepare("select search_id as sid, id from articles").all() as { sid: number; id: string }[]).map((r) => [r.sid, r.id]));
    const base: number[] = [];
    for (const q of queries.slice(0, 10)) {
      await search.search(q, { limit: 10 });
      plain.all(toFtsQuery(q));
    }
    for (let r = 0; r < rounds; r++) {
      for (const [i, q] of queries.entries()) {
        // Alternate which query runs first so neither profits from the other's warm cache.
        let mine: string[] = [];
        let exact: number[] = [];
        const runOurs = async () => {
          const t = performance.now();
          mine = (await search.search(q, { limit: 10 })).map((h) => h.articleId);
          ours.push(performance.now() - t);
        };
        const runPlain = () => {
          const t = performance.now();
          exact = (plain.all(toFtsQuery(q)) as { rowid: number }[]).map((row) => row.rowid);
          base.push(performance.now() - t);
        };
        if ((i + r) % 2 === 0) {
          await runOurs();
          runPlain();
        } else {
          runPlain();
          await runOurs();
        }
        if (r === 0) {
          const exactIds = exact.map((rowid) => idOf.get(rowid) as string);
          agreement.push(exactIds.length === 0 ? 1 : exactIds.filter((id) => mine.includes(id)).length / exactIds.length);
          top1.push(exactIds[0] === mine[0] ? 1 : 0);
        }
      }
    }
    const o = summarize(ours);
    const b = summarize(base);
    results.push({
      articles: size,
      loadSeconds,
      p50Ms: o.p50,
      p95Ms: o.p95,
      plainP50Ms: b.p50,
      plainP95Ms: b.p95,
      ratio: round(o.p95 / b.p95),
      queries: ours.length,
      top10Agreement: round(mean(agreement)),
      top1Agreement: round(mean(top1)),
    });
    process.stderr.write(
      `search ${size}: p50 ${o.p50} ms, p95 ${o.p95} ms (plain p95 ${b.p95} ms), top-10 agreement with exact BM25 ${round(mean(agreement))}, load ${loadSeconds} s\n`,
    );
  }
} finally {
  sqlite.close();
  tmp.cleanup();
}
console.log(JSON.stringify({ sizes: results, peakRssMb: peakRssMb() }));
