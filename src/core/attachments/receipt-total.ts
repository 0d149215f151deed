import { isChangeLabel, isRoundingLabel, isTenderLabel, totalScore } from "./receipt-labels.js";
import { digitsOf, fixDigits, fromCents, isBareAmount, labelledAmounts, toCents } from "./receipt-ocr-text.js";

/** Where a total reading came from; readings from different sources that agree add up. */
type Source = "label" | "tender_change" | "tender" | "items" | "repaired";
type Candidate = { value: string; score: number; source: Source };

// Points per source. A labelled total is ranked by its label (3–10, see totalScore).
const TENDER_CHANGE = 6;
const TENDER_CHANGE_UNLABELLED = 4;
const TENDER_ALONE = 2;
const ITEMS_AGREE = 3;
const ROUNDED_TOTAL = 9;

type Labelled = { index: number; label: string; value: string };

/**
 * Every amount on the receipt with its label. A bare amount ("RM 25.40") under a line that holds a
 * label and no amount ("TOTAL PAYABLE") belongs to that label: receipts wrap long labels.
 */
function labelledLines(lines: string[]): Labelled[] {
  const out: Labelled[] = [];
  lines.forEach((line, index) => {
    const pairs = labelledAmounts(line);
    const previous = lines[index - 1] ?? "";
    const wrapped = isBareAmount(line) && labelledAmounts(previous).length === 0 && /[A-Za-z]{3}/.test(previous);
    for (const [i, pair] of pairs.entries()) out.push({ index, label: i === 0 && wrapped ? previous : pair.label, value: pair.value });
  });
  return out;
}

/**
 * Cash handed over minus change. The tender is the one nearest above the change line: receipts
 * print "Cash 71.00" (the amount settled in cash) before "Cash received 101.00"; only the latter
 * pairs with the change. With no tender label in reach, the amount just above the change is the
 * tender (OCR garbles short labels like "Paid").
 */
function tenderMinusChange(amounts: Labelled[]): Candidate | null {
  const changeAt = amounts.findIndex((a) => isChangeLabel(a.label));
  if (changeAt < 0) {
    const tender = amounts.find((a) => isTenderLabel(a.label) && totalScore(a.label) === 0);
    return tender ? { value: tender.value, score: TENDER_ALONE, source: "tender" } : null;
  }
  const change = amounts[changeAt] as Labelled;
  const above = amounts.slice(0, changeAt).filter((a) => change.index - a.index <= 3);
  const tender = above.findLast((a) => isTenderLabel(a.label));
  const pick = tender ?? above.findLast((a) => change.index - a.index <= 1);
  if (!pick || toCents(pick.value) < toCents(change.value)) return null;
  return { value: fromCents(toCents(pick.value) - toCents(change.value)), score: tender ? TENDER_CHANGE : TENDER_CHANGE_UNLABELLED, source: "tender_change" };
}

/**
 * A total line whose amount OCR broke ("Total 11.2", "TOTAL 1125", "18.8\""): when its digits are
 * the start of (or all of) a trusted reading — the item sum or tender minus change — that reading
 * is the total. Without a cross-check the amount is left alone.
 */
function repairedTotals(lines: string[], trusted: string[]): Candidate[] {
  const out: Candidate[] = [];
  for (const line of lines) {
    if (labelledAmounts(line).length > 0) continue;
    const m = fixDigits(line).match(/^(.*?[A-Za-z)].*?)[\s:=]*((?:RM|\$)?\s*\d[\d\s.,'"]{1,9})\W*$/i);
    const score = m ? totalScore(m[1] ?? "") : 0;
    const digits = digitsOf(m?.[2] ?? "");
    if (score < 5 || digits.length < 3) continue;
    for (const value of trusted) if (digitsOf(value).startsWith(digits)) out.push({ value, score, source: "repaired" });
  }
  return out;
}

/**
 * The amount paid. Candidates come from labelled totals (ranked by label), a rounded total, cash
 * minus change, a tender alone, OCR-broken totals repaired against those, and the item sum; each
 * value scores the best candidate of every source that reads it, so independent readings that agree
 * beat one strong label that OCR may have misread.
 */
export function findTotal(lines: string[], itemSum: string | null): { value: string; confidence: number } | null {
  const amounts = labelledLines(lines);
  const candidates: Candidate[] = [];
  for (const a of amounts) {
    // A total printed right after the rounding adjustment is the rounded, final one.
    const score = totalScore(a.label) + (isRoundingLabel(lines[a.index - 1] ?? "") ? 2 : 0);
    if (score > 2) candidates.push({ value: a.value, score, source: "label" });
    else if (isRoundingLabel(a.label) && toCents(a.value) >= 100) candidates.push({ value: a.value, score: ROUNDED_TOTAL, source: "label" });
  }
  const tendered = tenderMinusChange(amounts);
  if (tendered) candidates.push(tendered);
  const trusted = [itemSum, tendered?.source === "tender_change" ? tendered.value : null].filter((v): v is string => v !== null);
  candidates.push(...repairedTotals(lines, trusted));
  if (itemSum && candidates.some((c) => toCents(c.value) === toCents(itemSum))) candidates.push({ value: itemSum, score: ITEMS_AGREE, source: "items" });

  const byValue = new Map<number, Map<Source, number>>();
  for (const c of candidates) {
    const cents = toCents(c.value);
    if (cents <= 0) continue;
    const sources = byValue.get(cents) ?? new Map<Source, number>();
    sources.set(c.source, Math.max(sources.get(c.source) ?? 0, c.score));
    byValue.set(cents, sources);
  }
  let best: { cents: number; score: number } | null = null;
  for (const [cents, sources] of byValue) {
    const score = [...sources.values()].reduce((a, b) => a + b, 0);
    if (!best || score > best.score) best = { cents, score };
  }
  return best ? { value: fromCents(best.cents), confidence: Math.min(0.95, 0.3 + best.score / 25) } : null;
}
