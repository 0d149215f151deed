import { de } from "./de.js";
import { en, type TextTable } from "./en.js";
import { es } from "./es.js";
import { fr } from "./fr.js";
import { it } from "./it.js";
import { nl } from "./nl.js";
import { pt } from "./pt.js";

/**
 * Every text the system itself says to a customer, in the languages we ship. A workspace may
 * override any text per language (the profile's `texts`); a language we do not ship falls back to
 * the profile's first language, so a customer never gets a half-translated message.
 */
export const CATALOGUE_LANGUAGES = ["en", "es", "fr", "de", "pt", "it", "nl"] as const;
export type CatalogueLanguage = (typeof CATALOGUE_LANGUAGES)[number];
export type TextKey = keyof typeof en;
export type TextOverrides = Partial<Record<CatalogueLanguage, Partial<Record<TextKey, string>>>>;

const TABLES: Record<CatalogueLanguage, TextTable> = { en, es, fr, de, pt, it, nl };

export const TEXT_KEYS = Object.keys(en) as TextKey[];

export function isCatalogueLanguage(code: string): code is CatalogueLanguage {
  return (CATALOGUE_LANGUAGES as readonly string[]).includes(code);
}

/** "pt-BR", "PT_br", "pt" → "pt". */
function baseLanguage(code: string | undefined | null): string {
  return (code ?? "").trim().toLowerCase().split(/[-_]/)[0] ?? "";
}

/**
 * The language to answer in: the detected one when both the catalogue and the profile have it,
 * else the profile's first catalogue language (English when the profile names none we ship).
 */
export function pickLanguage(detected: string | undefined, profileLanguages: readonly string[]): CatalogueLanguage {
  const offered = profileLanguages.map(baseLanguage).filter(isCatalogueLanguage);
  const wanted = baseLanguage(detected);
  if (isCatalogueLanguage(wanted) && (offered.length === 0 || offered.includes(wanted))) return wanted;
  return offered[0] ?? "en";
}

/** A system text in `language`, the workspace's override first, with `{name}` placeholders filled. */
export function systemText(key: TextKey, language: CatalogueLanguage, vars?: Record<string, string | number>, overrides?: TextOverrides): string {
  const template = overrides?.[language]?.[key]?.trim() || TABLES[language]?.[key] || en[key];
  if (!vars) return template;
  // Unknown placeholders stay visible rather than vanish, so a bad override is easy to spot.
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}
