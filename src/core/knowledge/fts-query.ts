// Words too common to tell articles apart; dropping them keeps BM25 scores meaningful.
const STOPWORDS = new Set(
  "a an and are as at be been but by can could did do does doing for from had has have how i i'm im if in into is it its it's me my myself no not of on or our please so some than that the their them then there these they this to too us was we were what when where which who why will with would you your yours hi hello hey thanks thank help need want get got just also any".split(
    " ",
  ),
);

const MAX_TERMS = 24;

/** Meaningful words of any language (letters and digits, apostrophes and hyphens inside words split). */
export function queryTerms(text: string): string[] {
  const words =
    text
      .slice(0, 4000)
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  const seen = new Set<string>();
  for (const word of words) {
    if (word.length < 2 && !/\d/.test(word)) continue;
    if (STOPWORDS.has(word)) continue;
    seen.add(word.slice(0, 64));
    if (seen.size >= MAX_TERMS) break;
  }
  return [...seen];
}

/**
 * Turns customer text into an FTS5 MATCH expression that can never be a syntax error: every term
 * is a quoted string (so NEAR, AND, -, *, : and parentheses are just words) joined with OR.
 * Returns null when nothing searchable is left.
 */
export function toFtsQuery(text: string): string | null {
  return ftsMatch(queryTerms(text));
}

/** OR of quoted terms; null when there are none. */
export function ftsMatch(terms: string[]): string | null {
  if (terms.length === 0) return null;
  return terms.map((t) => `"${t.replaceAll('"', '""')}"`).join(" OR ");
}

/**
 * Chooses which query terms to score. BM25 work grows with the number of matching rows of every
 * OR-ed term, while a term found in a large share of articles adds almost nothing to the ranking
 * (its IDF is near zero). So terms are taken rarest first until their summed document counts would
 * pass `budget`; the rarest term is always kept, and so is every term when the index is small.
 * Terms are returned in their original order. `df` is the number of articles containing the term
 * (0 when unknown, which keeps it).
 */
export function selectTerms(terms: { term: string; df: number }[], budget: number): string[] {
  const total = terms.reduce((sum, t) => sum + t.df, 0);
  if (total <= budget) return terms.map((t) => t.term);
  const byRarity = [...terms].sort((a, b) => a.df - b.df);
  const kept = new Set<string>();
  let sum = 0;
  for (const t of byRarity) {
    if (kept.size > 0 && sum + t.df > budget) break;
    kept.add(t.term);
    sum += t.df;
  }
  return terms.filter((t) => kept.has(t.term)).map((t) => t.term);
}
