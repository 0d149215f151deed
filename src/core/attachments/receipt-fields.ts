import { findDate, parseDate } from "./receipt-dates.js";
import { type LineItem, readItems } from "./receipt-items.js";
import { amountsIn, fixDigits } from "./receipt-ocr-text.js";
import { findAddress, findMerchant } from "./receipt-parties.js";
import { findTotal } from "./receipt-total.js";

export { amountsIn, type LineItem, parseDate };

/** Where a receipt field came from: OCR text read by the offline rules, or the vision model. */
export type FieldSource = "ocr" | "model";
export type Field<T> = { value: T; source: FieldSource; confidence: number };

export type ReceiptFields = {
  merchant: Field<string> | null;
  address: Field<string> | null;
  /** ISO 8601 calendar date (YYYY-MM-DD). */
  date: Field<string> | null;
  /** Decimal string with two places, e.g. "42.17". */
  total: Field<string> | null;
  /** ISO 4217 code. */
  currency: Field<string> | null;
  tax: Field<string> | null;
  cardLast4: Field<string> | null;
  orderNumber: Field<string> | null;
  lineItems: Field<LineItem[]> | null;
};

export const RECEIPT_FIELDS = ["merchant", "address", "date", "total", "currency", "tax", "cardLast4", "orderNumber", "lineItems"] as const;

function detectCurrency(text: string): Field<string> | null {
  const rules: [RegExp, string, number][] = [
    [/\b(MYR|USD|EUR|GBP|SGD|AUD|CAD|INR|JPY|CHF|IDR|THB|PHP|HKD|NZD)\b/, "", 0.9],
    [/\bRM\s?\d|\bRM\b|\(RM\)/, "MYR", 0.85],
    [/\bS\$\s?\d/, "SGD", 0.8],
    [/\bSDN\.?\s*[BE8]HD\b|\bS\/B\b/i, "MYR", 0.6],
    [/€/, "EUR", 0.8],
    [/£/, "GBP", 0.8],
    [/₹|\bRs\.?\s?\d/, "INR", 0.7],
    [/\$\s?\d/, "USD", 0.5],
  ];
  for (const [re, code, confidence] of rules) {
    const m = text.match(re);
    if (m) return { value: code || (m[1] ?? ""), source: "ocr", confidence };
  }
  return null;
}

function findTax(lines: string[]): Field<string> | null {
  for (const line of lines) {
    if (!/\b(GST|VAT|SST|TAX)\b/i.test(line) || /\b(ID|REG|NO\b|NUMBER|INVOICE|CODE)\b/i.test(line)) continue;
    if (/total\s*\(?\s*incl\b|total\s*\(?\s*incl\.|inclusive|excluding/i.test(line)) continue;
    const amounts = amountsIn(line);
    const value = amounts.at(-1);
    if (value && /total|included|incl|@|%/i.test(line)) return { value: Number(value).toFixed(2), source: "ocr", confidence: 0.55 };
  }
  return null;
}

function findCard(text: string): Field<string> | null {
  const m = text.match(/(?:[X*•#]{2,}[\sX*•#-]*|ending\s*(?:in\s*)?|card\s*no\.?\s*:?\s*\S*?)(\d{4})\b/i);
  return m?.[1] ? { value: m[1], source: "ocr", confidence: 0.7 } : null;
}

function findOrderNumber(lines: string[]): Field<string> | null {
  const re =
    /\b(?:INV(?:OICE)?|ORDER|ORD|BILL|DOC|RECEIPT|RCPT|TRANS(?:ACTION)?|TXN|REF(?:ERENCE)?|CHECK|CHK)\s*(?:NO\.?|NUMBER|#|ID)?\s*[:.#]?\s*([A-Z]{0,6}[-#]?\d[\dA-Z-]{2,})/i;
  for (const line of lines) {
    const m = fixDigits(line).match(re);
    if (m?.[1]) return { value: m[1], source: "ocr", confidence: 0.6 };
  }
  return null;
}

/** How strongly OCR text looks like a receipt (0..1): money words, amounts, a total. */
export function receiptLikelihood(text: string): number {
  const words = [
    "total",
    "cash",
    "change",
    "receipt",
    "invoice",
    "gst",
    "vat",
    "tax",
    "subtotal",
    "qty",
    "amount",
    "paid",
    "visa",
    "mastercard",
    "tender",
    "rounding",
  ];
  const lower = text.toLowerCase();
  const hits = words.filter((w) => lower.includes(w)).length;
  const amounts = text.split("\n").filter((l) => amountsIn(l).length > 0).length;
  return Math.min(1, hits / 5) * 0.6 + Math.min(1, amounts / 4) * 0.4;
}

const ITEM_HEADER = /\b(DATE|INVOICE|CASHIER|TABLE|QTY|DESCRIPTION|ITEM|POS|TERMINAL)\b/i;

/** The offline receipt reader: rules over OCR text. Every field found carries source "ocr" and a confidence. */
export function extractReceiptFields(text: string): ReceiptFields {
  const lines = text
    .replace(/§/g, "S")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  const ocr = <T>(found: { value: T; confidence: number } | null): Field<T> | null =>
    found ? { value: found.value, source: "ocr", confidence: found.confidence } : null;
  const currency = detectCurrency(text);
  const merchant = findMerchant(lines);
  // Items start after the last header line (date, cashier, column titles) above the first amount.
  const firstAmount = lines.findIndex((l) => amountsIn(l).length > 0);
  const headerEnd = lines.slice(0, firstAmount < 0 ? lines.length : firstAmount).findLastIndex((l) => ITEM_HEADER.test(l));
  const { items, sum } = readItems(lines, headerEnd >= 0 ? headerEnd : (merchant?.index ?? 0) + 3);
  return {
    merchant: ocr(merchant),
    address: merchant ? ocr(findAddress(lines, merchant.index)) : null,
    date: ocr(findDate(lines, currency?.value === "USD")),
    total: ocr(findTotal(lines, sum)),
    currency,
    tax: findTax(lines),
    cardLast4: findCard(text),
    orderNumber: findOrderNumber(lines),
    lineItems: items.length ? { value: items, source: "ocr", confidence: 0.4 } : null,
  };
}
