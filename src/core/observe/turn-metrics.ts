import type { Metrics, TurnOutcomeLabel } from "../../ports/metrics.js";
import type { ConversationStore, TurnOutcome } from "../../ports/store.js";
import type { Turn } from "../types.js";

function outcomeLabel(outcome: TurnOutcome, turn: Turn): TurnOutcomeLabel {
  if (turn.reasons.includes("conversation_with_human")) return "human_owned";
  if (outcome.conversation?.status === "handed_off") return "handed_off";
  if (outcome.draft?.status === "pending") return "held";
  if (outcome.draft || outcome.messages?.length) return "sent";
  return "other";
}

/** model: a model was asked; offline: the knowledge base alone decided; rules: handed off before any search. */
function modeLabel(turn: Turn): string {
  if (turn.calls.length > 0) return "model";
  return turn.articles.length > 0 || turn.route === "offline" ? "offline" : "rules";
}

/** Counts one written turn: its route and outcome, each model call and the latencies (handoffs are counted where the status changes). */
export async function recordTurnMetrics(store: Pick<ConversationStore, "getConversation" | "getMessage">, metrics: Metrics, outcome: TurnOutcome, now: number) {
  const turn = outcome.turn;
  if (!turn) return;
  const [conversation, accepted] = await Promise.all([store.getConversation(outcome.conversationId), store.getMessage(turn.messageId)]);
  const channel = conversation?.channel ?? "unknown";
  const label = outcomeLabel(outcome, turn);
  metrics.turn({ route: turn.route, mode: modeLabel(turn), channel, outcome: label });
  for (const call of turn.calls) metrics.modelCall({ model: call.model, purpose: call.purpose, ok: call.ok }, call);
  if (accepted && label !== "human_owned" && label !== "other") metrics.replyLatency(channel, Math.max(0, now - accepted.createdAt) / 1000);
  if (turn.ttftMs !== null) metrics.timeToFirstDelta(turn.route, turn.ttftMs / 1000);
}
