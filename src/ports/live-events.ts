import type { LiveEvent } from "../core/types.js";

/** Pushes progress and messages to whoever is watching a conversation (SSE). */
export interface LiveEvents {
  publish(conversationId: string, event: LiveEvent): void;
  subscribe(conversationId: string, listener: (event: LiveEvent) => void): () => void;
}
