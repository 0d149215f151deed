/**
 * Reading money and labels out of OCR'd receipt lines. OCR of thermal-printer text has a few stable
 * confusions (O/0, I/1, T/7…); these helpers undo them only where the context says which was meant.
 */

/** Letters read for digits, fixed only inside number-like runs ("1O.5O" → "10.50"). */
export function fixDigits(s: string): string {
  return s.replace(/(?<=\d)[Oo](?=\d)|(?<=\d[.,])[Oo]|(?<=\d)[Il|](?=\d)/g, (ch) => (ch === "O" || ch === "o" ? "0" : "1"));
}

const LETTER_FOR_DIGIT: Record<string, string> = { "0": "o", "1": "l", "|": "l", "4": "a", "5": "s", "7": "t", "8": "b", "€": "e" };

/**
 * Digits read for letters inside words ("T07AL" → "total", "G5T" → "gst"), lower-cased. Only
 * tokens that already hold two letters are touched, so amounts and codes stay as printed.
 */
export function labelWords(label: string): string {
  return label
    .toLowerCase()
    .replace(/[A-Za-z0-9|€]+/g, (token) => ((token.match(/[a-z]/g) ?? []).length >= 2 ? token.replace(/[0-9|€]/g, (d) => LETTER_FOR_DIGIT[d] ?? d) : token));
}

export const AMOUNT = /(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+)\s?[.,]\s?(\d{2})(?:\d(?!\d))?(?![\d])/g;

function money(whole: string, cents: string): string {
  return `${Number(whole.replace(/,/g, ""))}.${cents}`;
}

/** All money-looking amounts on a line, normalised to "1234.56", left to right. */
export function amountsIn(line: string): string[] {
  return [...fixDigits(line).matchAll(AMOUNT)].map((m) => money(m[1] ?? "", m[2] ?? ""));
}

/**
 * Each amount on a line with the text just before it as its label: OCR runs columns together
 * ("TOTAL SAVING: 0.00   TOTAL   6.85"), so the nearest text is what names an amount.
 */
export function labelledAmounts(line: string): { label: string; value: string }[] {
  const fixed = fixDigits(line);
  const out: { label: string; value: string }[] = [];
  let from = 0;
  for (const m of fixed.matchAll(AMOUNT)) {
    out.push({ label: fixed.slice(from, m.index), value: money(m[1] ?? "", m[2] ?? "") });
    from = (m.index ?? 0) + m[0].length;
  }
  return out;
}

/** A line that is an amount and nothing else but a currency mark: its label is on the line before. */
export function isBareAmount(line: string): boolean {
  return (
    amountsIn(line).length === 1 &&
    fixDigits(line)
      .replace(AMOUNT, "")
      .replace(/\b(RM|MYR|USD|EUR|GBP|SGD)\b|[$€£:=\s-]/gi, "").length <= 1
  );
}

/** The digits of a value, in order, ignoring separators OCR may have dropped or invented. */
export function digitsOf(s: string): string {
  return s.replace(/\D/g, "");
}

export function toCents(value: string): number {
  return Math.round(Number(value) * 100);
}

export function fromCents(cents: number): string {
  return (cents / 100).toFixed(2);
}
