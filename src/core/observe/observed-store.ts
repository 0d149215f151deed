import type { Metrics } from "../../ports/metrics.js";
import type { ConversationPatch, NewJob, NewMessage, Store, TurnOutcome } from "../../ports/store.js";
import { reasonCode } from "../reasons/code.js";
import type { Conversation } from "../types.js";
import { conversationData, draftData, messageData, type WebhookEventType, type WebhookFilter, webhookJobs } from "../webhooks/events.js";
import { recordTurnMetrics } from "./turn-metrics.js";

export type Observers = {
  metrics: Metrics;
  /** The events to send (WEBHOOK_EVENTS); undefined when no WEBHOOK_URL is set. */
  webhooks?: WebhookFilter;
  now: () => number;
  /** Rings the job queue for events enqueued outside a core write (which notifies its own jobs). */
  notify: (jobIds: string[]) => void | Promise<void>;
};

type Pending = { type: WebhookEventType; data: Record<string, unknown> }[];

/** Events a conversation change causes: only a real transition counts, so a repeated write says nothing. */
function transitionEvents(before: Conversation | null, patch: ConversationPatch | undefined, botStatus: string | undefined): Pending {
  if (!before) return [];
  const status = patch?.status ?? (before.assigneeId || before.status === "handed_off" ? undefined : botStatus);
  if (!status || status === before.status) return [];
  const after = { ...before, ...patch, status } as Conversation;
  if (status === "handed_off")
    return [{ type: "conversation.handed_off", data: { conversation: conversationData(after), reason: patch?.handoffReason ?? null } }];
  if (status === "resolved") return [{ type: "conversation.resolved", data: { conversation: conversationData(after) } }];
  return [];
}

function messageEvents(conversationId: string, messages: NewMessage[] | undefined): Pending {
  return (messages ?? []).map((m) => ({ type: "message.created" as const, data: { message: messageData(conversationId, m) } }));
}

/**
 * The store as core sees it, plus what operators and other systems follow: metrics for every turn and
 * webhook events for every write that creates a conversation, a message, a held draft or a handoff.
 * Events ride in the same write as the change where the store takes jobs (outcomes, drafts), so a
 * crash can never keep the change and lose the event; elsewhere they are enqueued right after.
 */
export function observedStore(store: Store, o: Observers): Store {
  const hooks = o.webhooks;
  const enqueue = async (events: Pending) => {
    if (!hooks) return;
    const now = o.now();
    const jobs = webhookJobs(hooks, events, now);
    for (const job of jobs) await store.enqueue(job, now);
    if (jobs.length) await o.notify(jobs.map((j) => j.id));
  };
  const countHandoff = (before: Conversation | null, transitions: Pending, reasons: string[]) => {
    if (!transitions.some((e) => e.type === "conversation.handed_off")) return;
    for (const code of new Set(reasons.map(reasonCode))) o.metrics.handoff(code, before?.channel ?? "unknown");
  };
  // The core rings the queue for the jobs it wrote; the event jobs added here it does not know of.
  const ringAdded = async (given: TurnOutcome, observed: TurnOutcome) => {
    const added = (observed.jobs ?? []).slice(given.jobs?.length ?? 0).map((j) => j.id);
    if (added.length) await o.notify(added);
  };
  /** Adds the outcome's events to its jobs and counts a handoff it causes. */
  const observe = async (outcome: TurnOutcome): Promise<TurnOutcome> => {
    const changesStatus = outcome.conversation?.status || (hooks && outcome.botStatus);
    const before = changesStatus ? await store.getConversation(outcome.conversationId) : null;
    const transitions = transitionEvents(before, outcome.conversation, outcome.botStatus);
    countHandoff(before, transitions, outcome.turn?.reasons ?? [outcome.conversation?.handoffReason ?? "unknown"]);
    if (!hooks) return outcome;
    const events: Pending = [...transitions, ...messageEvents(outcome.conversationId, outcome.messages)];
    if (outcome.draft?.status === "pending") events.push({ type: "draft.held", data: { draft: draftData(outcome.draft) } });
    const jobs: NewJob[] = webhookJobs(hooks, events, o.now());
    return jobs.length ? { ...outcome, jobs: [...(outcome.jobs ?? []), ...jobs] } : outcome;
  };
  return {
    ...store,
    async createConversation(input) {
      const created = await store.createConversation(input);
      await enqueue([{ type: "conversation.created", data: { conversation: conversationData(created) } }]);
      return created;
    },
    async appendInbound(input) {
      const result = await store.appendInbound(input);
      if (!result.duplicate) await enqueue(messageEvents(input.conversationId, [input.message]));
      return result;
    },
    async appendMessage(conversationId, message, patch) {
      const before = patch?.status ? await store.getConversation(conversationId) : null;
      await store.appendMessage(conversationId, message, patch);
      const transitions = transitionEvents(before, patch, undefined);
      countHandoff(before, transitions, [patch?.handoffReason ?? "unknown"]);
      await enqueue([...transitions, ...messageEvents(conversationId, [message])]);
    },
    async updateConversation(id, patch, now, audit) {
      const before = patch.status ? await store.getConversation(id) : null;
      await store.updateConversation(id, patch, now, audit);
      const transitions = transitionEvents(before, patch, undefined);
      countHandoff(before, transitions, [patch.handoffReason ?? "unknown"]);
      await enqueue(transitions);
    },
    async applyOutcome(outcome, now) {
      const observed = await observe(outcome);
      await store.applyOutcome(observed, now);
      await ringAdded(outcome, observed);
      // The write has committed: a metrics read that fails (a locked database) must not fail the turn.
      if (outcome.turn) await recordTurnMetrics(store, o.metrics, outcome, now).catch(() => {});
    },
    async decideDraft(id, from, patch, outcome, now) {
      const observed = await observe(outcome);
      const won = await store.decideDraft(id, from, patch, observed, now);
      if (won) await ringAdded(outcome, observed);
      return won;
    },
  };
}
