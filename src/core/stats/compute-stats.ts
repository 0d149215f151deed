import type { StatsData } from "../../ports/store.js";
import { CUSTOMER_CONFIRMED } from "../choices/turn-choices.js";
import type { CoreDeps } from "../deps.js";
import { badRequest } from "../errors.js";

export type StatsRange = { from: number; to: number };

type Bucket = { conversations: number; automatedResolutions: number; automatedResolutionRate: number; handoffs: number; handoffRate: number; costUsd: number };
type ModeBucket = { turns: number; costUsd: number; latencyP50Ms: number | null; latencyP95Ms: number | null };

export type Stats = {
  range: { from: string; to: string };
  conversations: number;
  automatedResolutions: number;
  automatedResolutionRate: number;
  resolutions: number;
  /**
   * Automated resolutions by how we know: the customer said yes to "Did this answer your question?",
   * or did not write again within `silentAfterHours` of the bot's last answer (not yet counted while
   * that window is still open).
   */
  customerResolutions: { confirmed: number; silent: number; silentAfterHours: number };
  handoffs: number;
  handoffRate: number;
  handoffReasons: { reason: string; count: number }[];
  drafts: { total: number; autoSent: number; pending: number; approved: number; edited: number; rejected: number };
  costUsd: number;
  costPerConversationUsd: number | null;
  costPerResolutionUsd: number | null;
  latencyP50Ms: number | null;
  latencyP95Ms: number | null;
  byChannel: Record<string, Bucket>;
  byMode: Record<string, ModeBucket>;
  daily: { date: string; conversations: number; automatedResolutions: number; handoffs: number }[];
  /** A person's first reply after a handoff: how long it took (wall-clock minutes) and how often it missed its due time. */
  firstResponse: { measured: number; medianMinutes: number | null; p90Minutes: number | null; withDueTime: number; breaches: number; breachRate: number };
};

/** First replies after handoffs (of conversations started in the range); one still not given counts as a breach once its due time has passed. */
function firstResponseStats(conversations: StatsData["conversations"], asOf: number): Stats["firstResponse"] {
  const answered = conversations.filter((c) => c.handedOffAt != null && c.firstResponseAt != null);
  const minutes = answered.map((c) => ((c.firstResponseAt as number) - (c.handedOffAt as number)) / 60_000);
  const due = conversations.filter((c) => c.firstResponseDueAt != null);
  const breaches = due.filter((c) => (c.firstResponseAt ?? asOf) > (c.firstResponseDueAt as number)).length;
  const p = (q: number) => {
    const v = percentile(minutes, q);
    return v === null ? null : round(v, 1);
  };
  return { measured: answered.length, medianMinutes: p(50), p90Minutes: p(90), withDueTime: due.length, breaches, breachRate: rate(breaches, due.length) };
}

const MAX_RANGE_MS = 366 * 24 * 3600_000;
/** A customer who has not written again this long after the bot's last answer counts as resolved in silence. */
const SILENT_WINDOW_MS = 24 * 3600_000;
const round = (n: number, digits = 4) => Math.round(n * 10 ** digits) / 10 ** digits;
const rate = (n: number, d: number) => (d === 0 ? 0 : round(n / d));

/** Nearest-rank percentile; null when there is nothing to measure. */
export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? null;
}

/** Groups reasons: "draft_rejected: wrong plan" → "draft_rejected", "weak_match:3<6" → "weak_match". */
export function reasonKey(reason: string): string {
  return (
    reason
      .trim()
      .split(": ")[0]
      ?.replace(/:[\d.].*$/, "") || "unknown"
  );
}

/**
 * Support figures for conversations started in [from, to). A conversation counts as an automated
 * resolution when the bot answered on its own (sent by policy, not approved by a person), no person
 * wrote, it was never handed off, and the customer did not write again after the bot's last answer.
 */
export function computeStats(data: StatsData, range: StatsRange, asOf = range.to): Stats {
  const now = asOf;
  const confirmedIds = new Set(data.turns.filter((t) => t.reasons.includes(CUSTOMER_CONFIRMED)).map((t) => t.conversationId));
  let confirmed = 0;
  let silent = 0;
  const msgs = new Map<string, StatsData["messages"]>();
  for (const m of data.messages) msgs.set(m.conversationId, [...(msgs.get(m.conversationId) ?? []), m]);
  const cost = new Map<string, number>();
  for (const t of data.turns) cost.set(t.conversationId, (cost.get(t.conversationId) ?? 0) + t.costUsd);

  const byChannel: Record<string, Bucket> = {};
  const reasons = new Map<string, number>();
  const daily = new Map<string, { conversations: number; automatedResolutions: number; handoffs: number }>();
  let automated = 0;
  let handoffs = 0;
  let resolutions = 0;
  for (const c of data.conversations) {
    const list = msgs.get(c.id) ?? [];
    // Choices and "Did this answer your question?" are questions to the customer, not answers.
    const botAnswers = list.filter((m) => m.role === "assistant" && !m.authorId && !m.offersChoices);
    const humanWrote = list.some((m) => m.role === "agent" || (m.role === "assistant" && m.authorId));
    const handedOff = c.status === "handed_off" || c.handoffReason !== null;
    const lastBot = botAnswers.at(-1)?.id ?? "";
    const lastCustomer = list.filter((m) => m.role === "customer").at(-1)?.id ?? "";
    const isAutomated = botAnswers.length > 0 && !humanWrote && !handedOff && !c.assigneeId && lastCustomer < lastBot;
    if (isAutomated) automated++;
    if (isAutomated && confirmedIds.has(c.id)) confirmed++;
    else if (isAutomated && (botAnswers.at(-1)?.createdAt ?? now) + SILENT_WINDOW_MS <= now) silent++;
    if (isAutomated || c.status === "resolved") resolutions++;
    if (handedOff) {
      handoffs++;
      const keys = new Set((c.handoffReason ?? "unknown").split(", ").map(reasonKey));
      for (const k of keys) reasons.set(k, (reasons.get(k) ?? 0) + 1);
    }
    const ch = byChannel[c.channel] ?? { conversations: 0, automatedResolutions: 0, automatedResolutionRate: 0, handoffs: 0, handoffRate: 0, costUsd: 0 };
    byChannel[c.channel] = ch;
    ch.conversations++;
    if (isAutomated) ch.automatedResolutions++;
    if (handedOff) ch.handoffs++;
    ch.costUsd += cost.get(c.id) ?? 0;
    const day = new Date(c.createdAt).toISOString().slice(0, 10);
    const d = daily.get(day) ?? { conversations: 0, automatedResolutions: 0, handoffs: 0 };
    d.conversations++;
    if (isAutomated) d.automatedResolutions++;
    if (handedOff) d.handoffs++;
    daily.set(day, d);
  }
  for (const b of Object.values(byChannel)) {
    b.automatedResolutionRate = rate(b.automatedResolutions, b.conversations);
    b.handoffRate = rate(b.handoffs, b.conversations);
    b.costUsd = round(b.costUsd, 6);
  }

  const answered = data.turns.filter((t) => t.route !== "human");
  const byMode: Record<string, ModeBucket> = {};
  for (const mode of [...new Set(data.turns.map((t) => t.route))].sort()) {
    const turns = data.turns.filter((t) => t.route === mode);
    const lat = turns.map((t) => t.latencyMs);
    byMode[mode] = {
      turns: turns.length,
      costUsd: round(
        turns.reduce((s, t) => s + t.costUsd, 0),
        6,
      ),
      latencyP50Ms: percentile(lat, 50),
      latencyP95Ms: percentile(lat, 95),
    };
  }
  const totalCost = data.turns.reduce((s, t) => s + t.costUsd, 0);
  const conversations = data.conversations.length;
  const d = data.drafts;
  return {
    range: { from: new Date(range.from).toISOString(), to: new Date(range.to).toISOString() },
    conversations,
    automatedResolutions: automated,
    automatedResolutionRate: rate(automated, conversations),
    resolutions,
    customerResolutions: { confirmed, silent, silentAfterHours: SILENT_WINDOW_MS / 3600_000 },
    handoffs,
    handoffRate: rate(handoffs, conversations),
    handoffReasons: [...reasons].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)),
    drafts: {
      total: d.length,
      autoSent: d.filter((x) => x.status === "sent" && x.decidedBy === "policy").length,
      pending: d.filter((x) => x.status === "pending").length,
      approved: d.filter((x) => (x.status === "sent" || x.status === "approved") && x.decidedBy !== "policy" && !x.edited).length,
      edited: d.filter((x) => (x.status === "sent" || x.status === "approved") && x.edited).length,
      rejected: d.filter((x) => x.status === "rejected").length,
    },
    costUsd: round(totalCost, 6),
    costPerConversationUsd: conversations ? round(totalCost / conversations, 6) : null,
    costPerResolutionUsd: resolutions ? round(totalCost / resolutions, 6) : null,
    latencyP50Ms: percentile(
      answered.map((t) => t.latencyMs),
      50,
    ),
    latencyP95Ms: percentile(
      answered.map((t) => t.latencyMs),
      95,
    ),
    byChannel,
    byMode,
    daily: [...daily].sort(([a], [b]) => a.localeCompare(b)).map(([date, v]) => ({ date, ...v })),
    firstResponse: firstResponseStats(data.conversations, asOf),
  };
}

export async function getStats(deps: Pick<CoreDeps, "store"> & Partial<Pick<CoreDeps, "clock">>, range: StatsRange): Promise<Stats> {
  if (!(range.from < range.to)) throw badRequest("`from` must be before `to`.");
  if (range.to - range.from > MAX_RANGE_MS) throw badRequest("The range may span at most 366 days.");
  return computeStats(await deps.store.statsData(range), range, deps.clock?.now());
}
