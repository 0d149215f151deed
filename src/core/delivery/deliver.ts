import type { CoreDeps } from "../deps.js";
import { newId } from "../ids.js";

export class RetryLater extends Error {
  constructor(
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/**
 * The `deliver` job: sends one outbox row on its channel. A row already sent is skipped, so a job
 * retried after a crash never sends twice; the outbox id is the channel's idempotency key.
 */
export async function deliverOutbox(deps: CoreDeps, payload: { outboxId: string }, attempt = 1): Promise<void> {
  const item = await deps.store.getOutbox(payload.outboxId);
  if (!item || item.status === "sent") return;
  const [conversation, message] = await Promise.all([deps.store.getConversation(item.conversationId), deps.store.getMessage(item.messageId)]);
  if (!conversation || !message) return;
  const sender = deps.senders[conversation.channel];
  if (!sender) {
    // The channel is not configured here (switched off, or no outbound mail on this runtime): the
    // reply cannot reach the customer, so a person must, and agents see why.
    await failDelivery(deps, item.id, item.conversationId, `channel ${conversation.channel} has no sender configured`);
    return;
  }
  const result = await sender.send({ conversation, message, idempotencyKey: item.id, retry: attempt > 1 });
  if (result.ok) {
    await deps.store.markOutbox(item.id, { status: "sent", externalId: result.externalId ?? null }, deps.clock.now());
    return;
  }
  if (result.retryable) throw new RetryLater(result.error, result.retryAfterMs);
  await failDelivery(deps, item.id, item.conversationId, result.error);
}

/** A reply that cannot be delivered goes to a person, with the reason on the conversation. */
export async function failDelivery(deps: CoreDeps, outboxId: string, conversationId: string, error: string): Promise<void> {
  const now = deps.clock.now();
  await deps.store.markOutbox(outboxId, { status: "failed", lastError: error.slice(0, 500) }, now);
  await deps.store.applyOutcome(
    {
      conversationId,
      conversation: { status: "handed_off", handoffReason: `delivery_failed: ${error}`.slice(0, 500) },
      audit: [{ id: newId(), actor: "system", action: "delivery_failed", entity: "outbox", entityId: outboxId, detail: { error } }],
    },
    now,
  );
  deps.logger.error("outbox.failed", { outboxId, conversationId, error });
}
