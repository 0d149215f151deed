import type { RenderMetrics } from "../channels/http/routes/metrics.js";
import { ConfigError, type Settings } from "../config/settings.js";
import type { WebhookTarget } from "../core/webhooks/deliver-webhook.js";
import type { GuardedFetch } from "../ports/guarded-fetch.js";
import type { Metrics } from "../ports/metrics.js";
import type { Store } from "../ports/store.js";

/** What an entry adds for metrics and webhooks (Node: prom-client and the undici guarded fetch). */
export type InsightsWiring = {
  /** A metrics backend built over the store; without one nothing is recorded and /metrics is 404. */
  metrics?: (store: Store) => Metrics & { render: RenderMetrics };
  /** Outbound HTTP for webhooks (the guarded fetch); required when WEBHOOK_URL is set. */
  webhookHttp?: GuardedFetch;
};

/** Where webhooks go and how they are signed; undefined without WEBHOOK_URL. */
export function webhookTarget(s: Settings, http: GuardedFetch | undefined, metrics: Metrics): WebhookTarget | undefined {
  if (!s.WEBHOOK_URL) return undefined;
  if (!s.WEBHOOK_SECRET) throw new ConfigError(["WEBHOOK_SECRET=unset: required when WEBHOOK_URL is set (every delivery is signed)"]);
  if (!http) throw new ConfigError(["WEBHOOK_URL: this runtime has no outbound HTTP client wired for webhooks"]);
  return { url: s.WEBHOOK_URL, secret: s.WEBHOOK_SECRET, previousSecret: s.WEBHOOK_SECRET_PREVIOUS, timeoutMs: s.WEBHOOK_TIMEOUT_MS, http, metrics };
}

/** WEBHOOKS_ALLOW_PRIVATE_NETWORK trusts the webhook URL's own origin, so an internal receiver can be reached. */
export function webhookTrustedOrigins(s: Settings): string[] {
  return s.WEBHOOK_URL && s.WEBHOOKS_ALLOW_PRIVATE_NETWORK ? [new URL(s.WEBHOOK_URL).origin] : [];
}
