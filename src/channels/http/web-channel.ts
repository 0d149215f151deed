import type { ChannelModule } from "../../ports/channel.js";
import { webSender } from "./web-sender.js";

/** Web chat: the chat API lives in the HTTP app itself; replies stream to open pages. */
export const webChannel: ChannelModule = {
  name: "web",
  capabilities: { streamsDeltas: true, buttons: true, offPeakTier: false, firstReplyNeedsReview: false, deliversNotices: true },
  sender: (deps) => webSender(deps.live),
};
