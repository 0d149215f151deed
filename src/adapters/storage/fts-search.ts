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
 * How many matching (term, article) rows one query may score. About 60k keeps a top-10 query over
 * 500k articles near 20 ms on a small server (bench/search.ts); below a few thousand articles every
 * term is always kept, so rankings on ordinary help centers are exact BM25.
 */
export const DEFAULT_POSTINGS_BUDGET = 60_000;

/** BM25 over published articles (FTS5). Scores are positive, higher is better. */
export function ftsSearch(db: Db, opts: { postingsBudget?: number } = {}): KnowledgeSearch {
  const budget = opts.postingsBudget ?? DEFAULT_POSTINGS_BUDGET;

  // The index stores Porter stems, so document counts are looked up by stem. A stem the JS stemmer
  // gets differently from SQLite's is simply not found and its term is kept.
  async function scoredTerms(terms: string[]): Promise<string[]> {
    if (terms.length < 2) return terms;
    const stems = terms.map((t) => stemmer(t));
    const rows = await db.all<{ term: string; doc: number }>(
      sql`select term, doc from article_search_vocab where term in (${sql.join(
        [...new Set(stems)].map((s) => sql`${s}`),
        sql`, `,
      )})`,
    );
    const df = new Map(rows.map((r) => [r.term, Number(r.doc)]));
    return selectTerms(
      terms.map((term, i) => ({ term, df: df.get(stems[i] as string) ?? 0 })),
      budget,
    );
  }

  return {
    async search(query, searchOpts) {
      const allTerms = queryTerms(query);
      const match = ftsMatch(await scoredTerms(allTerms));
      if (!match) return [];
      const limit = Math.min(Math.max(searchOpts?.limit ?? 5, 1), 50);
      // Rank inside the FTS table alone, then join the few winners: joining or building snippets
      // for every matching row costs more than the ranking itself on large indexes.
      const rows = await db.all<{ articleId: string; slug: string; title: string; version: number; score: number; body: string }>(sql`
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
}
