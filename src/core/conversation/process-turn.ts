import type { NewMessage, TurnOutcome } from "../../ports/store.js";
import { turnCustomer } from "../actions/customer.js";
import { visionModelCalls } from "../attachments/read-attachment.js";
import { jobIdsOf, noticeDelivery } from "../delivery/notice-delivery.js";
import type { CoreDeps } from "../deps.js";
import { askedForMoreInstead, followPlan, sendDialogReply, understandTurn, withoutExcluded } from "../dialog/dialog-turn.js";
import type { ProtectedText } from "../guardrails/output-leak.js";
import { newId } from "../ids.js";
import { loadProfile } from "../profile/curate-profile.js";
import { customerVoice } from "../profile/customer-voice.js";
import { firstResponseDueAt } from "../profile/reply-time.js";
import type { WorkspaceProfile } from "../profile/schema.js";
import { reasonCode } from "../reasons/code.js";
import type { Answer, Handoff } from "../responders/responder.js";
import { mentionsPromise, reviewDecision } from "../review/policy.js";
import { systemText } from "../texts/catalogue.js";
import { handoffNotice } from "../texts/notices.js";
import { higherPriority } from "../triage/offline-triage.js";
import { triageRules } from "../triage/rules.js";
import type { Attachment, Conversation, Message, ModelCall, SearchHit, Turn } from "../types.js";
import { tellAboutRejected } from "./rejected-files.js";

/** Text read from attachments is customer content: it joins the search query, never the instructions. */
function attachmentText(attachments: Attachment[]): string {
  return attachments
    .map((a) => a.extracted as { text?: string; description?: string } | null)
    .map((e) => [e?.description, e?.text].filter(Boolean).join(" "))
    .join(" ")
    .slice(0, 2000);
}

export function startOfUtcDay(now: number): number {
  const d = new Date(now);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
}

function sumCalls(calls: ModelCall[]) {
  const total = { inputTokens: 0, cachedTokens: 0, outputTokens: 0, reasoningTokens: 0, costUsd: 0, ttftMs: null as number | null };
  for (const c of calls) {
    total.inputTokens += c.inputTokens;
    total.cachedTokens += c.cachedTokens;
    total.outputTokens += c.outputTokens;
    total.reasoningTokens += c.reasoningTokens;
    total.costUsd += c.costUsd;
    if (total.ttftMs === null && c.ttftMs !== null) total.ttftMs = c.ttftMs;
  }
  return total;
}

/**
 * The `turn` job: answers one customer message (DESIGN.md, steps 2–6). Idempotent: a turn already
 * recorded for the message is not run again, so a retried or recovered job never answers twice.
 */
export async function processTurn(deps: CoreDeps, payload: { conversationId: string; messageId: string }): Promise<void> {
  const { store, live, clock } = deps;
  const started = clock.now();
  const loaded = await store.getConversation(payload.conversationId);
  const message = await store.getMessage(payload.messageId);
  if (!loaded || !message) return;
  if (await store.getTurnByMessage(message.id)) return;
  const { conversation, language, history, plan } = await understandTurn(deps, loaded, message);
  const log = deps.logger.child({ conversationId: conversation.id, messageId: message.id });

  // Vision calls made reading this message's images belong to its turn: cost, stats and budget count them.
  let visionCalls: ModelCall[] = [];
  const baseTurn = (route: Turn["route"], reasons: string[], hits: SearchHit[], answerCalls: ModelCall[]): Turn => {
    const calls = [...visionCalls, ...answerCalls];
    const total = sumCalls(calls);
    const last = answerCalls.filter((c) => c.ok).at(-1) ?? answerCalls.at(-1);
    return {
      id: newId(),
      conversationId: conversation.id,
      messageId: message.id,
      route,
      reasons,
      triage: null,
      articles: hits.map((h) => ({ articleId: h.articleId, slug: h.slug, version: h.version, score: h.score })),
      calls,
      model: last?.model ?? null,
      effort: last?.effort ?? null,
      ...total,
      costUsd: Math.round(total.costUsd * 1e6) / 1e6,
      latencyMs: clock.now() - started,
      reasoningSummary: null,
      createdAt: clock.now(),
    };
  };

  // Attachments are read even when a person owns the conversation: agents see the extracted fields.
  const attachments = (await store.listAttachments(conversation.id)).filter((a) => a.messageId === message.id);
  if (deps.attachments) {
    for (const a of attachments.filter((x) => x.status === "pending")) await deps.attachments.process(a);
    visionCalls = visionModelCalls((await store.listAttachments(conversation.id)).filter((a) => a.messageId === message.id));
  }

  // A person owns the conversation: the message waits for them, visibly, and the bot stays quiet.
  if (conversation.status === "handed_off" || conversation.assigneeId) {
    await store.applyOutcome({ conversationId: conversation.id, turn: baseTurn("human", ["conversation_with_human"], [], []) }, clock.now());
    log.info("turn.skipped_human_owned");
    return;
  }

  live.publish(conversation.id, { type: "status", data: { state: "thinking" } });
  // Read on every turn: a profile change applies to the next turn, with no restart.
  const profile = await loadProfile(store);
  const readAttachments = deps.attachments ? (await store.listAttachments(conversation.id)).filter((a) => a.messageId === message.id) : attachments;
  const rejected = readAttachments.filter((a) => a.status === "rejected");
  if (
    rejected.length > 0 &&
    (await tellAboutRejected(
      deps,
      profile,
      conversation,
      message,
      rejected,
      rejected.length === readAttachments.length && message.text.trim() === "",
      baseTurn,
    ))
  ) {
    log.info("turn.only_rejected_attachments");
    return;
  }
  const rules = triageRules(message.text, deps.policy.riskTopics);

  let result: Answer | Handoff;
  let hits: SearchHit[] = [];
  if (rules.humanRequested || rules.risks.length > 0) {
    result = { kind: "handoff", reasons: rules.reasons, calls: [] };
  } else if (plan.kind === "reply") {
    await sendDialogReply(deps, conversation, plan, language, baseTurn("offline", [], [], []));
    return;
  } else {
    const query = `${plan.query} ${attachmentText(readAttachments)}`.trim(); // greetings and sign-offs never reach the search
    hits = withoutExcluded(await deps.search.search(query, { limit: 5 + plan.exclude.length, withBody: true }), plan).slice(0, 5);
    let responder = deps.responder;
    const budgetReasons: string[] = [];
    if (deps.policy.dailyBudgetUsd !== undefined && responder.capabilities.spendsBudget) {
      const spent = await store.costSince(startOfUtcDay(clock.now()));
      if (spent >= deps.policy.dailyBudgetUsd) {
        responder = deps.offline;
        budgetReasons.push(`daily_budget_spent:${spent.toFixed(4)}`);
      }
    }
    const replyMessageId = newId();
    // Only a responder that writes its own text can repeat what it was never shown.
    const protectedTexts = responder.capabilities.writesFreeText ? await protectedFor(deps, conversation) : [];
    const knownArticles = responder.capabilities.writesFreeText ? await articlesSeenBefore(deps, conversation.id) : [];
    const reviewNeededUpfront = deps.policy.reviewMode === "all";
    result = await responder.respond({
      conversation,
      history,
      message,
      attachments: readAttachments,
      hits,
      query,
      language,
      rules,
      replyMessageId,
      live: deps.capabilities(conversation.channel).streamsDeltas && !reviewNeededUpfront,
      onDelta: (text) => live.publish(conversation.id, { type: "delta", data: { messageId: replyMessageId, text } }),
      onStatus: (state) => live.publish(conversation.id, { type: "status", data: { state } }),
      protectedTexts,
      knownArticles,
      profile,
      customer: await turnCustomer(deps, conversation),
    });
    result.reasons.unshift(...budgetReasons);
    followPlan(plan, result, language);
    if (await askedForMoreInstead(deps, conversation, plan, result, history, language, baseTurn("offline", result.reasons, hits, result.calls))) return;
    if (result.kind === "answer") {
      // The message itself had no risk topic (it would have been handed off above); what the files
      // say and what the customer said earlier in this conversation still put the draft on one.
      const earlier = history.filter((m) => m.role === "customer" && m.id !== message.id).map((m) => m.text);
      const risks = triageRules([message.text, attachmentText(readAttachments), ...earlier].join("\n"), deps.policy.riskTopics).risks;
      await finishAnswer(deps, profile, conversation, message, history, result, baseTurn, hits, replyMessageId, risks);
      return;
    }
  }
  await finishHandoff(deps, conversation, result, baseTurn("human", result.reasons, hits, result.calls));
  // Reasons can carry model-written text (a handoff tool's reason): the log gets their codes only.
  log.info("turn.handoff", { reasons: result.reasons.map(reasonCode) });
}

/** At most this many earlier articles stay in the prompt (the knowledge budget clips them further). */
const KNOWN_ARTICLES_MAX = 8;

/** The articles earlier turns retrieved, first seen first, at the version each turn saw. */
async function articlesSeenBefore(deps: CoreDeps, conversationId: string): Promise<SearchHit[]> {
  const refs = new Map<string, number>();
  for (const turn of await deps.store.listTurns(conversationId)) {
    for (const a of turn.articles) if (!refs.has(a.articleId) && refs.size < KNOWN_ARTICLES_MAX) refs.set(a.articleId, a.version);
  }
  const out: SearchHit[] = [];
  for (const [articleId, seen] of refs) {
    const article = await deps.store.getArticle(articleId);
    // An article archived or deleted since is not offered again; one republished since is offered
    // at its current version (right over cacheable).
    if (article?.status !== "published") continue;
    const version = article.publishedVersion ?? seen;
    const v = await deps.store.getVersion(articleId, version);
    if (v) out.push({ articleId, slug: article.slug, title: v.title, version, score: 0, snippet: "", body: v.body });
  }
  return out;
}

/** How many recent customer messages of other conversations an answer is compared against. */
const OTHER_CONVERSATION_WINDOW = 300;

/**
 * What an answer here must never repeat: staff-only notes on this conversation (handoff and rejection
 * reasons, earlier reasoning summaries) and recent messages from other customers.
 */
async function protectedFor(deps: CoreDeps, conversation: Conversation): Promise<ProtectedText[]> {
  const [drafts, turns, others] = await Promise.all([
    deps.store.listDrafts({ conversationId: conversation.id, limit: 50 }),
    deps.store.listTurns(conversation.id),
    deps.store.recentCustomerTexts(conversation.id, OTHER_CONVERSATION_WINDOW),
  ]);
  const notes = [conversation.handoffReason, ...drafts.map((d) => d.rejectReason)].filter((t): t is string => Boolean(t));
  const summaries = turns
    .slice(-10)
    .map((t) => t.reasoningSummary?.replace(/^\[(fast|high)\] /, ""))
    .filter((t): t is string => Boolean(t));
  return [
    ...notes.map((text) => ({ kind: "staff_note" as const, text, minWords: 6 })),
    ...summaries.map((text) => ({ kind: "reasoning" as const, text, minWords: 8 })),
    ...others.map((text) => ({ kind: "other_conversation" as const, text, minWords: 8 })),
  ];
}

async function finishAnswer(
  deps: CoreDeps,
  profile: WorkspaceProfile,
  conversation: Conversation,
  message: Message,
  history: Message[],
  answer: Answer,
  baseTurn: (route: Turn["route"], reasons: string[], hits: SearchHit[], calls: ModelCall[]) => Turn,
  hits: SearchHit[],
  replyMessageId: string,
  risks: string[],
) {
  const now = deps.clock.now();
  const firstReplyInThread = !history.some((m) => m.role === "assistant" || m.role === "agent");
  const review = reviewDecision({
    mode: deps.policy.reviewMode,
    route: answer.route,
    confidence: answer.confidence,
    confidenceThreshold: deps.policy.confidenceThreshold,
    risks,
    guards: answer.guards ?? [],
    promises: answer.promises ?? mentionsPromise(answer.text),
    firstReplyNeedsReview: deps.capabilities(conversation.channel).firstReplyNeedsReview && firstReplyInThread,
  });
  const turn = {
    ...baseTurn(answer.route, [...answer.reasons, ...review.reasons.map((r) => `review:${r}`)], hits, answer.calls),
    triage: answer.triage ?? null,
    reasoningSummary: answer.reasoningSummary ?? null,
  };
  const draftId = newId();
  const outcome: TurnOutcome = {
    conversationId: conversation.id,
    turn,
    // Turns of one conversation can overlap (a handoff request right after a question): a person who
    // took over while this answer was being written keeps the conversation.
    botStatus: review.hold ? "waiting" : "open",
    draft: {
      id: draftId,
      conversationId: conversation.id,
      turnId: turn.id,
      replyToMessageId: message.id,
      text: answer.text,
      editedText: null,
      mode: answer.route,
      confidence: answer.confidence,
      citations: answer.citations,
      reasons: [...answer.reasons, ...review.reasons],
      status: review.hold ? "pending" : "sent",
      decidedBy: review.hold ? null : "policy",
      decidedAt: review.hold ? null : now,
      rejectReason: null,
      createdAt: now,
    },
    conversation: {
      ...(answer.triage?.category ? { category: String(answer.triage.category) } : {}),
      // The model may refine the priority but never lowers what the offline rules found.
      ...(answer.triage?.priority ? { priority: higherPriority(conversation.priority, String(answer.triage.priority)) } : {}),
      ...(answer.summary ? { summary: answer.summary } : {}),
    },
  };
  const sent: NewMessage = review.hold
    ? {
        id: newId(),
        role: "system",
        text: systemText("review.pending", customerVoice(profile, conversation, now).language, undefined, profile.texts),
        createdAt: now,
      }
    : { id: replyMessageId, role: "assistant", text: answer.text, citations: answer.citations, draftId, createdAt: now };
  outcome.messages = [sent];
  outcome.deliver = review.hold ? noticeDelivery(deps, conversation.channel, sent.id) : [{ outboxId: newId(), messageId: sent.id, jobId: newId() }];
  if (review.hold) outcome.jobs = [{ id: newId(), kind: "draft_held", payload: { draftId }, runAt: now, dedupeKey: `draft_held:${draftId}` }];
  await deps.store.applyOutcome(outcome, now);
  deps.live.publish(conversation.id, { type: "status", data: { state: review.hold ? "waiting_review" : "idle" } });
  await deps.jobs.notify(jobIdsOf(outcome));
  deps.logger.info("turn.answered", {
    conversationId: conversation.id,
    route: answer.route,
    held: review.hold,
    costUsd: turn.costUsd,
    latencyMs: turn.latencyMs,
  });
}

/** Hands the conversation to a person and tells the customer what happens next. */
export async function finishHandoff(
  deps: CoreDeps,
  conversation: Conversation,
  result: Pick<Handoff, "reasons" | "triage" | "reasoningSummary" | "summary">,
  turn: Turn | undefined,
) {
  const now = deps.clock.now();
  const profile = await loadProfile(deps.store);
  const notice: NewMessage = { id: newId(), role: "system", text: handoffNotice(result.reasons, customerVoice(profile, conversation, now)), createdAt: now };
  const deliver = noticeDelivery(deps, conversation.channel, notice.id);
  await deps.store.applyOutcome(
    {
      conversationId: conversation.id,
      turn: turn ? { ...turn, route: "human", triage: result.triage ?? null, reasoningSummary: result.reasoningSummary ?? null } : undefined,
      conversation: {
        status: "handed_off",
        handoffReason: result.reasons.join(", ").slice(0, 500),
        priority: result.reasons.some((r) => r.startsWith("risk_topic")) ? higherPriority(conversation.priority, "high") : conversation.priority,
        ...(result.summary ? { summary: result.summary } : {}),
        handedOffAt: now,
        firstResponseDueAt: firstResponseDueAt(profile, now),
        firstResponseAt: null,
      },
      messages: [notice],
      deliver,
    },
    now,
  );
  deps.live.publish(conversation.id, { type: "status", data: { state: "handed_off" } });
  await deps.jobs.notify(jobIdsOf({ deliver }));
}
