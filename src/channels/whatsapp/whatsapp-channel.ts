import type { Settings } from "../../config/settings.js";
import type { CoreDeps } from "../../core/deps.js";
import type { ChannelModule } from "../../ports/channel.js";
import type { Logger } from "../../ports/logger.js";
import { graphApi } from "./graph-api.js";
import type { WhatsAppContext } from "./receive.js";
import { whatsappRoutes } from "./routes.js";
import { CHANNEL } from "./sessions.js";
import { whatsappSender } from "./whatsapp-sender.js";

/** Photos Meta accepts are at most 5 MB; the image intake applies its own limits after. */
const MAX_MEDIA_BYTES = 5 * 1024 * 1024;

/**
 * WhatsApp Business (Cloud API): on when the app secret, access token and phone number id are set.
 * Everything WhatsApp-specific lives in this folder; wire lists the module once.
 */
export function whatsappChannel(s: Settings, o: { logger: Logger; maxMediaBytes?: number }): ChannelModule | undefined {
  const { WHATSAPP_APP_SECRET: appSecret, WHATSAPP_ACCESS_TOKEN: accessToken, WHATSAPP_PHONE_NUMBER_ID: phoneNumberId } = s;
  if (!appSecret || !accessToken || !phoneNumberId) return undefined;
  const api = graphApi({ apiUrl: s.WHATSAPP_API_URL, accessToken, phoneNumberId });
  const template = s.WHATSAPP_TEMPLATE_NAME ? { name: s.WHATSAPP_TEMPLATE_NAME, language: s.WHATSAPP_TEMPLATE_LANGUAGE } : undefined;
  const context = (deps: CoreDeps): WhatsAppContext => ({
    deps,
    api,
    maxMediaBytes: Math.min(o.maxMediaBytes ?? MAX_MEDIA_BYTES, deps.policy.maxAttachmentBytes ?? MAX_MEDIA_BYTES),
    background: (work) => void work,
  });
  return {
    name: CHANNEL,
    capabilities: { streamsDeltas: false, buttons: true, offPeakTier: false, firstReplyNeedsReview: false, deliversNotices: true },
    sender: (deps) => whatsappSender(deps, api, template),
    routes: (deps) => [{ path: "/whatsapp", app: whatsappRoutes(context(deps), { appSecret, verifyToken: s.WHATSAPP_VERIFY_TOKEN, logger: o.logger }) }],
  };
}
