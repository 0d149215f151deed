import { fixDigits } from "./receipt-ocr-text.js";

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

function iso(y: number, m: number, d: number): string | null {
  if (y < 100) y += y >= 70 ? 1900 : 2000;
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1990 || y > 2100) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

const DIGIT_FOR_LETTER: Record<string, string> = { D: "0", O: "0", o: "0", Q: "0", I: "1", l: "1", "|": "1", Z: "2", S: "5", B: "8" };
const D = "[\\dDOoQIl|ZSB]";
// A date separator as OCR returns it: "-", "- -", " / ", or (beside a real one) a lone space.
const SEP = "(?:\\s*[-/.][\\s\\-/.]*|\\s)";
const DATE_LIKE = new RegExp(`(?<![A-Za-z0-9])(${D}{1,2})(${SEP})(${D}{1,2})(${SEP})(${D}{4}|${D}{2})(?![A-Za-z0-9:]|\\s*[-/.]\\s*\\d)`, "g");

/**
 * Undoes the common ways OCR garbles a printed date: letters read for digits ("D2/02/17",
 * "O1/O1/18") and doubled or spaced separators ("06-05- -2018", "08 05-2018"). Only runs shaped
 * like d/m/y with at least four real digits are touched, so times, phones and codes stay as read.
 */
export function repairDates(line: string): string {
  return line.replace(DATE_LIKE, (whole, a: string, s1: string, b: string, s2: string, y: string) => {
    if ((whole.match(/\d/g) ?? []).length < 4) return whole;
    const first = s1.trim().charAt(0);
    const second = s2.trim().charAt(0);
    const sep = first || second;
    if (!sep || (first && second && first !== second)) return whole;
    // A space stands in for a separator only between two-digit groups ("08 05-2018", not "2 12-06").
    if ((!first || !second) && (a.length < 2 || b.length < 2)) return whole;
    const digits = (t: string) => t.replace(/[^\d]/g, (ch) => DIGIT_FOR_LETTER[ch] ?? ch);
    return `${digits(a)}${sep}${digits(b)}${sep}${digits(y)}`;
  });
}

/**
 * Parses one date the way receipts print them. Numeric dates are read day-first unless that is
 * impossible or the receipt is in US dollars; the second value says whether the order was ambiguous.
 */
export function parseDate(text: string, opts: { monthFirst?: boolean } = {}): { iso: string; ambiguous: boolean } | null {
  const s = fixDigits(text);
  let m = s.match(/\b((?:19|20)\d{2})[-/.](\d{1,2})[-/.](\d{1,2})\b/);
  if (m) {
    const v = iso(Number(m[1]), Number(m[2]), Number(m[3]));
    if (v) return { iso: v, ambiguous: false };
  }
  for (m of repairDates(s).matchAll(/\b(\d{1,2})\s?([-/.])\s?(\d{1,2})\s?\2\s?(\d{4}|\d{2})(?!\d)/g)) {
    const a = Number(m[1]);
    const b = Number(m[3]);
    const y = Number(m[4]);
    const dayFirst = iso(y, b, a);
    const monthFirst = iso(y, a, b);
    const ambiguous = dayFirst !== null && monthFirst !== null && a !== b;
    const pick = opts.monthFirst ? (monthFirst ?? dayFirst) : (dayFirst ?? monthFirst);
    if (pick) return { iso: pick, ambiguous };
  }
  m = s.match(/\b(\d{1,2})(?:st|nd|rd|th)?[\s-]+([A-Za-z]{3,9})\.?[\s-,]+(\d{4}|\d{2})\b/);
  if (m) {
    const month = MONTHS.indexOf((m[2] ?? "").slice(0, 3).toLowerCase()) + 1;
    const v = month > 0 ? iso(Number(m[3]), month, Number(m[1])) : null;
    if (v) return { iso: v, ambiguous: false };
  }
  m = s.match(/\b([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b/);
  if (m) {
    const month = MONTHS.indexOf((m[1] ?? "").slice(0, 3).toLowerCase()) + 1;
    const v = month > 0 ? iso(Number(m[3]), month, Number(m[2])) : null;
    if (v) return { iso: v, ambiguous: false };
  }
  return null;
}

/**
 * The purchase date: a date on a labelled line ("Date:", "Tarikh") first, else one printed with a
 * time of day (the transaction stamp), else the first date on the receipt.
 */
export function findDate(lines: string[], monthFirst: boolean): { value: string; confidence: number } | null {
  let timed: { value: string; confidence: number } | null = null;
  let first: { value: string; confidence: number } | null = null;
  for (const line of lines) {
    const parsed = parseDate(line, { monthFirst });
    if (!parsed) continue;
    const penalty = parsed.ambiguous ? 0.15 : 0;
    if (/\b(date|dated|tarikh)\b/i.test(line)) return { value: parsed.iso, confidence: 0.9 - penalty };
    if (/\b\d{1,2}:\d{2}\b/.test(line)) timed ??= { value: parsed.iso, confidence: 0.8 - penalty };
    first ??= { value: parsed.iso, confidence: 0.75 - penalty };
  }
  return timed ?? first;
}
