export type ReviewMode = "all" | "risky" | "none";

export type ReviewInput = {
  mode: ReviewMode;
  route: "fast" | "high" | "offline";
  confidence: number;
  confidenceThreshold: number;
  risks: string[];
  promises: boolean;
  /** Guardrails that fired on this answer (e.g. injection suspected); held whatever the mode. */
  guards?: string[];
  /** The first reply in this thread, on a channel whose first reply waits for a person (email). */
  firstReplyNeedsReview: boolean;
};

/** Whether a draft waits for an agent, and why. `none` sends whatever the pipeline did not hand off. */
export function reviewDecision(input: ReviewInput): { hold: boolean; reasons: string[] } {
  // Text that tried to steer the model gets a person's eye even when nothing else would.
  if (input.guards?.length) return { hold: true, reasons: ["guardrail", ...(input.mode === "all" ? ["review_mode_all"] : [])] };
  if (input.mode === "none") return { hold: false, reasons: [] };
  if (input.mode === "all") return { hold: true, reasons: ["review_mode_all"] };
  const reasons: string[] = [];
  if (input.route === "high") reasons.push("high_effort_answer");
  if (input.confidence < input.confidenceThreshold) reasons.push("low_confidence");
  if (input.risks.length > 0) reasons.push("risk_topic");
  if (input.promises) reasons.push("refund_or_credit");
  if (input.firstReplyNeedsReview) reasons.push("first_email_reply");
  return { hold: reasons.length > 0, reasons };
}

/** Refunds, credits and other money promises are always looked at by a person under `risky`. */
export function mentionsPromise(text: string): boolean {
  return /\b(refund(ed|s)?|reimburs\w*|credit(ed)? (your|to your|of)|money back|compensat\w*|waive\w*|reembols\w*|rembours\w*|erstatt\w*|rückerstatt\w*|rimbors\w*)\b/i.test(
    text,
  );
}
