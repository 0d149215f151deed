/** A triage result as the model returns it: a simple, confident question. Tests override fields. */
export function triageFields(over: Record<string, unknown> = {}) {
  return {
    category: "account",
    priority: "normal",
    sentiment: "neutral",
    language: "en",
    complexity: "simple",
    multiple_questions: false,
    human_needed: false,
    human_reason: null,
    confidence: 0.9,
    ...over,
  };
}
