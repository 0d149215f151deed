/**
 * What core records for operators (Prometheus on Node). Counters and histograms only: gauges such
 * as queue depth are read from the store when scraped. Label values are codes, never customer text.
 */
export interface Metrics {
  /** One finished turn. mode: model (a model was called), offline (knowledge base only) or rules (handed off before any search). */
  turn(labels: { route: string; mode: string; channel: string; outcome: TurnOutcomeLabel }): void;
  /** One handoff, once per reason code. */
  handoff(reasonCode: string, channel: string): void;
  modelCall(
    labels: { model: string; purpose: string; ok: boolean },
    usage: { inputTokens: number; cachedTokens: number; outputTokens: number; costUsd: number },
  ): void;
  /** From the customer's message being accepted to the reply (or handoff notice) being written. */
  replyLatency(channel: string, seconds: number): void;
  timeToFirstDelta(route: string, seconds: number): void;
  ocrDuration(seconds: number, ok: boolean): void;
  webhookDelivery(type: string, outcome: "delivered" | "failed"): void;
}

export type TurnOutcomeLabel = "sent" | "held" | "handed_off" | "human_owned" | "other";

/** Records nothing: where no metrics backend is wired (Workers, tests that do not look). */
export const noMetrics: Metrics = {
  turn() {},
  handoff() {},
  modelCall() {},
  replyLatency() {},
  timeToFirstDelta() {},
  ocrDuration() {},
  webhookDelivery() {},
};
