import { sql } from "drizzle-orm";
import { toFtsQuery } from "../../core/knowledge/fts-query.js";
import type { SearchHit } from "../../core/types.js";
import type { KnowledgeSearch } from "../../ports/knowledge-search.js";
import type { Db } from "./db.js";

// Column weights for bm25(title, body, tags): a title hit says far more than a body hit.
const WEIGHTS = sql.raw("10.0, 1.0, 3.0");

/** BM25 over published articles (FTS5). Scores are positive, higher is better. */
export function ftsSearch(db: Db): KnowledgeSearch {
  return {
    async search(query, opts) {
      const match = toFtsQuery(query);
      if (!match) return [];
      const limit = Math.min(Math.max(opts?.limit ?? 5, 1), 50);
      const rows = await db.all<{ articleId: string; slug: string; title: string; version: number; score: number; snippet: string; body: string | null }>(sql`
        select a.id as articleId, a.slug as slug, f.title as title, a.published_version as version,
               -bm25(article_search, ${WEIGHTS}) as score,
               snippet(article_search, 1, '', '', '…', 24) as snippet,
               ${opts?.withBody ? sql`f.body` : sql`null`} as body
        from article_search f join articles a on a.search_id = f.rowid
        where article_search match ${match} and a.status = 'published'
        order by bm25(article_search, ${WEIGHTS}) limit ${limit}`);
      return rows.map((r): SearchHit => ({ ...r, score: Math.round(r.score * 1000) / 1000, version: Number(r.version), body: r.body ?? undefined }));
    },
  };
}
