import type { NewMessage, TurnOutcome } from "../../ports/store.js";
import { jobIdsOf } from "../delivery/notice-delivery.js";
import type { CoreDeps } from "../deps.js";
import { newId } from "../ids.js";
import { extract } from "../responders/offline.js";
import type { Answer } from "../responders/responder.js";
import { type CatalogueLanguage, pickLanguage, systemText } from "../texts/catalogue.js";
import type { Choice, Conversation, Message, SearchHit, Turn } from "../types.js";
import { pickChoice, pickConfirmation } from "./pick.js";

/** Turn reasons: what a turn offered, and what the customer's pick did. */
export const CHOICES_OFFERED = "choices_offered";
export const CONFIRM_OFFERED = "confirm_offered";
export const CUSTOMER_CONFIRMED = "customer_confirmed";
export const CHOICES_DECLINED = "choices_declined";
export const ANSWER_DID_NOT_HELP = "answer_did_not_help";

/** The language of the customer's own locale when the catalogue has it, else the first one. */
export const customerLanguage = (conversation: Pick<Conversation, "locale">): CatalogueLanguage => pickLanguage(conversation.locale ?? undefined, []);

/**
 * Articles to pick from, then "none of these". Channels without buttons (email) get the same
 * choices as a numbered list in the text, and a reply with the number or the title picks.
 */
export function articleChoices(language: CatalogueLanguage, buttons: boolean, candidates: Pick<SearchHit, "title">[]): { text: string; choices: Choice[] } {
  const choices = [
    ...candidates.map((h) => ({ label: h.title, value: h.title })),
    { label: systemText("choices.none", language), value: systemText("choices.none", language) },
  ];
  if (buttons) return { text: systemText("choices.prompt", language), choices };
  const list = choices.map((c, i) => `${i + 1}. ${c.label}`).join("\n");
  return { text: `${systemText("choices.prompt_numbered", language)}\n\n${list}`, choices };
}

/** "Did this answer your question?" with yes and no, offered after an answer where there are buttons. */
export function confirmChoices(language: CatalogueLanguage): { text: string; choices: Choice[] } {
  const yes = systemText("confirm.yes", language);
  const no = systemText("confirm.no", language);
  return { text: systemText("confirm.question", language), choices: [yes, no].map((v) => ({ label: v, value: v })) };
}

export type ChoicePick =
  | { kind: "answer"; answer: Answer; hits: SearchHit[] }
  | { kind: "handoff"; reasons: string[]; notice?: string }
  | { kind: "resolved"; reply: string };

/**
 * The customer's reply to the choices the last turn offered, if it is one. The choices hold only
 * while they are the last thing said before the reply: anything in between and they lapse.
 */
export async function readPick(deps: CoreDeps, conversation: Conversation, history: Message[], turns: Turn[], pending: Message[]): Promise<ChoicePick | null> {
  const [reply] = pending;
  if (!reply || pending.length > 1) return null;
  const offer = history.filter((m) => m.id < reply.id).at(-1);
  const turn = turns.filter((t) => t.messageId < reply.id && (t.reasons.includes(CHOICES_OFFERED) || t.reasons.includes(CONFIRM_OFFERED))).at(-1);
  if (offer?.role !== "assistant" || !offer.choices?.length || !turn || offer.id < turn.messageId) return null;
  const language = customerLanguage(conversation);
  if (turn.reasons.includes(CONFIRM_OFFERED)) {
    const picked = pickConfirmation(reply.text, offer.choices);
    if (picked === 0) return { kind: "resolved", reply: systemText("confirm.thanks", language) };
    if (picked === 1) return { kind: "handoff", reasons: [ANSWER_DID_NOT_HELP], notice: systemText("confirm.didnt_help", language) };
    return null;
  }
  const picked = pickChoice(reply.text, offer.choices);
  if (picked === null) return null;
  const ref = turn.articles[picked];
  if (!ref) return { kind: "handoff", reasons: [CHOICES_DECLINED] };
  const article = await deps.store.getArticle(ref.articleId);
  const version = article?.status === "published" && article.publishedVersion ? await deps.store.getVersion(article.id, article.publishedVersion) : null;
  if (!article || !version) return { kind: "handoff", reasons: [`choice_unavailable:${ref.slug}`] };
  const hit: SearchHit = {
    articleId: article.id,
    slug: article.slug,
    title: version.title,
    version: article.publishedVersion ?? ref.version,
    score: ref.score,
    snippet: "",
    body: version.body,
  };
  const answer: Answer = {
    kind: "answer",
    route: "offline",
    text: systemText("offline.answer", language, { title: hit.title, body: extract(version.body) }),
    citations: [{ articleId: hit.articleId, slug: hit.slug, title: hit.title, version: hit.version }],
    // The customer chose this article from the ones offered: as sure as a clear match.
    confidence: 0.9,
    reasons: [`choice_picked:${hit.slug}`],
    calls: [],
  };
  return { kind: "answer", answer, hits: [hit] };
}

/** Sends choices (or the reply to a confirmation) as an assistant message, with the turn that made it. */
export async function sendBotMessage(
  deps: CoreDeps,
  conversation: Conversation,
  turn: Turn,
  message: { text: string; choices?: Choice[] },
  status: "open" | "resolved",
): Promise<void> {
  const now = deps.clock.now();
  const sent: NewMessage = { id: newId(), role: "assistant", text: message.text, ...(message.choices ? { choices: message.choices } : {}), createdAt: now };
  const outcome: TurnOutcome = {
    conversationId: conversation.id,
    turn,
    // Resolved by the customer's own "yes": a later message reopens the conversation (a turn sets it open again).
    ...(status === "resolved" ? { conversation: { status } } : { botStatus: status }),
    messages: [sent],
    deliver: [{ outboxId: newId(), messageId: sent.id, jobId: newId() }],
  };
  await deps.store.applyOutcome(outcome, now);
  deps.live.publish(conversation.id, { type: "status", data: { state: "idle" } });
  await deps.jobs.notify(jobIdsOf(outcome));
}
