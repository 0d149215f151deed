import { toPublicMessage } from "../../core/conversation/public-message.js";
import type { ChannelSender } from "../../ports/channel-sender.js";
import type { LiveEvents } from "../../ports/live-events.js";

/** Web chat has no remote API: a stored message is delivered by pushing it to open streams. */
export function webSender(live: LiveEvents): ChannelSender {
  return {
    async send({ conversation, message }) {
      live.publish(conversation.id, { type: "message", data: toPublicMessage(message) });
      return { ok: true };
    },
  };
}
