import { stemmer } from "stemmer";
import { queryTerms } from "./fts-query.js";

/** A heading-delimited part of an article body: the text before the first heading has none. */
export type Section = { heading: string | null; text: string };

const HEADING = /^#{1,6}\s+(.*)$/;

/** Splits a Markdown body at its headings; each section's text starts with its heading line. */
export function splitSections(body: string): Section[] {
  const sections: Section[] = [];
  let current: { heading: string | null; lines: string[] } = { heading: null, lines: [] };
  for (const line of body.split("\n")) {
    const heading = HEADING.exec(line);
    if (heading) {
      if (current.lines.some((l) => l.trim())) sections.push({ heading: current.heading, text: current.lines.join("\n").trim() });
      current = { heading: (heading[1] ?? "").replaceAll("**", "").trim(), lines: [line] };
    } else current.lines.push(line);
  }
  if (current.lines.some((l) => l.trim())) sections.push({ heading: current.heading, text: current.lines.join("\n").trim() });
  return sections;
}

const stems = (text: string) => new Set(queryTerms(text).map((w) => stemmer(w)));

/**
 * The section of a long article that answers the question: the one holding most of the question's
 * words (its heading's count twice, since a heading names what the section is about). The article's
 * start wins ties, so a question about the article as a whole gets its introduction.
 */
export function matchingSection(body: string, question: string): Section | undefined {
  const asked = stems(question);
  let best: { section: Section; score: number } | undefined;
  for (const section of splitSections(body)) {
    const inText = [...stems(section.text)].filter((w) => asked.has(w)).length;
    const inHeading = section.heading ? [...stems(section.heading)].filter((w) => asked.has(w)).length : 0;
    const score = inText + inHeading;
    if (!best || score > best.score) best = { section, score };
  }
  return best?.section;
}
