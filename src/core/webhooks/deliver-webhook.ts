import type { GuardedFetch } from "../../ports/guarded-fetch.js";
import type { Metrics } from "../../ports/metrics.js";
import type { WebhookEvent } from "./events.js";
import { webhookSignature } from "./sign.js";

export type WebhookTarget = {
  url: string;
  secret: string;
  /** During a rotation: the old secret, signed into x-frontdesk-signature-previous. */
  previousSecret?: string;
  timeoutMs: number;
  /** WEBHOOKS_ALLOW_PRIVATE_NETWORK: the URL's own host may be private (an internal service). */
  http: GuardedFetch;
  metrics: Metrics;
};

/** Thrown for an answer worth retrying; the job runner backs off and tries again (at-least-once). */
export class WebhookFailed extends Error {}

/**
 * POSTs one event. The body is serialised once and signed as sent; any 2xx is delivered, anything
 * else (or no answer) fails the attempt so the job runs again with the same event id.
 */
export async function deliverWebhook(t: WebhookTarget, event: WebhookEvent): Promise<{ status: number }> {
  const body = JSON.stringify(event);
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "user-agent": "frontdesk-webhooks",
    "x-frontdesk-event": event.type,
    "x-frontdesk-delivery": event.id,
    "x-frontdesk-signature": await webhookSignature(t.secret, body),
  };
  if (t.previousSecret) headers["x-frontdesk-signature-previous"] = await webhookSignature(t.previousSecret, body);
  const res = await t.http.fetch({
    url: t.url,
    method: "POST",
    headers,
    body,
    maxBytes: 64 * 1024,
    timeoutMs: t.timeoutMs,
    // A receiver that redirects is misconfigured; following it would re-post the signed body elsewhere.
    maxRedirects: 0,
  });
  if (!res.ok) {
    t.metrics.webhookDelivery(event.type, "failed");
    throw new WebhookFailed(`webhook ${res.code}: ${res.message}`);
  }
  if (res.status < 200 || res.status >= 300) {
    t.metrics.webhookDelivery(event.type, "failed");
    throw new WebhookFailed(`webhook answered HTTP ${res.status}`);
  }
  t.metrics.webhookDelivery(event.type, "delivered");
  return { status: res.status };
}
