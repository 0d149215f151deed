import { parseDate } from "./receipt-dates.js";
import { amountsIn } from "./receipt-ocr-text.js";

const COMPANY_SUFFIX =
  /\b(S[DO0B]N\.?\s*[BE8]HD|S\/B|BHD|PTE\.?\s*LTD|LTD|LLC|INC|GMBH|CORP(ORATION)?|CO\.|COMPANY|ENTERPRISE|TRADING|RESTAURANTS?|CAFE|MART|STORE|SUPERMARKET|HOLDINGS)\b\.?/i;
const NOT_HEADER = /:|\b(TEL|FAX|PHONE|GST|VAT|REG|INVOICE|RECEIPT|WELCOME|DATE|CASHIER|TABLE)\b|[\w.]+@[\w-]+\.\w|www\.|https?:/i;
/** The customer's block on an invoice: a company named here is who was billed, not who sold. */
const BILL_TO = /\b(bill(ed)?\s*to|sold\s*to|ship(ped)?\s*to|deliver(ed|y)?\s*to|invoice\s*to|customer|cust\.?\s*name|attn|buyer|kepada)\b/i;
/** Where the header ends: the transaction lines (date, cashier, table, item columns). */
const BODY_STARTS = /\b(date|cashier|table|qty|description|inv(oice)?\s*no|receipt\s*no|pos\s*no)\b/i;
/** Company and tax registrations printed between the name and the address. */
const REGISTRATION = /\bCO[.\-\s]*(REG|NO)\b|\bCOMPANY\s*(NO|REG)|\bREG(ISTRATION)?\.?\s*NO|\b(GST|SST|BRN|ROC|TIN)\b|^\W*[\dA-Z]{0,3}\d{4,}-?[A-Z]?\W*$/i;
const LICENSEE = /^(licen[cs]ee|franchisee|a member|member of|subsidiary|formerly|operated by|managed by)\b/i;
/** What the first line of an address looks like: a number, a lot or unit, a street word, a comma. */
const ADDRESS_START =
  /^(no\b|no\.|lot\b|level\b|unit\b|block\b|blk\b|suite\b|pt\b|plot\b|\d)|,|\b(jalan|jln|road|rd|street|avenue|ave|lorong|lrg|taman|tmn|lane|way)\b/i;

/** Margin noise from a scan's edges ("i      Lot 2, …", "TRADING      §") around a header line. */
function trimMargin(line: string): string {
  return line
    .replace(/^\S{1,2}\s{3,}/, "")
    .replace(/\s{3,}\S{1,2}$/, "")
    .replace(/^[^A-Za-z0-9(]+/, "");
}

function letters(line: string): number {
  return (line.match(/[A-Za-z]/g) ?? []).length;
}

export function cleanName(line: string): string {
  return trimMargin(line)
    .replace(/§/g, "S")
    .replace(/\bS[DO0B]N\.?\s*[BE8]HD\b/i, (m) => (m === m.toUpperCase() ? "SDN BHD" : "Sdn Bhd"))
    .replace(/\(?\b(?:CO\.?\s*REG[^)]*|\d{4,}-[A-Z0-9]|\d{5,})\b\)?.*$/i, "")
    .replace(/\([^)]*$|\([^)]*\)\s*$/, "")
    .replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9.)]+$/g, "")
    .replace(/\s{2,}/g, " ")
    .trim();
}

/**
 * The header: lines before the customer's block and before the transaction lines. The merchant and
 * its address are printed there; a company named after "Bill to" or under the date is the buyer.
 */
function headerLines(lines: string[]): string[] {
  const end = lines.slice(0, 12).findIndex((l) => BILL_TO.test(l) || BODY_STARTS.test(l) || parseDate(l) !== null);
  return lines.slice(0, end > 0 ? end : 12);
}

export function findMerchant(lines: string[]): { value: string; confidence: number; index: number } | null {
  const head = headerLines(lines);
  const plausible = (l: string) => letters(l) >= 4 && !NOT_HEADER.test(l) && l.split(/\s+/).length <= 8;
  const withSuffix = head.findIndex((l) => COMPANY_SUFFIX.test(l) && plausible(l));
  if (withSuffix >= 0) {
    let name = cleanName(head[withSuffix] ?? "");
    // A long name wraps: a line holding only the legal suffix ("TRADING", "SDN BHD") continues the one above.
    const above = head[withSuffix - 1];
    if (name && name.replace(COMPANY_SUFFIX, "").replace(/\W/g, "") === "" && above && plausible(above) && !COMPANY_SUFFIX.test(above))
      name = `${cleanName(above)} ${name}`;
    if (name) return { value: name, confidence: 0.7, index: withSuffix };
  }
  const first = head.findIndex((l) => plausible(l) && letters(l) / l.replace(/\s/g, "").length > 0.7);
  const name = first >= 0 ? cleanName(head[first] ?? "") : "";
  return name ? { value: name, confidence: 0.45, index: first } : null;
}

/**
 * The merchant's address: the lines after its name, skipping registration numbers and "Licensee of"
 * lines until something looks like an address, and ending at the phone, tax or transaction lines.
 */
export function findAddress(lines: string[], merchantIndex: number): { value: string; confidence: number } | null {
  if (merchantIndex < 0) return null;
  const parts: string[] = [];
  let skipped = 0;
  for (const raw of lines.slice(merchantIndex + 1, merchantIndex + 10)) {
    const line = trimMargin(raw)
      .replace(/[*~|_¥©«»“”]+/g, " ")
      .replace(/[^A-Za-z0-9.,)]+$/g, "")
      .replace(/\s{2,}/g, " ")
      .trim();
    if (parts.length === 0) {
      const before = REGISTRATION.test(line) || LICENSEE.test(line) || !ADDRESS_START.test(line);
      if (before && skipped < 3 && !BILL_TO.test(line) && amountsIn(line).length === 0) {
        skipped++;
        continue;
      }
    }
    if (NOT_HEADER.test(line) || BILL_TO.test(line) || /^\(?[\d\s+()-]{7,}\)?$/.test(line) || line.length < 3 || amountsIn(line).length > 0) break;
    if (parts.length >= 6 || parseDate(line)) break;
    parts.push(line);
  }
  return parts.length ? { value: parts.join(" ").replace(/\s{2,}/g, " "), confidence: 0.4 } : null;
}
