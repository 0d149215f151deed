// Words too common to tell articles apart; dropping them keeps BM25 scores meaningful. English
// first, then the commonest function words of the other languages customers write in, since an
// English knowledge base matches them only by accident.
const STOPWORDS = new Set(
  [
    "a an and are as at be been but by can could did do does doing for from had has have how i i'm im if in into is it its it's me my myself no not of on or our please so some than that the their them then there these they this to too us was we were what when where which who why will with would you your yours hi hello hey thanks thank help need want get got just also any",
    "still now today yesterday tomorrow already again ever even really very much many lot lots one way know think tell said says keep keeps going gonna wanna should shall may might must ok okay yes yeah guys someone something anything everything all about after before out up down over here am being",
    "el la los las un una unos unas de del y o que en es mi mis por para con se me lo le al como pero más ya su sus hay está esta este",
    "le les des du et ou est mon ma mes je tu il elle nous vous pour avec sur dans pas ne qui que ce cette sont au aux",
    "der die das den dem des ein eine einen und oder ist ich mein meine mich mir wie für mit auf nicht es zu im bei von habe hat sind wir ihr",
    "o os um uma uns umas do da dos das em no na nos nas é meu minha eu com não",
    "il lo gli di e che è per non un una mio mia con ho ha sono",
    "het een en van de ik mijn is op te dat die met voor niet er hoe wat bij",
  ]
    .join(" ")
    .split(" "),
);

const MAX_TERMS = 24;

/** Meaningful words of any language (letters and digits, apostrophes and hyphens inside words split). */
export function queryTerms(text: string): string[] {
  const words =
    text
      .slice(0, 4000)
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu)
      // Error codes are written "TB-4012" in articles (two tokens) and often "TB4012" by customers.
      ?.flatMap((w) => {
        const code = /^(\p{L}{1,4})(\p{N}{3,})$/u.exec(w);
        return code ? [w, code[1] as string, code[2] as string] : [w];
      }) ?? [];
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
