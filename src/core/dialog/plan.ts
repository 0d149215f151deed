import type { TextKey } from "../texts/catalogue.js";
import type { Message } from "../types.js";
import { type DialogAct, dialogAct } from "./acts.js";

/**
 * What a turn does with the customer's dialog act, before any search or model:
 * - `reply`: a short catalogue text (greetings, thanks, goodbyes, a bare yes/no); `resolve` when the
 *   customer said the answer worked, so the conversation closes as resolved by them;
 * - `search`: retrieval and the responder as usual, on `query` (the message without greetings and
 *   sign-offs); `exclude` lists the articles already given when the customer said they did not help,
 *   so only a different article can answer, and `notHelped` makes a handoff say so.
 */
export type DialogPlan =
  | { kind: "reply"; key: TextKey; resolve: boolean; reason: string }
  | { kind: "search"; query: string; exclude: string[]; notHelped: boolean; reason: string | null };

/** The customer text of this turn: every customer message after the bot's last word (a burst reads as one). */
export function turnText(history: Message[], current: Message): string {
  const upTo = history.findIndex((m) => m.id === current.id);
  const before = upTo >= 0 ? history.slice(0, upTo + 1) : [...history, current];
  let start = before.length - 1;
  while (start > 0 && before[start - 1]?.role === "customer") start--;
  const burst = before.slice(start).filter((m) => m.role === "customer");
  return burst.length > 1 ? burst.map((m) => m.text).join("\n") : current.text;
}

export function planDialog(history: Message[], current: Message): DialogPlan {
  const upTo = history.findIndex((m) => m.id === current.id);
  const earlier = upTo >= 0 ? history.slice(0, upTo) : history;
  const lastBot = earlier.findLast((m) => m.role === "assistant" || m.role === "agent" || m.role === "system");
  // An answer is a reply from the bot that cited an article, or any reply from a person.
  const lastAnswer = earlier.findLast((m) => (m.role === "assistant" && m.citations.length > 0) || m.role === "agent");
  // The customer has not written since that answer (a "Did this answer your question?" may follow it).
  const answeredLast = lastAnswer !== undefined && !earlier.slice(earlier.lastIndexOf(lastAnswer) + 1).some((m) => m.role === "customer");
  // A question a model asked (it has a draft); the bot's own short replies have none.
  const modelAsked = lastBot?.role === "assistant" && lastBot.draftId !== null && lastBot.text.trim().endsWith("?");
  const act: DialogAct = dialogAct(turnText(history, current));
  const reply = (key: TextKey, reason: string, resolve = false): DialogPlan => ({ kind: "reply", key, resolve, reason });
  const search = (query: string, reason: string | null = null): DialogPlan => ({ kind: "search", query, exclude: [], notHelped: false, reason });

  switch (act.kind) {
    case "greeting":
      return reply("dialog.greeting", "dialog:greeting");
    case "thanks":
      return reply("dialog.thanks", "dialog:thanks", answeredLast);
    case "closing":
      return reply("dialog.closing", "dialog:closing", answeredLast);
    case "resolved":
      return answeredLast || !act.rest ? reply("dialog.resolved", "dialog:resolved", answeredLast) : search(act.rest);
    case "affirm":
      // "yes" after an answer (or to "Did this answer your question?") means it did.
      if (answeredLast) return reply("dialog.resolved", "dialog:affirm_after_answer", true);
      // "yes" to a question the model asked goes back to it, with the conversation behind it.
      return modelAsked ? search(current.text, "dialog:affirm") : reply("dialog.invite", "dialog:affirm_alone");
    case "negate":
      if (answeredLast) return notHelped(earlier, lastAnswer, "");
      return modelAsked ? search(current.text, "dialog:negate") : reply("dialog.invite", "dialog:negate_alone");
    case "didnt_help":
      // Without an answer before it, "it doesn't work" is the problem itself.
      if (!lastAnswer) return search(act.rest || current.text);
      return notHelped(earlier, lastAnswer, act.rest);
    default:
      return search(act.rest || current.text);
  }
}

/** Searches again without the articles already given, on what the customer adds or else on their earlier question. */
function notHelped(earlier: Message[], lastAnswer: Message, rest: string): DialogPlan {
  const answerAt = earlier.lastIndexOf(lastAnswer);
  const question = earlier
    .slice(0, answerAt)
    .filter((m) => m.role === "customer")
    .map((m) => dialogAct(m.text).rest)
    .at(-1);
  const exclude = earlier.flatMap((m) => m.citations.map((c) => c.articleId));
  return { kind: "search", query: [rest, question].filter(Boolean).join("\n"), exclude: [...new Set(exclude)], notHelped: true, reason: "dialog:not_helped" };
}
