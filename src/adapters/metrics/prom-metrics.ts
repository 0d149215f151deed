import { Counter, Gauge, Histogram, Registry } from "prom-client";
import type { Clock } from "../../ports/clock.js";
import type { InsightsStore } from "../../ports/insights-store.js";
import type { Metrics } from "../../ports/metrics.js";
import type { JobStore } from "../../ports/store.js";

/** Seconds from a tenth of a second to five minutes: chat replies, model rounds and email turns alike. */
const LATENCY_BUCKETS = [0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30, 60, 120, 300];

export type PromMetrics = Metrics & { render(): Promise<{ contentType: string; body: string }> };

/**
 * The Metrics port on prom-client, one registry per process (never the global one, so two servers
 * in one test process do not share counts). Queue and outbox gauges are read from the store on scrape.
 */
export function promMetrics(store: JobStore & InsightsStore, clock: Clock): PromMetrics {
  const registry = new Registry();
  const reg = { registers: [registry] };
  const turns = new Counter({
    name: "frontdesk_turns_total",
    help: "Turns by route, mode, channel and outcome",
    labelNames: ["route", "mode", "channel", "outcome"],
    ...reg,
  });
  const handoffs = new Counter({ name: "frontdesk_handoffs_total", help: "Handoffs to a person by reason code", labelNames: ["reason", "channel"], ...reg });
  const calls = new Counter({ name: "frontdesk_model_calls_total", help: "Model calls", labelNames: ["model", "purpose", "ok"], ...reg });
  const tokens = new Counter({ name: "frontdesk_model_tokens_total", help: "Model tokens by kind", labelNames: ["model", "kind"], ...reg });
  const cost = new Counter({ name: "frontdesk_model_cost_usd_total", help: "Model cost in US dollars", labelNames: ["model"], ...reg });
  const reply = new Histogram({
    name: "frontdesk_reply_latency_seconds",
    help: "From accepting a customer message to writing the reply or handoff",
    labelNames: ["channel"],
    buckets: LATENCY_BUCKETS,
    ...reg,
  });
  const firstDelta = new Histogram({
    name: "frontdesk_time_to_first_delta_seconds",
    help: "From the model request to its first streamed text",
    labelNames: ["route"],
    buckets: LATENCY_BUCKETS,
    ...reg,
  });
  const ocr = new Histogram({ name: "frontdesk_ocr_duration_seconds", help: "OCR of one image", labelNames: ["ok"], buckets: LATENCY_BUCKETS, ...reg });
  const webhooks = new Counter({ name: "frontdesk_webhook_deliveries_total", help: "Webhook delivery attempts", labelNames: ["type", "outcome"], ...reg });
  new Gauge({
    name: "frontdesk_jobs",
    help: "Jobs by status",
    labelNames: ["status"],
    ...reg,
    async collect() {
      const counts = await store.counts();
      for (const status of ["queued", "running", "done", "dead"]) this.set({ status }, counts[status] ?? 0);
    },
  });
  new Gauge({
    name: "frontdesk_job_queue_age_seconds",
    help: "How long the oldest due job has waited",
    ...reg,
    async collect() {
      const now = clock.now();
      const [oldest] = await store.listDue(now, 1);
      this.set(oldest ? Math.max(0, now - oldest.runAt) / 1000 : 0);
    },
  });
  new Gauge({
    name: "frontdesk_outbox_pending",
    help: "Replies written but not delivered yet",
    ...reg,
    async collect() {
      this.set((await store.outboxBacklog()).pending);
    },
  });
  new Gauge({
    name: "frontdesk_outbox_oldest_age_seconds",
    help: "Age of the oldest undelivered reply",
    ...reg,
    async collect() {
      const { oldestAt } = await store.outboxBacklog();
      this.set(oldestAt === null ? 0 : Math.max(0, clock.now() - oldestAt) / 1000);
    },
  });

  return {
    turn: (l) => turns.inc(l),
    handoff: (reason, channel) => handoffs.inc({ reason, channel }),
    modelCall(l, usage) {
      calls.inc({ model: l.model, purpose: l.purpose, ok: String(l.ok) });
      tokens.inc({ model: l.model, kind: "input" }, usage.inputTokens);
      tokens.inc({ model: l.model, kind: "cached" }, usage.cachedTokens);
      tokens.inc({ model: l.model, kind: "output" }, usage.outputTokens);
      cost.inc({ model: l.model }, usage.costUsd);
    },
    replyLatency: (channel, seconds) => reply.observe({ channel }, seconds),
    timeToFirstDelta: (route, seconds) => firstDelta.observe({ route }, seconds),
    ocrDuration: (seconds, ok) => ocr.observe({ ok: String(ok) }, seconds),
    webhookDelivery: (type, outcome) => webhooks.inc({ type, outcome }),
    async render() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}
