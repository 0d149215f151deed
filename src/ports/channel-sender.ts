import type { Channel, Conversation, Message } from "../core/types.js";

export type SendResult = { ok: true; externalId?: string } | { ok: false; retryable: boolean; error: string; retryAfterMs?: number };

/**
 * Delivers one stored message on a channel. `idempotencyKey` is stable across retries (the outbox id)
 * so a channel that supports it never shows the customer the same reply twice.
 */
export interface ChannelSender {
  send(input: { conversation: Conversation; message: Message; idempotencyKey: string }): Promise<SendResult>;
}

export type ChannelSenders = Partial<Record<Channel, ChannelSender>>;
