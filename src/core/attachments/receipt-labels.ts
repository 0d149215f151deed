import { labelWords } from "./receipt-ocr-text.js";

export const TENDER = /\b(cash|tender(ed)?|paid|payment|pay|credit(\s*card)?|debit|visa|master\s*card|amex|card|ringgit)\b/i;
export const CHANGE = /\b(change|balance\s*returned)\b/i;

/** Lines that name a partial sum, a tax, a count or a saving: never the amount paid. */
const NOT_THE_TOTAL =
  /sav(ing|ed)|excl|before\s*(gst|tax|rounding)|\bqty|quantity|item\(?s\)?|\bitems?\b|points?|supplies|discount|\bdisc\b|tax\s*amount|\bchange\b|deposit|\btip\b/;
const TAX_WORD = /\b(gst|vat|sst|tax|service\s*charge)\b/;
const TAX_INCLUDED = /\bincl\b|incl\.|inclusive|including|\bwith\b|after|\binc\b/;

/**
 * How strongly a label names the amount the customer paid. Final-amount wording ("Total payable",
 * "Grand total", "Amount due") outranks a plain "Total", which outranks a subtotal; lines that name
 * a tax, a partial sum ("Total 0% supplies") or a count score 0, whatever else they say.
 */
export function totalScore(rawLabel: string): number {
  const l = labelWords(rawLabel);
  if (/includ(es|ed)\b|\bincl\.?\s+in\b/.test(l)) return 0;
  if (NOT_THE_TOTAL.test(l)) return 0;
  if (TAX_WORD.test(l) && !TAX_INCLUDED.test(l)) return 0;
  if (/grand\s*(total|ttl)|total\s*payable|amount\s*payable|total\s*to\s*pay|(total|amount|balance)\s*due|nett?\s*(total|amount|payable)/.test(l)) return 10;
  if (/total\s*(after\s*)?round(ed|ing)|round(ed|ing)\s*total/.test(l)) return 9;
  if (/sub\s*-?\s*total/.test(l)) return 3;
  if (/total\s*(sales\s*)?\(?\s*(incl|inclusive|inc\b|including|with)/.test(l)) return 8;
  if (/total\s*(amount|amt)|^\W*(total|ttl)\b|\b(total|ttl)\s*(rm|usd|\$|:|\(rm\))/.test(l)) return 7;
  if (/^\W*nett?\b/.test(l)) return 6;
  if (/\b(total|ttl)\b/.test(l)) return 5;
  return 0;
}

/** "Rounding" beside an amount of a ringgit or more: the rounded total, not the adjustment. */
export function isRoundingLabel(label: string): boolean {
  return /round(ing|ed)/.test(labelWords(label));
}

export function isTenderLabel(label: string): boolean {
  const l = labelWords(label);
  return TENDER.test(l) && !CHANGE.test(l) && !/card\s*no|no\.?\s*card|\bapproval|\bauth/.test(l);
}

export function isChangeLabel(label: string): boolean {
  return CHANGE.test(labelWords(label));
}
