import type { ImageType } from "../core/attachments/image-type.js";

/** A decoded, re-encoded image with orientation applied and every metadata block removed. */
export type NormalisedImage = { data: Uint8Array; mime: "image/png" | "image/jpeg"; width: number; height: number; sourceType: ImageType; frames: number };

export type IntakeFailure = { code: "unsupported_type" | "too_large" | "too_many_pixels" | "unreadable"; message: string };

/** Decodes untrusted image bytes safely (limits on bytes and pixels) and normalises them. */
export interface ImageIntake {
  normalise(filename: string, bytes: Uint8Array): Promise<{ ok: true; image: NormalisedImage } | { ok: false; failure: IntakeFailure }>;
}

export type OcrResult = { text: string; confidence: number; ms: number } | { error: string; retryable: boolean; ms: number };

/** Reads printed text from an image without the network. */
export interface Ocr {
  recognise(image: NormalisedImage): Promise<OcrResult>;
  /** Starts the engine ahead of the first image so a customer's first upload does not pay for it. */
  warm(): Promise<void>;
  close(): Promise<void>;
}

export type VisionEffort = "fast" | "high";

/** What a vision model read from one image; every field may be null when not legible. */
export type ModelReading = {
  kind: "receipt" | "screenshot" | "photo" | "other";
  description: string;
  receipt: {
    merchant: string | null;
    date: string | null;
    total: string | null;
    currency: string | null;
    tax: string | null;
    cardLast4: string | null;
    orderNumber: string | null;
    lineItems: { description: string; quantity: number | null; amount: string | null }[];
  } | null;
  errorCodes: string[];
};

/** One vision model call as the adapter saw it; the attachment reader prices it (see PricedVisionCall). */
export type VisionCall = {
  model: string;
  effort: string;
  /** Which API served it: "responses" or "chat" (Chat Completions). */
  api: "responses" | "chat";
  inputTokens: number;
  /** Part of inputTokens, billed at the cached rate. */
  cachedTokens: number;
  outputTokens: number;
  /** Part of outputTokens. */
  reasoningTokens: number;
  latencyMs: number;
  ok: boolean;
  error?: string;
};

/** A multimodal model that reads one image into a fixed schema. */
export interface VisionModel {
  read(
    image: NormalisedImage,
    opts: { effort: VisionEffort; ocrText?: string },
  ): Promise<{ ok: true; reading: ModelReading; call: VisionCall } | { ok: false; error: string; retryable: boolean; call: VisionCall }>;
}
