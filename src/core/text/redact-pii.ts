/**
 * Masks contact and payment data (emails, phone numbers, card numbers) in free text. Used for log
 * lines and, with REDACT_PII=true, for customer text before it reaches the model. Pure: no I/O.
 *
 * Phone numbers are matched conservatively: dates, times, IP addresses (with ports), versions, UUIDs,
 * URLs and order references are shielded first, so "shut down on 2026-10-23" or
 * "http://127.0.0.1:8787" survive, while "+44 20 7946 0958" and "(555) 123-4567" do not.
 */

const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;

// Shapes that carry digits but are not contact data; replaced by placeholders while phones are matched.
const SHIELDS: RegExp[] = [
  /\b[a-z][a-z0-9+.-]*:\/\/[^\s<>"')\]]+/gi, // URLs (hosts, ports, paths with ids)
  /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, // UUIDs
  /\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?/g, // ISO dates and timestamps
  /\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b/g, // 02/11/2025, 23.10.26
  /\b\d{1,2}:\d{2}(?::\d{2})?\b/g, // times
  /\b\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?\b/g, // IPv4 with optional port
  /\bv?\d{1,3}(?:\.\d{1,3}){2,}\b/gi, // versions 1.2.3(.4); 555.123.4567 is a phone
  /\b[A-Z]{1,5}-\d+\b/g, // order and ticket references like A-20931, INV-2024
];

const CARD = /(?<![\w.-])(?:\d[ -]?){12,18}\d(?![\w]|[.-]\d)/g;
// A phone: optional +country, optional (area), then 2–4 groups of digits separated by one space, dot or dash.
const PHONE = /(?<![\w.:/#-])(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,5}\)[ .-]?)?\d{2,5}(?:[ .-]\d{2,5}){1,4}(?![\w:/]|[.-]\d)|(?<![\w])\+\d{8,15}\b/g;

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

function isPhone(candidate: string): boolean {
  const digits = candidate.replace(/\D/g, "").length;
  if (digits < 7 || digits > 15) return false;
  // A bare run of small groups without + or ( ) reads as a list of figures ("12 34 56"), not a number to call.
  if (!/[+(]/.test(candidate) && candidate.replace(/\D/g, "").length < 9 && !/\d{3,}[ .-]\d{4}\b/.test(candidate)) return false;
  return true;
}

// Private-use characters around a letter index, so a placeholder never contains a digit.
const letters = (i: number) => i.toString(26).replace(/[0-9]/g, (d) => "qrstuvwxyz"[Number(d)]!);
const unletters = (s: string) =>
  Number.parseInt(
    s.replace(/[q-z]/g, (c) => String("qrstuvwxyz".indexOf(c))),
    26,
  );
const PLACEHOLDER = /\uE000([a-z]+)\uE001/g;

export type PiiKind = "email" | "phone" | "card";

/** Every email, card and phone number in the text (emails first), with what each was. */
export function findPii(text: string): { kind: PiiKind; value: string }[] {
  const found: { kind: PiiKind; value: string }[] = [];
  redactWith(text, (kind, value) => {
    found.push({ kind, value });
    return `[${kind}]`;
  });
  return found;
}

export function redactPii(text: string): string {
  return redactWith(text, (kind) => `[${kind}]`);
}

function redactWith(text: string, mask: (kind: PiiKind, value: string) => string): string {
  if (!text) return text;
  let out = text.replace(EMAIL, (m) => mask("email", m));
  const shielded: string[] = [];
  for (const re of SHIELDS)
    out = out.replace(re, (m) => {
      shielded.push(m);
      return `\uE000${letters(shielded.length - 1)}\uE001`;
    });
  out = out.replace(CARD, (m) => {
    const digits = m.replace(/\D/g, "");
    return luhn(digits) ? mask("card", m.trim()) : m;
  });
  out = out.replace(PHONE, (m) => (isPhone(m) ? mask("phone", m) : m));
  // A later shield can swallow an earlier placeholder (a time inside a shielded date-time), so restore until none is left.
  for (let i = 0; i <= SHIELDS.length && out.includes("\uE000"); i++) out = out.replace(PLACEHOLDER, (_m, idx: string) => shielded[unletters(idx)] ?? "");
  return out;
}
