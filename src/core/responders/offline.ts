import { matchingSection } from "../knowledge/sections.js";
import { FALLBACK_PROFILE } from "../profile/schema.js";
import { detectLanguage } from "../text/language.js";
import { type CatalogueLanguage, pickLanguage, systemText } from "../texts/catalogue.js";
import { decideMatch, type MatchThresholds } from "./match-decision.js";
import type { Answer, Handoff, Responder, TurnContext } from "./responder.js";

const EXTRACT_CHARS = 900;

/**
 * The start of an article as plain text, up to about `max` characters, line by line so a long list
 * of steps is cut between steps rather than left out, and never ending on a heading.
 */
export function extract(body: string, max = EXTRACT_CHARS): string {
  const kept: { text: string; heading: boolean }[] = [];
  let length = 0;
  for (const raw of body.split("\n")) {
    const heading = /^#+\s/.test(raw);
    // Markdown emphasis reads as noise in a chat bubble or an email; list markers stay.
    const text = raw
      .replace(/^#+\s*/, "")
      .replaceAll("**", "")
      .trimEnd();
    if (text === "" && (kept.length === 0 || kept.at(-1)?.text === "")) continue;
    if (length + text.length > max && kept.some((k) => k.text && !k.heading)) break;
    kept.push({ text, heading });
    length += text.length + 1;
  }
  while (kept.length > 0 && (kept.at(-1)?.heading || kept.at(-1)?.text === "")) kept.pop();
  return kept.map((k) => k.text).join("\n");
}

/** Says plainly when the article quoted is written in another language than the customer's. */
export function otherLanguageNote(article: string, language: CatalogueLanguage): string | null {
  const written = detectLanguage(article)?.language;
  if (!written || written === language) return null;
  const name = new Intl.DisplayNames([language], { type: "language" }).of(written) ?? written;
  return systemText("offline.article_language", language, { language: name });
}

/** Answers from the knowledge base alone: used with no model configured or past the budget. */
export function offlineResponder(thresholds: MatchThresholds): Responder {
  return {
    name: "offline",
    // It quotes published articles as they are, and costs nothing.
    capabilities: { spendsBudget: false, writesFreeText: false },
    async respond(ctx: TurnContext): Promise<Answer | Handoff> {
      if (ctx.rules.humanRequested || ctx.rules.risks.length > 0) return { kind: "handoff", reasons: ctx.rules.reasons, calls: [], route: "offline" };
      const question = ctx.query ?? ctx.message.text;
      const match = decideMatch(question, ctx.hits, thresholds);
      // "ambiguous" is a handoff here until the conversation can offer its candidates as choices.
      if (match.kind !== "answer") return { kind: "handoff", reasons: [match.reason], calls: [], route: "offline" };
      const { hit } = match;
      const profile = ctx.profile ?? FALLBACK_PROFILE;
      // The customer's language among the ones this workspace offers (its first one otherwise).
      const language = pickLanguage(ctx.language ?? ctx.conversation.language ?? ctx.conversation.locale ?? undefined, profile.languages);
      const full = hit.body ?? hit.snippet;
      // A long article is quoted from the section that answers the question, not from its start.
      const section = full.length > EXTRACT_CHARS ? matchingSection(full, question) : undefined;
      // The start "section" is quoted as the article's start (it runs on into the first steps), as before.
      const body = extract(section?.heading ? section.text : full, EXTRACT_CHARS);
      const vars = { company: profile.companyName, title: hit.title, body };
      const framed = section?.heading
        ? systemText("offline.answer_section", language, { ...vars, section: section.heading }, profile.texts)
        : systemText("offline.answer", language, vars, profile.texts);
      const text = [framed, otherLanguageNote(`${hit.title}\n${body}`, language)].filter(Boolean).join("\n\n");
      return {
        kind: "answer",
        route: "offline",
        text,
        citations: [{ articleId: hit.articleId, slug: hit.slug, title: hit.title, version: hit.version }],
        // Both rules measured ≥ 0.97 precise on the dev splits (docs/offline-answers.md); the title rule,
        // admitting lower scores, a little less so. Both clear the default review threshold.
        confidence: match.reason.startsWith("clear_match") ? 0.9 : 0.75,
        reasons: [match.reason],
        calls: [],
        // The text is a published article quoted as it stands: a refund it describes is the company's
        // own policy, not a promise the bot made up, so it is not held as one.
        promises: false,
      };
    },
  };
}
