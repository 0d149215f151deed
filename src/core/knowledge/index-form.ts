import { analyseText } from "../text/analyse.js";
import { detectLanguage } from "../text/language.js";

/** `language`, when known, is used as given (ISO 639-1); otherwise it is detected from the text. */
export type ArticleText = { title: string; body: string; tags: string[]; questions?: string[]; language?: string | null };
export type IndexForm = { language: string; analysed: { title: string; questions: string; body: string; tags: string } };

// An article whose language cannot be told (too short, a near tie) is taken to be English, the
// language most knowledge bases are written in; its words still match, only less well stemmed.
const FALLBACK_LANGUAGE = "en";

/** The language an article is written in, from its own text. */
export function articleLanguage(a: ArticleText): string {
  return a.language || (detectLanguage(`${a.title}\n${a.body}`)?.language ?? FALLBACK_LANGUAGE);
}

/** What the search index holds for one article version: each field stemmed in the article's language. */
export function articleIndexForm(a: ArticleText): IndexForm {
  const language = articleLanguage(a);
  return {
    language,
    analysed: {
      title: analyseText(a.title, language),
      // One phrasing per line; the blank line between them keeps phrase matches from spanning two.
      questions: (a.questions ?? []).map((q) => analyseText(q, language)).join("\n\n"),
      body: analyseText(a.body, language),
      tags: analyseText(a.tags.join(" "), language),
    },
  };
}
