import type { NewMessage } from "../../ports/store.js";
import type { CoreDeps } from "../deps.js";
import { newId } from "../ids.js";
import type { Answer, Handoff } from "../responders/responder.js";
import { CATALOGUE_LANGUAGES, type CatalogueLanguage, pickLanguage, systemText } from "../texts/catalogue.js";
import { higherPriority, offlineTriage } from "../triage/offline-triage.js";
import type { Conversation, Message, Turn } from "../types.js";
import { isFragment } from "./acts.js";
import { type DialogPlan, planDialog, turnText } from "./plan.js";

/**
 * What a turn starts from: the conversation with this turn's offline triage kept on it (for every
 * turn, handoffs and human-owned ones too), the language its texts use, and the dialog plan.
 */
export async function understandTurn(deps: CoreDeps, loaded: Conversation, message: Message) {
  const history = await deps.store.listMessages(loaded.id);
  const { conversation, language } = await keepTriage(deps, loaded, turnText(history, message));
  return { conversation, language, history, plan: planDialog(history, message) };
}

/**
 * Keeps the offline triage of this turn on the conversation before anything else happens, so it is
 * there for handoffs and for turns a person owns too. Priority only goes up within a conversation;
 * language and sentiment follow the latest message the detector was sure about. Returns the
 * conversation as it now is and the language its system texts use.
 */
export async function keepTriage(
  deps: CoreDeps,
  conversation: Conversation,
  text: string,
  profileLanguages: readonly string[] = [],
): Promise<{ conversation: Conversation; language: CatalogueLanguage }> {
  const triage = offlineTriage(text);
  const patch = {
    priority: higherPriority(conversation.priority, triage.priority),
    sentiment: triage.sentiment,
    language: triage.language ?? conversation.language ?? null,
    // A new message reopens a conversation the customer had closed.
    ...(conversation.status === "resolved" ? { resolvedBy: null } : {}),
  };
  await deps.store.updateConversation(conversation.id, patch, deps.clock.now());
  const updated = { ...conversation, ...patch };
  return { conversation: updated, language: languageOf(updated, profileLanguages) };
}

/** The catalogue language a conversation's system texts use: what the customer writes, else their locale. */
export function languageOf(conversation: Conversation, profileLanguages: readonly string[] = []): CatalogueLanguage {
  return pickLanguage(conversation.language ?? conversation.locale ?? undefined, profileLanguages);
}

/**
 * Sends the short reply a greeting, thanks or goodbye gets: no search, no model, nothing for the
 * grounding check to fail. "That worked" closes the conversation as resolved by the customer.
 */
export async function sendDialogReply(
  deps: CoreDeps,
  conversation: Conversation,
  plan: Extract<DialogPlan, { kind: "reply" }>,
  language: CatalogueLanguage,
  turn: Turn,
): Promise<void> {
  const now = deps.clock.now();
  const reply: NewMessage = { id: newId(), role: "assistant", text: systemText(plan.key, language), createdAt: now };
  const deliver = [{ outboxId: newId(), messageId: reply.id, jobId: newId() }];
  await deps.store.applyOutcome(
    {
      conversationId: conversation.id,
      turn: { ...turn, route: "offline", reasons: [...turn.reasons, plan.reason] },
      ...(plan.resolve ? { conversation: { status: "resolved", resolvedBy: "customer" } } : { botStatus: "open" }),
      messages: [reply],
      deliver,
    },
    now,
  );
  deps.live.publish(conversation.id, { type: "status", data: { state: "idle" } });
  await deps.jobs.notify(deliver.map((d) => d.jobId));
  deps.logger.info("turn.dialog_reply", { conversationId: conversation.id, reason: plan.reason, resolved: plan.resolve });
}

const NOT_FOUND = /^(weak_match|ambiguous_match|no_matching_article)/;

/**
 * Instead of handing off a short message that names no question ("quick question", "lost my
 * phone") because no article clearly matched, ask once for more. Not when something is at stake
 * (priority above normal, an upset customer), and never twice in a row.
 */
export function shouldAskForMore(conversation: Conversation, messageText: string, reasons: string[], history: Message[]): boolean {
  if (!isFragment(messageText) || reasons.length === 0 || !reasons.every((r) => NOT_FOUND.test(r))) return false;
  if (conversation.priority !== "normal" || conversation.sentiment === "negative") return false;
  const lastBot = history.findLast((m) => m.role !== "customer");
  return !CATALOGUE_LANGUAGES.some((l) => lastBot?.text === systemText("dialog.more_detail", l));
}

/** Sends the request for more detail in place of a handoff when shouldAskForMore says so; true when it did. */
export async function askedForMoreInstead(
  deps: CoreDeps,
  conversation: Conversation,
  plan: DialogPlan,
  result: Answer | Handoff,
  history: Message[],
  language: CatalogueLanguage,
  turn: Turn,
): Promise<boolean> {
  if (result.kind !== "handoff" || plan.kind !== "search" || plan.notHelped) return false;
  if (!shouldAskForMore(conversation, plan.query, result.reasons, history)) return false;
  await sendDialogReply(deps, conversation, { kind: "reply", key: "dialog.more_detail", resolve: false, reason: "dialog:asked_for_more" }, language, turn);
  return true;
}

/**
 * What "didn't help" changes in the responder's result: a handoff says so first (its notice tells
 * the customer a person takes over), an offline answer from another article opens by saying sorry.
 */
export function followPlan(plan: DialogPlan, result: Answer | Handoff, language: CatalogueLanguage): void {
  if (plan.kind !== "search") return;
  if (plan.notHelped && result.kind === "handoff") result.reasons.unshift("customer_says_not_helped");
  if (plan.reason) result.reasons.push(plan.reason);
  if (plan.notHelped && result.kind === "answer" && result.route === "offline") result.text = `${systemText("dialog.next_best", language)}\n\n${result.text}`;
}

/** Search hits without the articles the customer said did not help. */
export function withoutExcluded<H extends { articleId: string }>(hits: H[], plan: DialogPlan): H[] {
  return plan.kind === "search" && plan.exclude.length > 0 ? hits.filter((h) => !plan.exclude.includes(h.articleId)) : hits;
}
