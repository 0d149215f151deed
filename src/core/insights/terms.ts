import { stemmer } from "stemmer";

const WORD = /[\p{L}\p{N}]+/gu;

// Words that say nothing about a topic: function words and the small talk of support messages.
const STOP = new Set(
  (
    "a about above after again all also am an and any are as at be because been before being below between both but by can cannot could did do does doing don " +
    "down during each few for from further get got had has have having he her here hers him his how i if in into is it its just me more most my myself no nor " +
    "not now of off on once only or other our ours out over own same she should so some such than that the their them then there these they this those " +
    "through to too under until up very was we were what when where which while who whom why will with would you your yours yes hi hello hey dear thanks " +
    "thank please help need want like know tell anyone someone something way able possible ok okay question"
  ).split(" "),
);

/** A message's topic terms: lower-cased words, without stop words and very short ones, by Porter stem (as the search index compares them). */
export function topicTerms(text: string): { stems: Set<string>; surface: Map<string, string> } {
  const stems = new Set<string>();
  const surface = new Map<string, string>();
  for (const m of text.toLowerCase().matchAll(WORD)) {
    const word = m[0];
    if (word.length < 3 || STOP.has(word) || /^\d+$/.test(word)) continue;
    const stem = stemmer(word);
    stems.add(stem);
    if (!surface.has(stem) || word.length < (surface.get(stem)?.length ?? 0)) surface.set(stem, word);
  }
  return { stems, surface };
}
