import { dialogAct } from "../dialog/acts.js";
import type { Choice } from "../types.js";

const norm = (text: string) =>
  text
    .toLowerCase()
    .normalize("NFKC")
    .replace(/[\s"'“”‘’.,!?¡¿:;()[\]-]+/g, " ")
    .trim();

/** "2", "2.", "#2", "option 2", "2) reset password": a number first, as replies to a numbered list start. */
const NUMBER_FIRST = /^\s*(?:#|no\.?\s*|nr\.?\s*|n[ºo°]\s*|option\s*|opci[oó]n\s*|choice\s*)?(\d{1,2})(?:[.):\-\s]|$)/i;

/**
 * Which of `choices` a customer's reply picks (API.md): its value or label, ignoring case and
 * punctuation; its number (replies to the numbered list in an email); or a reply that names exactly
 * one choice's value. null means it is not a pick: the choices lapse and the reply is a new message.
 */
export function pickChoice(text: string, choices: Choice[]): number | null {
  const said = norm(text);
  if (!said) return null;
  const exact = choices.findIndex((c) => norm(c.value) === said || norm(c.label) === said);
  if (exact >= 0) return exact;
  const number = NUMBER_FIRST.exec(text);
  if (number) {
    const n = Number(number[1]);
    return n >= 1 && n <= choices.length ? n - 1 : null;
  }
  const named = choices.flatMap((c, i) => (said.includes(norm(c.value)) ? [i] : []));
  return named.length === 1 ? (named[0] as number) : null;
}

/** A reply to "Did this answer your question?": yes (0), no (1), or not an answer to it (null). */
export function pickConfirmation(text: string, choices: Choice[]): 0 | 1 | null {
  const picked = pickChoice(text, choices);
  if (picked === 0 || picked === 1) return picked;
  const { kind, rest } = dialogAct(text);
  if (kind === "affirm" || ((kind === "thanks" || kind === "resolved") && rest === "")) return 0;
  if (kind === "negate" || kind === "didnt_help") return 1;
  return null;
}
