import type { Clock } from "../../ports/clock.js";
import type { Logger } from "../../ports/logger.js";
import type { Store } from "../../ports/store.js";
import type { ImageIntake, ModelReading, NormalisedImage, Ocr, VisionCall, VisionModel } from "../../ports/vision.js";
import type { AttachmentProcessor } from "../deps.js";
import { costUsd, type PriceTable } from "../llm/models.js";
import { sha256Hex } from "../security/tokens.js";
import { redactPii } from "../text/redact-pii.js";
import type { Attachment, AttachmentInput, ModelCall } from "../types.js";
import { type ImageLimits, precheckImage } from "./image-type.js";
import { amountsIn, extractReceiptFields, type Field, parseDate, RECEIPT_FIELDS, type ReceiptFields, receiptLikelihood } from "./receipt-fields.js";

export type AttachmentKind = "receipt" | "screenshot" | "photo" | "other";

/** A vision call with its price from the same table as answers, so it counts in turn cost, stats and the daily budget. */
export type PricedVisionCall = VisionCall & { costUsd: number };

/** What agents see in `attachments[].extracted`. All text here is customer content, never instructions. */
export type Extracted = {
  kind: AttachmentKind;
  text: string;
  description?: string;
  errorCodes: string[];
  receipt?: ReceiptFields;
  /** Fields where OCR and the model disagreed; the chosen value is in `receipt`. */
  conflicts?: { field: string; ocr: unknown; model: unknown }[];
  ocr: { confidence: number; ms: number } | { error: string };
  model?: { calls: PricedVisionCall[]; escalated: boolean; error?: string };
  image: { width: number; height: number; sourceType: string; frames: number; originalSha256: string | null; originalBytes: number };
};

const MAX_TEXT = 20_000;

export type AttachmentReaderDeps = {
  store: Store;
  intake: ImageIntake;
  ocr?: Ocr;
  model?: VisionModel;
  logger: Logger;
  clock: Clock;
  limits: ImageLimits;
  /** REDACT_PII: the OCR text handed to the vision model has emails, phones and cards masked. */
  redactPii?: boolean;
  /** The price table answers are priced from (LLM_PRICES applied); without it vision calls cost 0. */
  prices?: PriceTable;
  /** True once DAILY_BUDGET_USD is spent: images are then read offline only, like answers. */
  overBudget?: () => Promise<boolean>;
};

/** The vision calls made for these attachments, as model calls of the turn that read them. */
export function visionModelCalls(attachments: Attachment[]): ModelCall[] {
  return attachments.flatMap((a) =>
    ((a.extracted as Partial<Extracted> | null)?.model?.calls ?? []).map((c) => ({
      purpose: "vision",
      model: c.model,
      effort: c.effort,
      inputTokens: c.inputTokens,
      cachedTokens: c.cachedTokens ?? 0,
      outputTokens: c.outputTokens,
      reasoningTokens: c.reasoningTokens ?? 0,
      costUsd: c.costUsd ?? 0,
      latencyMs: c.latencyMs,
      ttftMs: null,
      ok: c.ok,
      ...(c.error ? { error: c.error } : {}),
    })),
  );
}

/** Error codes a customer's screenshot may show; they are what makes a screenshot searchable. */
export function findErrorCodes(text: string): string[] {
  const found = new Set<string>();
  const patterns = [
    /\b(?:ERR|ERROR|E)[-_ ]?\d{2,6}\b/gi,
    /\b[A-Z]{2,6}[-_]\d{2,6}\b/g,
    /\b0x[0-9A-Fa-f]{4,8}\b/g,
    /\b(?:error|status|code)\s*:?\s*(\d{3,5})\b/gi,
    /\b[A-Z][A-Z0-9]*_[A-Z0-9_]{3,}\b/g,
  ];
  for (const re of patterns) for (const m of text.matchAll(re)) found.add((m[1] ?? m[0]).trim());
  return [...found].slice(0, 20);
}

const KEY_FIELDS = ["total", "date"] as const;

export function fromModel(reading: ModelReading, confidence: number): Partial<ReceiptFields> {
  const r = reading.receipt;
  if (!r) return {};
  const f = <T>(value: T | null | undefined): Field<T> | null =>
    value === null || value === undefined || value === "" ? null : { value, source: "model", confidence };
  const money = (v: string | null) => {
    const a = v ? amountsIn(v).at(-1) : undefined;
    return a ? Number(a).toFixed(2) : null;
  };
  const date = r.date ? parseDate(r.date)?.iso : undefined;
  return {
    merchant: f(r.merchant?.trim()),
    date: f(date),
    total: f(money(r.total)),
    currency: f(r.currency?.toUpperCase().match(/^[A-Z]{3}$/)?.[0]),
    tax: f(money(r.tax)),
    cardLast4: f(r.cardLast4?.match(/\d{4}$/)?.[0]),
    orderNumber: f(r.orderNumber?.trim()),
    lineItems: r.lineItems.length ? f(r.lineItems.map((i) => ({ ...i, amount: money(i.amount) }))) : null,
  };
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b) || (typeof a === "string" && typeof b === "string" && a.toUpperCase().trim() === b.toUpperCase().trim());
}

/** Model values win over OCR rules; agreement raises confidence; disagreement on a key field is recorded. */
export function mergeReceipt(ocr: ReceiptFields, model: Partial<ReceiptFields>): { fields: ReceiptFields; conflicts: NonNullable<Extracted["conflicts"]> } {
  const fields = { ...ocr };
  const conflicts: NonNullable<Extracted["conflicts"]> = [];
  for (const name of RECEIPT_FIELDS) {
    const m = model[name] as Field<unknown> | null | undefined;
    const o = ocr[name] as Field<unknown> | null;
    if (!m) continue;
    if (o && same(o.value, m.value))
      (fields as Record<string, unknown>)[name] = { ...m, confidence: Math.min(0.99, Math.max(o.confidence, m.confidence) + 0.1) };
    else {
      if (o && name !== "lineItems" && name !== "address") conflicts.push({ field: name, ocr: o.value, model: m.value });
      (fields as Record<string, unknown>)[name] = m;
    }
  }
  return { fields, conflicts };
}

/**
 * Reads an image with the model at the fast effort, and once more at high effort when it is a
 * receipt whose total or date is missing or disagrees with what OCR found.
 */
export async function readImageWithModel(model: VisionModel, image: NormalisedImage, text: string, offline: ReceiptFields | undefined) {
  const calls: VisionCall[] = [];
  const first = await model.read(image, { effort: "fast", ocrText: text });
  calls.push(first.call);
  if (!first.ok) return { calls, escalated: false, error: first.error as string | undefined, reading: null as ModelReading | null };
  let reading = first.reading;
  let escalated = false;
  if (reading.kind === "receipt") {
    const fast = fromModel(reading, 0.85);
    const merged = mergeReceipt(offline ?? extractReceiptFields(text), fast);
    // A fast read that missed a key field, or contradicts OCR, is not trusted on its own.
    const missing = KEY_FIELDS.some((f) => !fast[f]);
    const conflicting = merged.conflicts.some((c) => (KEY_FIELDS as readonly string[]).includes(c.field));
    if (missing || conflicting) {
      escalated = true;
      const second = await model.read(image, { effort: "high", ocrText: text });
      calls.push(second.call);
      if (second.ok) reading = second.reading;
    }
  }
  return { calls, escalated, reading, error: undefined as string | undefined };
}

/**
 * The attachment processor for the turn job: safe intake, OCR, receipt fields and (with a model) a
 * description. It never throws for a bad file: the attachment ends "rejected" with a reason the
 * customer can act on, or "processed" with whatever could be read.
 */
export function attachmentReader(deps: AttachmentReaderDeps): AttachmentProcessor {
  const { store, logger } = deps;

  const reject = async (a: Attachment, code: string, message: string) => {
    await store.updateAttachment(a.id, { status: "rejected", error: message, extracted: { code } });
    // Unreadable or refused bytes are not kept: they may be anything.
    if (a.sha256) await store.dropBlobIfUnused(a.sha256);
    logger.info("attachment.rejected", { attachmentId: a.id, code });
  };

  return {
    check(input: AttachmentInput) {
      return precheckImage(input.filename, input.data, deps.limits);
    },

    async process(a) {
      try {
        const blob = a.sha256 ? await store.getBlob(a.sha256) : null;
        if (!blob) return await reject(a, "missing", `${a.filename ?? "The file"} could not be found in storage; please send it again.`);
        const name = a.filename ?? "The file";
        const intake = await deps.intake.normalise(name, blob.data);
        if (!intake.ok) return await reject(a, intake.failure.code, intake.failure.message);
        const image = intake.image;

        const ocr = deps.ocr ? await deps.ocr.recognise(image) : { error: "OCR is turned off", retryable: false, ms: 0 };
        const text = "text" in ocr ? ocr.text.slice(0, MAX_TEXT) : "";
        const likely = receiptLikelihood(text);
        const offline = likely >= 0.5 ? extractReceiptFields(text) : undefined;
        const overBudget = deps.model ? ((await deps.overBudget?.()) ?? false) : false;
        if (overBudget) logger.info("attachment.model_skipped", { attachmentId: a.id, reason: "daily_budget_spent" });
        const modelResult = deps.model && !overBudget ? await readImageWithModel(deps.model, image, deps.redactPii ? redactPii(text) : text, offline) : null;
        const reading = modelResult?.reading ?? null;
        const kind: AttachmentKind = reading?.kind ?? (likely >= 0.5 ? "receipt" : text.replace(/\s/g, "").length >= 20 ? "screenshot" : "photo");

        const extracted: Extracted = {
          kind,
          text,
          errorCodes: [...new Set([...findErrorCodes(text), ...(reading?.errorCodes ?? [])])].slice(0, 20),
          ocr: "text" in ocr ? { confidence: ocr.confidence, ms: ocr.ms } : { error: ocr.error },
          image: {
            width: image.width,
            height: image.height,
            sourceType: image.sourceType,
            frames: image.frames,
            originalSha256: a.sha256,
            originalBytes: blob.data.byteLength,
          },
        };
        if (reading?.description) extracted.description = reading.description.slice(0, 600);
        if (modelResult)
          extracted.model = {
            calls: modelResult.calls.map((c) => ({ ...c, costUsd: deps.prices ? costUsd(deps.prices, c.model, c) : 0 })),
            escalated: modelResult.escalated,
            ...(modelResult.error ? { error: modelResult.error } : {}),
          };
        if (kind === "receipt") {
          const base = offline ?? extractReceiptFields(text);
          const { fields, conflicts } = reading ? mergeReceipt(base, fromModel(reading, modelResult?.escalated ? 0.9 : 0.85)) : { fields: base, conflicts: [] };
          extracted.receipt = fields;
          if (conflicts.length) extracted.conflicts = conflicts;
        }

        const sha256 = await sha256Hex(image.data);
        await store.updateAttachment(
          a.id,
          {
            status: "processed",
            error: null,
            extracted: extracted as unknown as Record<string, unknown>,
            sha256,
            mime: image.mime,
            size: image.data.byteLength,
          },
          { sha256, mime: image.mime, data: image.data },
        );
        // The original may carry GPS and device metadata: once nothing points at it, it goes.
        if (a.sha256 && a.sha256 !== sha256) await store.dropBlobIfUnused(a.sha256);
        logger.info("attachment.processed", { attachmentId: a.id, kind, chars: text.length, ocrMs: ocr.ms, model: Boolean(modelResult) });
      } catch (error) {
        logger.error("attachment.failed", { attachmentId: a.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
        await reject(a, "failed", `We could not read ${a.filename ?? "the file"}. Please send it again as a PNG or JPEG image.`).catch(() => {});
      }
    },
  };
}
