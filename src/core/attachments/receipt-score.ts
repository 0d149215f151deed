import { amountsIn, parseDate, type ReceiptFields } from "./receipt-fields.js";

/** The SROIE key fields and how each maps onto what frontdesk extracts. */
export const SROIE_FIELDS = ["company", "date", "address", "total"] as const;
export type SroieField = (typeof SROIE_FIELDS)[number];
export type SroieKey = Partial<Record<SroieField, string>>;

/**
 * Puts a key value and a prediction in one canonical form before exact matching: dates as ISO
 * (the keys print 25/12/2018 or 26-04-18), totals as two-decimal numbers (9.00, "RM 9.00"),
 * names and addresses upper-case with single spaces and no space before punctuation.
 */
export function normaliseField(field: SroieField, value: string | null | undefined): string | null {
  if (value === null || value === undefined || value.trim() === "") return null;
  if (field === "date") return parseDate(value)?.iso ?? value.trim();
  if (field === "total") {
    const amount = amountsIn(value).at(-1) ?? value.replace(/[^\d.]/g, "");
    const n = Number(amount);
    return Number.isFinite(n) && amount !== "" ? n.toFixed(2) : value.trim();
  }
  return value
    .toUpperCase()
    .replace(/\s+/g, " ")
    .replace(/\s+([,.;:)])/g, "$1")
    .replace(/([(])\s+/g, "$1")
    .replace(/[.,;:\s]+$/, "")
    .trim();
}

export function predictionFor(field: SroieField, fields: ReceiptFields | undefined): string | null {
  if (!fields) return null;
  const pick = { company: fields.merchant, date: fields.date, address: fields.address, total: fields.total }[field];
  return pick?.value ?? null;
}

export type FieldScore = { tp: number; predicted: number; gold: number; precision: number; recall: number; f1: number };

export class ScoreBoard {
  private counts = new Map<SroieField, { tp: number; predicted: number; gold: number }>();

  add(key: SroieKey, fields: ReceiptFields | undefined): Record<SroieField, { gold: string | null; predicted: string | null; match: boolean }> {
    const out = {} as Record<SroieField, { gold: string | null; predicted: string | null; match: boolean }>;
    for (const field of SROIE_FIELDS) {
      const gold = normaliseField(field, key[field]);
      const predicted = normaliseField(field, predictionFor(field, fields));
      const c = this.counts.get(field) ?? { tp: 0, predicted: 0, gold: 0 };
      const match = gold !== null && predicted !== null && gold === predicted;
      if (gold !== null) c.gold++;
      if (predicted !== null) c.predicted++;
      if (match) c.tp++;
      this.counts.set(field, c);
      out[field] = { gold, predicted, match };
    }
    return out;
  }

  scores(): Record<SroieField | "overall", FieldScore> {
    const score = (c: { tp: number; predicted: number; gold: number }): FieldScore => {
      const precision = c.predicted ? c.tp / c.predicted : 0;
      const recall = c.gold ? c.tp / c.gold : 0;
      return { ...c, precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
    };
    const total = { tp: 0, predicted: 0, gold: 0 };
    const result = {} as Record<SroieField | "overall", FieldScore>;
    for (const field of SROIE_FIELDS) {
      const c = this.counts.get(field) ?? { tp: 0, predicted: 0, gold: 0 };
      total.tp += c.tp;
      total.predicted += c.predicted;
      total.gold += c.gold;
      result[field] = score(c);
    }
    result.overall = score(total);
    return result;
  }
}
