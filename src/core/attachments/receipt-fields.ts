/** Where a receipt field came from: OCR text read by the offline rules, or the vision model. */
export type FieldSource = "ocr" | "model";
export type Field<T> = { value: T; source: FieldSource; confidence: number };

export type LineItem = { description: string; quantity: number | null; amount: string | null };

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

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

// OCR reads thermal-printer digits with a few stable confusions; fixed only inside number-like runs.
function fixDigits(s: string): string {
  return s.replace(/(?<=\d)[Oo](?=\d)|(?<=\d[.,])[Oo]|(?<=\d)[Il|](?=\d)/g, (ch) => (ch === "O" || ch === "o" ? "0" : "1"));
}

const AMOUNT = /(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+)\s?[.,]\s?(\d{2})(?:\d(?!\d))?(?![\d])/g;

/** All money-looking amounts on a line, normalised to "1234.56", left to right. */
export function amountsIn(line: string): string[] {
  const out: string[] = [];
  for (const m of fixDigits(line).matchAll(AMOUNT)) {
    const whole = (m[1] ?? "").replace(/,/g, "");
    out.push(`${Number(whole)}.${m[2]}`);
  }
  return out;
}

function iso(y: number, m: number, d: number): string | null {
  if (y < 100) y += y >= 70 ? 1900 : 2000;
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1990 || y > 2100) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
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
  for (m of s.matchAll(/\b(\d{1,2})\s?([-/.])\s?(\d{1,2})\s?\2\s?(\d{4}|\d{2})(?!\d)/g)) {
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

const COMPANY_SUFFIX =
  /\b(SDN\.?\s*[BE8]HD|S\/B|BHD|PTE\.?\s*LTD|LTD|LLC|INC|GMBH|CORP(ORATION)?|CO\.|COMPANY|ENTERPRISE|TRADING|RESTAURANTS?|CAFE|MART|STORE|SUPERMARKET|HOLDINGS)\b\.?/i;
const NOT_HEADER = /:|\b(TEL|FAX|PHONE|GST|VAT|REG|INVOICE|RECEIPT|WELCOME|DATE|CASHIER|TABLE)\b|@|www\.|https?:/i;

function cleanName(line: string): string {
  return line
    .replace(/§/g, "S")
    .replace(/\(?\b(?:CO\.?\s*REG[^)]*|\d{4,}-[A-Z0-9]|\d{5,})\b\)?.*$/i, "")
    .replace(/\([^)]*$|\([^)]*\)\s*$/, "")
    .replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9.)]+$/g, "")
    .replace(/\s{2,}/g, " ")
    .trim();
}

function letters(line: string): number {
  return (line.match(/[A-Za-z]/g) ?? []).length;
}

function findMerchant(lines: string[]): { merchant: Field<string> | null; index: number } {
  const head = lines.slice(0, 12);
  const plausible = (l: string) => letters(l) >= 4 && !NOT_HEADER.test(l) && l.split(/\s+/).length <= 8;
  const withSuffix = head.findIndex((l) => COMPANY_SUFFIX.test(l) && plausible(l));
  if (withSuffix >= 0) {
    const name = cleanName(head[withSuffix] ?? "");
    if (name) return { merchant: { value: name, source: "ocr", confidence: 0.7 }, index: withSuffix };
  }
  const first = head.findIndex((l) => plausible(l) && letters(l) / l.replace(/\s/g, "").length > 0.7);
  if (first >= 0) {
    const name = cleanName(head[first] ?? "");
    if (name) return { merchant: { value: name, source: "ocr", confidence: 0.45 }, index: first };
  }
  return { merchant: null, index: -1 };
}

function findAddress(lines: string[], merchantIndex: number): Field<string> | null {
  if (merchantIndex < 0) return null;
  const parts: string[] = [];
  for (const raw of lines.slice(merchantIndex + 1, merchantIndex + 7)) {
    const line = raw.replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9.,)]+$/g, "").trim();
    // Company registration numbers sit between the name and the address.
    if (parts.length === 0 && (/CO\.?\s*REG/i.test(raw) || (/^[(<]?[\dA-Z£]{4,}-?[A-Z]?[)>]?$/.test(line.replace(/\s/g, "")) && /\d{4}/.test(line)))) continue;
    if (NOT_HEADER.test(line) || /^\(?[\d\s+()-]{7,}\)?$/.test(line) || line.length < 3) break;
    parts.push(line);
  }
  return parts.length ? { value: parts.join(" ").replace(/\s{2,}/g, " "), source: "ocr", confidence: 0.4 } : null;
}

type Candidate = { value: string; score: number; index: number; why: string };

const TENDER = /\b(CASH|TENDER(ED)?|PAID|PAYMENT|CREDIT\s*CARD|DEBIT|VISA|MASTERCARD|AMEX)\b/i;
const CHANGE = /\b(CHANGE|BALANCE\s*RETURNED)\b/i;

function totalScore(line: string): number {
  const l = line.toLowerCase();
  if (/includ(es|ed)\b/.test(l)) return 0;
  if (
    /sav(ing|ed)|excl|before\s*(gst|tax)|qty|item\(?s\)?\s*:|points?|includes?\s+\d|gst\s*@|@\s*\d+%\s*included|tax\s*amount/.test(l) &&
    !/incl\.|inclusive|total\s*incl/.test(l)
  )
    return 0;
  if (/grand\s*total/.test(l)) return 10;
  if (/total\s*rounded|rounded\s*total|nett?\s*total|total\s*(amount\s*)?due|amount\s*due|balance\s*due|total\s*payable|amount\s*payable/.test(l)) return 9;
  if (/total\s*(sales\s*)?(\(?\s*)?(incl|inclusive|with)/.test(l)) return 8;
  if (/sub\s*-?\s*total/.test(l)) return 3;
  if (/total\s*amount|^\W*total\b|\btotal\s*(rm|usd|\$|:)/.test(l)) return 7;
  if (/\btotal\b/.test(l)) return 5;
  return 0;
}

function findTotal(lines: string[]): { total: Field<string> | null; cashChange: string | null } {
  const candidates: Candidate[] = [];
  let tendered: string | null = null;
  let change: string | null = null;
  lines.forEach((line, index) => {
    const amounts = amountsIn(line);
    const last = amounts.at(-1);
    if (!last) return;
    // Columns run together in OCR ("TOTAL SAVING: 0.00   TOTAL   6.85"): each amount is labelled by the text just before it.
    const fixed = fixDigits(line);
    let from = 0;
    for (const m of fixed.matchAll(AMOUNT)) {
      const label = fixed.slice(from, m.index);
      from = (m.index ?? 0) + m[0].length;
      let score = totalScore(label);
      if (score === 0) continue;
      if (/rounding/i.test(lines[index - 1] ?? "") || /rounding/i.test(label)) score += 2;
      candidates.push({ value: `${Number((m[1] ?? "").replace(/,/g, ""))}.${m[2]}`, score, index, why: "keyword" });
    }
    if (CHANGE.test(line)) change ??= last;
    else if (TENDER.test(line) && !/card\s*no/i.test(line)) tendered ??= last;
  });
  let cashChange: string | null = null;
  if (tendered !== null && change !== null && Number(tendered) >= Number(change)) {
    cashChange = (Math.round((Number(tendered) - Number(change)) * 100) / 100).toFixed(2);
    candidates.push({ value: cashChange, score: 6, index: lines.length, why: "tender_minus_change" });
  } else if (tendered !== null && change === null) {
    candidates.push({ value: tendered, score: 2, index: lines.length, why: "tender" });
  }
  if (candidates.length === 0) return { total: null, cashChange };
  // Independent readings that agree (a total line, tender minus change) are far more trustworthy together.
  const byValue = new Map<string, number>();
  for (const c of candidates) byValue.set(c.value, (byValue.get(c.value) ?? 0) + c.score);
  let best: { value: string; score: number } | null = null;
  for (const [value, score] of byValue) if (!best || score > best.score) best = { value, score };
  if (!best || Number(best.value) <= 0) return { total: null, cashChange };
  return { total: { value: Number(best.value).toFixed(2), source: "ocr", confidence: Math.min(0.95, 0.3 + best.score / 25) }, cashChange };
}

function findDate(lines: string[], monthFirst: boolean): Field<string> | null {
  let fallback: Field<string> | null = null;
  for (const line of lines) {
    const parsed = parseDate(line, { monthFirst });
    if (!parsed) continue;
    const labelled = /date|dated|tarikh/i.test(line);
    const confidence = (labelled ? 0.9 : 0.75) - (parsed.ambiguous ? 0.15 : 0);
    if (labelled) return { value: parsed.iso, source: "ocr", confidence };
    fallback ??= { value: parsed.iso, source: "ocr", confidence };
  }
  return fallback;
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

function findLineItems(lines: string[], totalIndex: number, headerEnd: number): Field<LineItem[]> | null {
  const items: LineItem[] = [];
  const end = totalIndex > 0 ? totalIndex : lines.length;
  for (const line of lines.slice(Math.max(0, headerEnd + 1), end)) {
    if (totalScore(line) > 0 || TENDER.test(line) || CHANGE.test(line) || /\b(GST|VAT|TAX|ROUNDING|DATE|CASHIER|TABLE)\b/i.test(line)) continue;
    const amounts = amountsIn(line);
    const amount = amounts.at(-1);
    const description = line
      .replace(AMOUNT, " ")
      .replace(/^\s*\d{4,}\s*/, "")
      .replace(/[^A-Za-z0-9 ./&'()+-]/g, " ")
      .replace(/\s{2,}/g, " ")
      .trim();
    if (!amount || letters(description) < 3) continue;
    const qty = description.match(/\s(\d{1,3})\s*[xX]?\s*$/) ?? line.match(/^\s*(\d{1,2})\s+[A-Za-z]/);
    items.push({
      description: description.replace(/\s\d{1,3}\s*[xX]?\s*$/, "").trim(),
      quantity: qty?.[1] ? Number(qty[1]) : null,
      amount: Number(amount).toFixed(2),
    });
  }
  return items.length ? { value: items.slice(0, 50), source: "ocr", confidence: 0.4 } : null;
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

/** The offline receipt reader: rules over OCR text. Every field found carries source "ocr" and a confidence. */
export function extractReceiptFields(text: string): ReceiptFields {
  const lines = text
    .replace(/§/g, "S")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  const currency = detectCurrency(text);
  const { merchant, index } = findMerchant(lines);
  const { total } = findTotal(lines);
  const totalIndex = total
    ? lines.findIndex((l) => totalScore(l) > 0 && amountsIn(l).includes(Number(total.value).toString() === total.value ? total.value : total.value))
    : -1;
  const headerEnd = lines.findIndex((l) => /\b(DATE|INVOICE|CASHIER|TABLE|QTY|DESCRIPTION|ITEM)\b/i.test(l));
  return {
    merchant,
    address: findAddress(lines, index),
    date: findDate(lines, currency?.value === "USD"),
    total,
    currency,
    tax: findTax(lines),
    cardLast4: findCard(text),
    orderNumber: findOrderNumber(lines),
    lineItems: findLineItems(lines, totalIndex, headerEnd >= 0 ? headerEnd : index + 3),
  };
}
