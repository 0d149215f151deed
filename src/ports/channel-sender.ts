import type { Channel, Conversation, Message } from "../core/types.js";

export type SendResult = { ok: true; externalId?: string } | { ok: false; retryable: boolean; error: string; retryAfterMs?: number };

/**
 * Delivers one stored message on a channel. `idempotencyKey` is stable across retries (the outbox id)
 * so a channel that supports it never shows the customer the same reply twice.
 */
export interface ChannelSender {
  /** `retry` is true when an earlier attempt may have reached the channel (a failure or a crash mid-send). */
  send(input: { conversation: Conversation; message: Message; idempotencyKey: string; retry?: boolean }): Promise<SendResult>;
}

export type ChannelSenders = Partial<Record<Channel, ChannelSender>>;
