// Per-language text analysis for search: the same words stem alike in an article and in a question
// only when both are analysed in their own language ("facturas" → "factur", "invoices" → "invoic").
// Snowball stemmers and stopword lists from Orama (pure JS, a few KB per language, run on Workers);
// English keeps the Porter stemmer the index used before, so English rankings stay as they were.
import { stemmer as dutch } from "@orama/stemmers/dutch";
import { stemmer as french } from "@orama/stemmers/french";
import { stemmer as german } from "@orama/stemmers/german";
import { stemmer as italian } from "@orama/stemmers/italian";
import { stemmer as portuguese } from "@orama/stemmers/portuguese";
import { stemmer as spanish } from "@orama/stemmers/spanish";
import { stopwords as nlStop } from "@orama/stopwords/dutch";
import { stopwords as enStop } from "@orama/stopwords/english";
import { stopwords as frStop } from "@orama/stopwords/french";
import { stopwords as deStop } from "@orama/stopwords/german";
import { stopwords as itStop } from "@orama/stopwords/italian";
import { stopwords as ptStop } from "@orama/stopwords/portuguese";
import { stopwords as esStop } from "@orama/stopwords/spanish";
import { stemmer as porter } from "stemmer";

export const ANALYSED_LANGUAGES = ["en", "es", "fr", "de", "pt", "it", "nl"] as const;
export type AnalysedLanguage = (typeof ANALYSED_LANGUAGES)[number];

const STEMMERS: Record<AnalysedLanguage, (word: string) => string> = {
  en: porter,
  es: spanish,
  fr: french,
  de: german,
  pt: portuguese,
  it: italian,
  nl: dutch,
};
const STOPWORDS: Record<AnalysedLanguage, ReadonlySet<string>> = {
  en: new Set(enStop),
  es: new Set(esStop),
  fr: new Set(frStop),
  de: new Set(deStop),
  pt: new Set(ptStop),
  it: new Set(itStop),
  nl: new Set(nlStop),
};

export function isAnalysedLanguage(code: string | undefined): code is AnalysedLanguage {
  return (ANALYSED_LANGUAGES as readonly string[]).includes(code ?? "");
}

/** Accents off, as the index's unicode61 tokenizer does (remove_diacritics 2), so stems compare equal. */
export function foldDiacritics(word: string): string {
  return word.normalize("NFD").replace(/\p{M}/gu, "");
}

/**
 * One word's index form in a language: lowercased, stemmed, accents folded. Stemmers see the word
 * with its accents (Spanish and French suffixes carry them). A language without a stemmer keeps the
 * word whole.
 */
export function stemWord(word: string, language: string): string {
  const lower = word.toLowerCase();
  const stem = isAnalysedLanguage(language) ? STEMMERS[language](lower) : lower;
  return foldDiacritics(stem);
}

export function isStopword(word: string, language: string): boolean {
  return isAnalysedLanguage(language) && STOPWORDS[language].has(word.toLowerCase());
}

/** Text as the index stores it: every word's index form, in order, separated by spaces. */
export function analyseText(text: string, language: string): string {
  return (text.match(/[\p{L}\p{N}]+/gu) ?? []).map((w) => stemWord(w, language)).join(" ");
}
