import type { LiveEvent } from "../../core/types.js";
import type { LiveEvents } from "../../ports/live-events.js";

/** Live events inside one process (Node). Workers use a Durable Object per conversation instead. */
export function memoryLiveEvents(): LiveEvents {
  const listeners = new Map<string, Set<(event: LiveEvent) => void>>();
  return {
    publish(conversationId, event) {
      for (const listener of listeners.get(conversationId) ?? []) listener(event);
    },
    subscribe(conversationId, listener) {
      const set = listeners.get(conversationId) ?? new Set();
      listeners.set(conversationId, set);
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(conversationId);
      };
    },
  };
}
