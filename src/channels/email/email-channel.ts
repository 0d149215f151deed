import type { Settings } from "../../config/settings.js";
import type { ChannelModule } from "../../ports/channel.js";
import type { MailTransport } from "../../ports/mail-transport.js";
import type { EmailInboundConfig } from "./accept-email.js";
import { bareAddress } from "./compose-reply.js";
import { emailSender } from "./email-sender.js";
import { emailInboundRoutes } from "./inbound-route.js";

/** Email threading and loop settings, shared by the inbound route, IMAP polling and Workers' email(). */
export function emailInboundConfig(s: Settings): EmailInboundConfig {
  return {
    ownAddresses: s.EMAIL_FROM ? [bareAddress(s.EMAIL_FROM)] : [],
    threadWindowMs: s.EMAIL_THREAD_WINDOW_HOURS * 3600_000,
    maxPerSenderPerHour: s.EMAIL_MAX_PER_SENDER_PER_HOUR,
    maxAttachments: s.EMAIL_MAX_ATTACHMENTS,
  };
}

/**
 * Email: in by the signed inbound route (when EMAIL_INBOUND_SECRET is set), IMAP or Workers' email();
 * out through a mail transport (SMTP on Node) when one is given. Nobody waits live on a mail, so the
 * model may use the off-peak tier; a wrong first mail cannot be unsent, so it waits for review under
 * `risky`; status notices are not mailed (each would be one more mail in the customer's inbox).
 */
export function emailChannel(s: Settings, o: { transport?: MailTransport } = {}): ChannelModule {
  const secret = s.EMAIL_INBOUND_SECRET;
  const from = s.EMAIL_FROM;
  return {
    name: "email",
    capabilities: { streamsDeltas: false, buttons: false, offPeakTier: true, firstReplyNeedsReview: true, deliversNotices: false },
    ...(o.transport && from
      ? {
          sender: (deps) =>
            emailSender({ store: deps.store, transport: o.transport as MailTransport, from, articleUrl: s.EMAIL_ARTICLE_URL, now: () => deps.clock.now() }),
        }
      : {}),
    // Without a secret the route does not exist (404), so nobody can inject mail by accident.
    routes: (deps) => (secret ? [{ path: "/email", app: emailInboundRoutes(deps, { ...emailInboundConfig(s), secret, maxBytes: s.EMAIL_MAX_BYTES }) }] : []),
  };
}
