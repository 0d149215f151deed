import type { NewMessage, TurnOutcome } from "../../ports/store.js";
import { turnCustomer } from "../actions/customer.js";
import { visionModelCalls } from "../attachments/read-attachment.js";
import { choiceCandidates } from "../choices/candidates.js";
import { articleChoices, CHOICES_OFFERED, CONFIRM_OFFERED, CUSTOMER_CONFIRMED, confirmChoices, readPick, sendBotMessage } from "../choices/turn-choices.js";
import { jobIdsOf, noticeDelivery } from "../delivery/notice-delivery.js";
import type { CoreDeps } from "../deps.js";
import { askedForMoreInstead, followPlan, sendDialogReply, understandTurn, withoutExcluded } from "../dialog/dialog-turn.js";
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
import { articlesSeenBefore, protectedFor } from "./prompt-context.js";
import { tellAboutRejected } from "./rejected-files.js";
import { coalesce, pendingCustomerMessages, supersededBy, turnDueAt, WITH_HUMAN } from "./turn-queue.js";

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
 * The `turn` job: answers what the customer has written since the last answer (DESIGN.md, steps 2–6),
 * one turn at a time per conversation (turn-queue.ts). Idempotent: once a turn has settled the
 * pending messages there is nothing left, so a retried, recovered or covered job never answers twice.
 */
export async function processTurn(deps: CoreDeps, payload: { conversationId: string; messageId?: string }): Promise<void> {
  const { store, live, clock } = deps;
  const started = clock.now();
  const loaded = await store.getConversation(payload.conversationId);
  if (!loaded) return;
  const [messagesSoFar, turnsSoFar] = await Promise.all([store.listMessages(loaded.id), store.listTurns(loaded.id)]);
  const pending = pendingCustomerMessages(messagesSoFar, turnsSoFar);
  const message = coalesce(pending);
  // Nothing pending: an earlier turn answered this job's message together with others.
  if (!message) return;
  // The newest message is a fragment still in its quiet window: its own job, due when the window
  // closes, answers everything then.
  if (turnDueAt(deps, loaded, message) > clock.now()) return;
  const pendingIds = new Set(pending.map((m) => m.id));
  const { conversation, language, history, plan } = await understandTurn(deps, loaded, message);
  const log = deps.logger.child({ conversationId: conversation.id, messageId: message.id });

  // The "waiting for a person" trace of the newest message, if any: the turn that answers it replaces it.
  const waiting = turnsSoFar.find((t) => t.messageId === message.id && t.reasons.includes(WITH_HUMAN));
  // Vision calls made reading this message's images belong to its turn: cost, stats and budget count them.
  let visionCalls: ModelCall[] = [];
  const baseTurn = (route: Turn["route"], reasons: string[], hits: SearchHit[], answerCalls: ModelCall[]): Turn => {
    const calls = [...visionCalls, ...answerCalls];
    const total = sumCalls(calls);
    const last = answerCalls.filter((c) => c.ok).at(-1) ?? answerCalls.at(-1);
    return {
      id: waiting?.id ?? newId(),
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
  const attachments = (await store.listAttachments(conversation.id)).filter((a) => pendingIds.has(a.messageId));
  if (deps.attachments) {
    for (const a of attachments.filter((x) => x.status === "pending")) await deps.attachments.process(a);
    visionCalls = visionModelCalls((await store.listAttachments(conversation.id)).filter((a) => pendingIds.has(a.messageId)));
  }

  // A person owns the conversation: the messages wait for them, visibly, and the bot stays quiet. The
  // trace says so without settling them, so a hand-back to the bot still answers them.
  if (conversation.status === "handed_off" || conversation.assigneeId) {
    if (!waiting) await store.applyOutcome({ conversationId: conversation.id, turn: baseTurn("human", [WITH_HUMAN], [], []) }, clock.now());
    log.info("turn.skipped_human_owned");
    return;
  }

  live.publish(conversation.id, { type: "status", data: { state: "thinking" } });
  // Read on every turn: a profile change applies to the next turn, with no restart.
  const profile = await loadProfile(store);
  const readAttachments = deps.attachments ? (await store.listAttachments(conversation.id)).filter((a) => pendingIds.has(a.messageId)) : attachments;
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
  let notice: string | undefined;
  const replyMessageId = newId();
  const pick = await readPick(deps, conversation, history, turnsSoFar, pending);
  if (pick?.kind === "resolved") {
    await sendBotMessage(deps, conversation, baseTurn("offline", [CUSTOMER_CONFIRMED], [], []), { text: pick.reply }, "resolved");
    log.info("turn.resolved_by_customer");
    return;
  }
  if (pick?.kind === "answer") {
    result = pick.answer;
    hits = pick.hits;
  } else if (pick?.kind === "handoff") {
    result = { kind: "handoff", reasons: pick.reasons, calls: [] };
    notice = pick.notice;
  } else if (rules.humanRequested || rules.risks.length > 0) {
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
    if (pending.length > 1) result.reasons.push(`coalesced:${pending.length}`);
    followPlan(plan, result, language);
    if (await askedForMoreInstead(deps, conversation, plan, result, history, language, baseTurn("offline", result.reasons, hits, result.calls))) return;
    // No clear match offline: the closest articles as choices, rather than a handoff.
    const candidates = result.kind === "handoff" && result.route === "offline" ? choiceCandidates(query, hits) : [];
    if (candidates.length > 0) {
      const offer = articleChoices(language, deps.capabilities(conversation.channel).buttons, candidates);
      await sendBotMessage(deps, conversation, baseTurn("offline", [...result.reasons, CHOICES_OFFERED], candidates, []), offer, "open");
      log.info("turn.choices_offered", { count: candidates.length });
      return;
    }
  }
  if (result.kind === "answer" && (await supersededBy(deps, conversation.id, message.id, () => baseTurn(result.route, result.reasons, hits, result.calls)))) {
    log.info("turn.superseded", { route: result.route });
    return;
  }
  if (result.kind === "answer") {
    // The message itself had no risk topic (it would have been handed off above); what the files
    // say and what the customer said earlier in this conversation still put the draft on one.
    const earlier = history.filter((m) => m.role === "customer" && !pendingIds.has(m.id)).map((m) => m.text);
    const risks = triageRules([message.text, attachmentText(readAttachments), ...earlier].join("\n"), deps.policy.riskTopics).risks;
    await finishAnswer(deps, profile, conversation, message, history, result, baseTurn, hits, replyMessageId, risks);
    return;
  }
  await finishHandoff(deps, conversation, result, baseTurn("human", result.reasons, hits, result.calls), notice);
  // Reasons can carry model-written text (a handoff tool's reason): the log gets their codes only.
  log.info("turn.handoff", { reasons: result.reasons.map(reasonCode) });
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
  // Sent at once where there are buttons: "Did this answer your question?" follows the answer.
  const confirm = !review.hold && deps.capabilities(conversation.channel).buttons ? confirmChoices(customerVoice(profile, conversation, now).language) : null;
  const turn = {
    ...baseTurn(answer.route, [...answer.reasons, ...review.reasons.map((r) => `review:${r}`), ...(confirm ? [CONFIRM_OFFERED] : [])], hits, answer.calls),
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
  outcome.messages = confirm ? [sent, { id: newId(), role: "assistant", ...confirm, createdAt: now }] : [sent];
  outcome.deliver = review.hold
    ? noticeDelivery(deps, conversation.channel, sent.id)
    : outcome.messages.map((m) => ({ outboxId: newId(), messageId: m.id, jobId: newId() }));
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
  noticeText?: string,
) {
  const now = deps.clock.now();
  const profile = await loadProfile(deps.store);
  const text = noticeText ?? handoffNotice(result.reasons, customerVoice(profile, conversation, now));
  const notice: NewMessage = { id: newId(), role: "system", text, createdAt: now };
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
