import { ADDRESSEES, AFFIRM, CLOSINGS, DIDNT_HELP, GREETINGS, NEGATE, PLEASANTRIES, QUESTION_OPENERS, RESOLVED, SIGN_OFFS } from "./lexicon.js";

/**
 * What a customer message does in the conversation, read by rules before any search or model:
 * a greeting or thanks needs a short reply, not an article; "that didn't help" needs the next
 * best answer or a person. `rest` is what is left to search once greetings, pleasantries, sign-offs
 * and signatures are taken off (the stored message keeps all of it).
 */
export type DialogActKind = "greeting" | "thanks" | "closing" | "resolved" | "didnt_help" | "affirm" | "negate" | "question" | "statement";
export type DialogAct = { kind: DialogActKind; rest: string };

/**
 * Lower-cases and removes accents one character at a time, so the folded text has the same length
 * as the original and a match in one is a slice of the other.
 */
export function fold(text: string): string {
  let out = "";
  for (const ch of text) {
    const lower = ch.toLowerCase();
    const bare = lower.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
    const one = bare.length === ch.length ? bare : lower.length === ch.length ? lower : ch;
    out += one === "’" || one === "‘" ? "'" : one;
  }
  return out;
}

const END = String.raw`(?=$|[\s,.;:!?¡¿)\-–—…~]|\p{Extended_Pictographic})`;
const PUNCT = String.raw`[\s,.;:!?¡¿)\-–—…~*]*`;
/** After a greeting or an act: "¿" and "¡" open the next sentence, so they stay. */
const AFTER = String.raw`[\s,.;:!?)\-–—…~*]*`;
/** An act that ends its own clause ("Thanks, …"), not one that starts a sentence ("Thanks for the refund, but…"). */
const CLAUSE_END = String.raw`(?=\s*(?:$|[,.;:!?)\-–—…~]|\p{Extended_Pictographic}))`;
const EMOJI = String.raw`(?:\p{Extended_Pictographic}|\u200d|\ufe0f|[:;]-?[)D(]|<3)*`;

const GREETING_START = new RegExp(String.raw`^${PUNCT}(?:${GREETINGS})${END}(?:\s+(?:${ADDRESSEES})${END})?${AFTER}${EMOJI}${AFTER}`, "u");
const PLEASANTRY_START = new RegExp(String.raw`^${PUNCT}(?:${PLEASANTRIES})${END}${AFTER}${EMOJI}${AFTER}`, "u");
/** A sign-off on its own clause at the very end, with an optional name after it (checked for capitals). */
const SIGN_OFF_END = new RegExp(
  String.raw`(?:^|[\n,.;:!?¡¿)\-–—…]\s*)((?:${SIGN_OFFS})${PUNCT}${EMOJI})((?:[\s,]+[\p{L}'.\-]+){0,3})${PUNCT}${EMOJI}\s*$`,
  "u",
);
/** "…my password thanks": the thanks family is a sign-off even without a comma before it. */
const BARE_THANKS_END = new RegExp(String.raw`\s((?:thanks?(?: you)?|thx|gracias|merci|danke|obrigad[oa]|grazie|bedankt)${PUNCT}${EMOJI})\s*$`, "u");
const SIGNATURE_LINE =
  /^\s*(--\s*|_{3,}|sent from my \S.{0,40}|sent from (outlook|yahoo mail|mail) for \S.{0,30}|get outlook for \S.{0,30}|von meinem \S.{0,40} gesendet|envoye de mon \S.{0,40}|enviado (desde mi|do meu) \S.{0,40}|inviato da(l mio)? \S.{0,40}|verzonden (met|vanaf) (mijn )?\S.{0,40})\s*$/u;

const whole = (words: string) => new RegExp(String.raw`^${PUNCT}(?:${words})${PUNCT}${EMOJI}${PUNCT}$`, "u");
const leading = (words: string) => new RegExp(String.raw`^${PUNCT}(?:${words})${CLAUSE_END}${AFTER}${EMOJI}${AFTER}`, "u");
const CLOSING_WHOLE = whole(CLOSINGS);
const RESOLVED_LEADING = leading(RESOLVED);
const THANKS_LEADING = leading(SIGN_OFFS);
const AFFIRM_WHOLE = whole(AFFIRM);
const NEGATE_WHOLE = whole(NEGATE);
const DIDNT_HELP_LEADING = leading(DIDNT_HELP);
const DIDNT_HELP_ANYWHERE = new RegExp(String.raw`(?:^|[^\p{L}])(?:${DIDNT_HELP})${END}`, "u");
const QUESTION_START = new RegExp(String.raw`^${PUNCT}(?:${QUESTION_OPENERS})${END}`, "u");
const REQUEST =
  /\b(please|pls|plz|help|need to|i need|i want|i'd like|i would like|tell me|explain|por favor|ayuda|necesito|s'il vous pla[iî]t|aide|besoin|bitte|hilfe|brauche|preciso|ajuda|aiuto|ho bisogno|alstublieft|graag|hulp)\b/u;

/** Takes matches of `pattern` off the front of `text` (in folded form) while they keep matching. */
function stripLeading(text: string, patterns: RegExp[]): { text: string; found: boolean } {
  let rest = text;
  let found = false;
  for (let guard = 0; guard < 6; guard++) {
    const folded = fold(rest);
    const m = patterns.map((p) => folded.match(p)).find((x) => x && x[0].length > 0);
    if (!m) break;
    rest = rest.slice(m[0].length);
    found = true;
  }
  return { text: rest.trim(), found };
}

function stripSignature(text: string): string {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const at = lines.findIndex((l, i) => i > 0 && SIGNATURE_LINE.test(fold(l)));
  return (at > 0 ? lines.slice(0, at) : lines).join("\n").trim();
}

/** Takes sign-offs ("Thanks, Casey", "Best regards,\nAnna Smith") off the end. */
function stripSignOffs(text: string): { text: string; found: boolean } {
  let rest = text;
  let found = false;
  for (let guard = 0; guard < 4; guard++) {
    const folded = fold(rest);
    const m = folded.match(SIGN_OFF_END) ?? folded.match(BARE_THANKS_END);
    if (!m || m.index === undefined) break;
    const nameAt = m.index + m[0].indexOf(m[1] ?? "") + (m[1]?.length ?? 0);
    const name = rest.slice(nameAt).trim();
    // A name is one to three capitalised words; anything else after the sign-off is still the message.
    if (m[2]?.trim() && !/^(\p{Lu}[\p{L}'.-]*[\s,]*){1,3}[.!]*$/u.test(name)) break;
    // The punctuation before the sign-off belongs to the sentence it ends ("…password? Thanks").
    const keep = /^[.!?)…]/.test(m[0]) ? 1 : 0;
    rest = rest.slice(0, m.index + keep).replace(/[\s,;:\-–—]+$/u, "");
    found = true;
  }
  return { text: rest.trim(), found };
}

function hasQuestion(rest: string): boolean {
  const folded = fold(rest);
  return /[?¿？]/.test(rest) || QUESTION_START.test(folded) || REQUEST.test(folded);
}

/** Reads the dialog act of one customer message (any catalogue language). */
export function dialogAct(text: string): DialogAct {
  const body = stripSignature(text.trim());
  const opened = stripLeading(body, [GREETING_START, PLEASANTRY_START]);
  const closed = stripSignOffs(opened.text);
  let rest = stripLeading(closed.text, [PLEASANTRY_START]).text;
  const folded = fold(rest);

  if (rest === "") {
    if (closed.found) return { kind: "thanks", rest: "" };
    return { kind: opened.found ? "greeting" : "statement", rest: "" };
  }
  if (DIDNT_HELP_LEADING.test(folded) || DIDNT_HELP_ANYWHERE.test(folded)) {
    return { kind: "didnt_help", rest: stripLeading(rest, [DIDNT_HELP_LEADING, RESOLVED_LEADING]).text };
  }
  if (CLOSING_WHOLE.test(folded)) return { kind: "closing", rest: "" };
  if (AFFIRM_WHOLE.test(folded)) return { kind: "affirm", rest: "" };
  if (NEGATE_WHOLE.test(folded)) return { kind: "negate", rest: "" };

  // "Thanks, that worked! Bye": acts one after another, with nothing else to answer.
  const acts = stripLeading(rest, [RESOLVED_LEADING, THANKS_LEADING, leading(CLOSINGS)]);
  if (acts.found) {
    const resolved = RESOLVED_LEADING.test(folded) || RESOLVED_LEADING.test(fold(stripLeading(rest, [THANKS_LEADING]).text));
    if (acts.text === "") return { kind: resolved ? "resolved" : THANKS_LEADING.test(folded) ? "thanks" : "closing", rest: "" };
    if (!hasQuestion(acts.text) && resolved) return { kind: "resolved", rest: acts.text };
    rest = acts.text;
  }
  return { kind: hasQuestion(rest) ? "question" : "statement", rest };
}

/** Up to this many words, a message with no question in it is probably the start of one. */
const FRAGMENT_WORDS = 8;

/**
 * A message that is probably not all the customer means to say: a greeting alone, or a short
 * statement with no question in it ("I can't log in"), or one that trails off ("my invoice:").
 */
export function isFragment(text: string): boolean {
  const act = dialogAct(text);
  if (act.kind === "greeting") return true;
  if (act.kind !== "statement" || act.rest === "") return false;
  if (/(:|\.\.\.|…)\s*$/.test(act.rest)) return true;
  return act.rest.split(/\s+/).filter(Boolean).length <= FRAGMENT_WORDS;
}
