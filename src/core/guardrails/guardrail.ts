/**
 * Guardrails are pure checks on what goes into or comes out of the model, in the style of
 * openai-agents-js: they never call anything, and report whether a tripwire fired and why.
 * The caller decides what a tripwire means (refuse a tool call, climb the ladder, hold the draft).
 */
export type GuardrailResult<Info> = { tripwireTriggered: boolean; info: Info };
