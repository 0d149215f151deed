/** Reason codes after which the rest is the model's own words. */
const FREE_TEXT_AFTER = /(^|_)(model_triage_human|handoff_tool)$/;

/**
 * A reason string without its values: "human:high_grounding:ungrounded_amount:$49.99" →
 * "human:high_grounding:ungrounded_amount", "fast_handoff_tool:<the model's words>" → "fast_handoff_tool".
 */
export function reasonCode(reason: string): string {
  const codes: string[] = [];
  for (const part of reason.split(":")) {
    if (!/^[a-z][a-z0-9_]*$/.test(part)) break;
    codes.push(part);
    if (FREE_TEXT_AFTER.test(part)) break;
  }
  return codes.join(":") || "unknown";
}
