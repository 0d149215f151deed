import { isChangeLabel, isTenderLabel, totalScore } from "./receipt-labels.js";
import { AMOUNT, amountsIn, fromCents, toCents } from "./receipt-ocr-text.js";

export type LineItem = { description: string; quantity: number | null; amount: string | null };

const NOT_AN_ITEM = /\b(GST|VAT|SST|TAX|ROUNDING|ROUND|DATE|CASHIER|TABLE|TEL|INVOICE|RECEIPT|SUMMARY|CHANGE)\b/i;
// "@2 X RM 9.40", "2 X 3.95": the unit price under an item whose line total is on the line above.
const UNIT_PRICE = /^\W*[@#]?\s*\d{1,3}\s*[xX@*]\s*(RM)?\s*\d/;

function letters(s: string): number {
  return (s.match(/[A-Za-z]/g) ?? []).length;
}

/**
 * The item block: lines between the header and the first total, subtotal, tender or change line,
 * each with its line amount (the last amount printed). `sum` is what the items add up to, the
 * cross-check that repairs a total OCR mangled.
 */
export function readItems(lines: string[], headerEnd: number): { items: LineItem[]; sum: string | null } {
  const items: LineItem[] = [];
  let cents = 0;
  let counted = 0;
  let previousHadAmount = false;
  for (const line of lines.slice(Math.max(0, headerEnd + 1))) {
    if (totalScore(line) > 0 || isTenderLabel(line) || isChangeLabel(line)) break;
    const amount = amountsIn(line).at(-1);
    if (!amount || NOT_AN_ITEM.test(line)) {
      previousHadAmount = false;
      continue;
    }
    if (previousHadAmount && amountsIn(line).length === 1 && UNIT_PRICE.test(line)) continue;
    previousHadAmount = true;
    cents += toCents(amount);
    counted++;
    const description = line
      .replace(AMOUNT, " ")
      .replace(/^\s*\d{4,}\s*/, "")
      .replace(/[^A-Za-z0-9 ./&'()+-]/g, " ")
      .replace(/\s{2,}/g, " ")
      .trim();
    if (letters(description) < 3) continue;
    const qty = description.match(/\s(\d{1,3})\s*[xX]?\s*$/) ?? line.match(/^\s*(\d{1,2})\s+[A-Za-z]/);
    items.push({
      description: description.replace(/\s\d{1,3}\s*[xX]?\s*$/, "").trim(),
      quantity: qty?.[1] ? Number(qty[1]) : null,
      amount: Number(amount).toFixed(2),
    });
  }
  return { items: items.slice(0, 50), sum: counted > 0 && cents > 0 ? fromCents(cents) : null };
}
