import { sql } from "drizzle-orm";
import { stemmer } from "stemmer";
import { ftsMatch, queryTerms, selectTerms } from "../../core/knowledge/fts-query.js";
import { makeSnippet } from "../../core/knowledge/snippet.js";
import type { SearchHit } from "../../core/types.js";
import type { KnowledgeSearch } from "../../ports/knowledge-search.js";
import type { Db } from "./db.js";

// Column weights for bm25(title, body, tags): a title hit says far more than a body hit.
const WEIGHTS = sql.raw("10.0, 1.0, 3.0");

/**
 * How many matching (term, article) rows one query may score. On 500k generated articles 20k gave
 * the lowest p95 of 5k/20k/60k (bench/search.ts); an index of a few thousand articles never reaches
 * it, so rankings on ordinary help centers are exact BM25.
 */
export const DEFAULT_POSTINGS_BUDGET = 20_000;

/** A small map whose entries expire; the oldest go first when it is full. */
class TtlCache<V> {
  private readonly entries = new Map<string, { value: V; at: number }>();
  constructor(
    private readonly ttlMs: number,
    private readonly max = 20_000,
  ) {}
  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (Date.now() - entry.at > this.ttlMs) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }
  set(key: string, value: V) {
    if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, { value, at: Date.now() });
  }
}

const isCorrectable = (term: string) => term.length >= 4 && /^[a-z]+$/.test(term);

/** Optimal-string-alignment distance (a swap of neighbours is one edit), or limit + 1 when larger. */
export function editDistance(a: string, b: string, limit: number): number {
  let prevPrev: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, (prevPrev[j - 2] as number) + 1);
      row.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > limit) return limit + 1;
    prevPrev = prev;
    prev = row;
  }
  return Math.min(prev[b.length] as number, limit + 1);
}

/** BM25 over published articles (FTS5). Scores are positive, higher is better. */
export function ftsSearch(db: Db, opts: { postingsBudget?: number; cacheMs?: number } = {}): KnowledgeSearch {
  const budget = opts.postingsBudget ?? DEFAULT_POSTINGS_BUDGET;

  // fts5vocab counts documents by walking each term's postings, which costs as much as searching
  // for the term on a large index. Counts only guide which terms to score, so a few minutes old is
  // fine: they are cached per stem, as are spelling fixes.
  const dfCache = new TtlCache<number>(opts.cacheMs ?? 10 * 60_000);
  const fixCache = new TtlCache<{ term: string; df: number } | null>(opts.cacheMs ?? 10 * 60_000);

  // The index stores Porter stems, so document counts are looked up by stem. A stem the JS stemmer
  // gets differently from SQLite's is simply not found and its term is kept.
  async function scoredTerms(terms: string[]): Promise<string[]> {
    if (terms.length === 0) return terms;
    const stems = terms.map((t) => stemmer(t));
    const missing = [...new Set(stems)].filter((stem) => dfCache.get(stem) === undefined);
    if (missing.length > 0) {
      const rows = await db.all<{ term: string; doc: number }>(
        sql`select term, doc from article_search_vocab where term in (${sql.join(
          missing.map((stem) => sql`${stem}`),
          sql`, `,
        )})`,
      );
      const found = new Map(rows.map((r) => [r.term, Number(r.doc)]));
      for (const stem of missing) dfCache.set(stem, found.get(stem) ?? 0);
    }
    const withDf = terms.map((term, i) => ({ term, df: dfCache.get(stems[i] as string) ?? 0 }));
    // Customers misspell ("refnd", "subscribtion"): a word the index has never seen also searches
    // for its closest indexed stem one or two edits away.
    for (const [i, t] of withDf.entries()) {
      if (t.df > 0 || !isCorrectable(t.term)) continue;
      const stem = stems[i] as string;
      let fix = fixCache.get(stem);
      if (fix === undefined) {
        fix = await closestStem(stem);
        fixCache.set(stem, fix);
      }
      if (fix && !withDf.some((x) => x.term === fix?.term)) withDf.push(fix);
    }
    return selectTerms(withDf, budget);
  }

  async function closestStem(stem: string): Promise<{ term: string; df: number } | null> {
    const head = stem.slice(0, 2);
    const next = head.slice(0, -1) + String.fromCodePoint((head.codePointAt(1) ?? 0) + 1);
    const candidates = await db.all<{ term: string; doc: number }>(
      sql`select term, doc from article_search_vocab where term >= ${head} and term < ${next} limit 5000`,
    );
    const limit = stem.length >= 8 ? 2 : 1;
    let best: { term: string; df: number } | null = null;
    let bestDistance = limit + 1;
    for (const c of candidates) {
      if (Math.abs(c.term.length - stem.length) > limit) continue;
      const d = editDistance(stem, c.term, limit);
      if (d < bestDistance || (d === bestDistance && best && Number(c.doc) > best.df)) {
        best = { term: c.term, df: Number(c.doc) };
        bestDistance = d;
      }
    }
    return best;
  }

  return {
    async search(query, searchOpts) {
      const allTerms = queryTerms(query);
      const match = ftsMatch(await scoredTerms(allTerms));
      if (!match) return [];
      const limit = Math.min(Math.max(searchOpts?.limit ?? 5, 1), 50);
      const rows = await ranked(match, limit);
      return rows.map(
        (r): SearchHit => ({
          articleId: r.articleId,
          slug: r.slug,
          title: r.title,
          version: Number(r.version),
          score: Math.round(r.score * 1000) / 1000,
          snippet: makeSnippet(r.body, allTerms),
          body: searchOpts?.withBody ? r.body : undefined,
        }),
      );
    },
  };

  // Rank inside the FTS table alone, then join the few winners: joining or building snippets for
  // every matching row costs more than the ranking itself on large indexes.
  function ranked(match: string, limit: number) {
    return db.all<{ articleId: string; slug: string; title: string; version: number; score: number; body: string }>(sql`
        with top as (
          select rowid as sid, bm25(article_search, ${WEIGHTS}) as rank_score
          from article_search where article_search match ${match}
          order by rank_score limit ${limit}
        )
        select a.id as articleId, a.slug as slug, s.title as title, a.published_version as version,
               -top.rank_score as score, s.body as body
        from top join articles a on a.search_id = top.sid join article_search s on s.rowid = top.sid
        where a.status = 'published'
        order by top.rank_score`);
  }
}
