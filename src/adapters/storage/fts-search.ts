import { sql } from "drizzle-orm";
import { ftsMatch, queryTerms, selectTerms } from "../../core/knowledge/fts-query.js";
import { makeSnippet } from "../../core/knowledge/snippet.js";
import { isAnalysedLanguage, isStopword, stemWord } from "../../core/text/analyse.js";
import { detectLanguage } from "../../core/text/language.js";
import type { SearchHit } from "../../core/types.js";
import type { KnowledgeSearch } from "../../ports/knowledge-search.js";
import type { Db } from "./db.js";

// Column weights for bm25(title, questions, body, tags): a title hit says far more than a body hit,
// and an admin's example phrasing nearly as much as the title.
const WEIGHTS = sql.raw("10.0, 5.0, 1.0, 3.0");

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

  // The index holds each article's words stemmed in the article's language. A question is stemmed
  // in its own language and in each language the index holds, so a short question whose language
  // cannot be told still meets the articles' stems; variants the index has never seen count nothing.
  const languagesCache = new TtlCache<string[]>(opts.cacheMs ?? 10 * 60_000);
  async function indexLanguages(): Promise<string[]> {
    const cached = languagesCache.get("all");
    if (cached) return cached;
    const rows = await db.all<{ language: string | null }>(sql`
      select distinct v.language as language from articles a
      join article_versions v on v.article_id = a.id and v.version = a.published_version
      where a.status = 'published'`);
    const found = rows.map((r) => r.language).filter((l): l is string => Boolean(l));
    languagesCache.set("all", found);
    return found;
  }

  async function indexTerms(query: string, words: string[]): Promise<{ variants: string[][]; correct: boolean }> {
    const asked = detectLanguage(query)?.language;
    const held = await indexLanguages();
    // The index's own languages first: a misspelt word is corrected from its first variant.
    const languages = [...new Set([...held, ...(isAnalysedLanguage(asked) ? [asked] : [])])];
    if (languages.length === 0) languages.push("en");
    const variants = words.filter((w) => !(asked && isStopword(w, asked))).map((w) => [...new Set(languages.map((l) => stemWord(w, l)))]);
    // Spelling fixes only within the index's languages: a foreign word is not a typo of a near
    // English one ("servicio" is not "service").
    return { variants, correct: asked === undefined || held.length === 0 || held.includes(asked) };
  }

  async function scoredTerms({ variants, correct }: { variants: string[][]; correct: boolean }): Promise<string[]> {
    const stems = [...new Set(variants.flat())];
    if (stems.length === 0) return stems;
    const missing = stems.filter((stem) => dfCache.get(stem) === undefined);
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
    const df = (stem: string) => dfCache.get(stem) ?? 0;
    // A word none of whose stems is indexed may be misspelt ("refnd", "subscribtion"): it also
    // searches for the closest indexed stem one or two edits away.
    const withDf = variants.flatMap((v) => v.filter((stem) => df(stem) > 0).map((term) => ({ term, df: df(term) })));
    for (const v of variants) {
      if (v.some((stem) => df(stem) > 0)) continue;
      const stem = v[0] as string;
      if (!correct || !isCorrectable(stem)) {
        withDf.push({ term: stem, df: 0 });
        continue;
      }
      let fix = fixCache.get(stem);
      if (fix === undefined) {
        fix = await closestStem(stem);
        fixCache.set(stem, fix);
      }
      withDf.push(fix ?? { term: stem, df: 0 });
    }
    const unique = [...new Map(withDf.map((t) => [t.term, t])).values()];
    return selectTerms(unique, budget);
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
      const match = ftsMatch(await scoredTerms(await indexTerms(query, allTerms)));
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
          questions: JSON.parse(r.questions ?? "[]") as string[],
        }),
      );
    },
  };

  // Rank inside the FTS table alone, then join the few winners: joining or building snippets for
  // every matching row costs more than the ranking itself on large indexes.
  function ranked(match: string, limit: number) {
    return db.all<{ articleId: string; slug: string; title: string; version: number; score: number; body: string; questions: string }>(sql`
        with top as (
          select rowid as sid, bm25(article_search, ${WEIGHTS}) as rank_score
          from article_search where article_search match ${match}
          order by rank_score limit ${limit}
        )
        select a.id as articleId, a.slug as slug, v.title as title, a.published_version as version,
               -top.rank_score as score, v.body as body, v.questions as questions
        from top join articles a on a.search_id = top.sid
        join article_versions v on v.article_id = a.id and v.version = a.published_version
        where a.status = 'published'
        order by top.rank_score`);
  }
}
