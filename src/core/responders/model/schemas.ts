import { z } from "zod";

/** Structured triage from the fast profile. Keys are all required (strict schema); "none" is null. */
export const ModelTriage = z.object({
  category: z.enum(["billing", "account", "hardware", "orders", "payments", "technical", "integrations", "privacy", "other"]),
  priority: z.enum(["low", "normal", "high", "urgent"]),
  sentiment: z.enum(["negative", "neutral", "positive"]),
  language: z.string(),
  complexity: z.enum(["simple", "complex"]),
  multiple_questions: z.boolean(),
  human_needed: z.boolean(),
  human_reason: z.string().nullable(),
  confidence: z.number(),
});
export type ModelTriage = z.infer<typeof ModelTriage>;

/** "text" comes first so it can be streamed while the rest of the JSON is still being written. */
export const ModelAnswer = z.object({
  text: z.string(),
  citations: z.array(z.string()),
  confidence: z.number(),
  fully_answered: z.boolean(),
  language: z.string(),
});
export type ModelAnswer = z.infer<typeof ModelAnswer>;

export const clamp01 = (n: number) => (Number.isFinite(n) ? Math.min(1, Math.max(0, n)) : 0);
