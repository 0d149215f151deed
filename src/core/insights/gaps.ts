import type { GapSources } from "../../ports/insights-store.js";
import { reasonCode } from "../reasons/code.js";
import { sha256Hex } from "../security/tokens.js";
import { suggestArticle } from "./suggest-article.js";
import { topicTerms } from "./terms.js";

export type GapSignal = "no_article" | "draft_rejected" | "draft_rewritten";

export type Gap = {
  id: string;
  label: string;
  count: number;
  signals: Partial<Record<GapSignal, number>>;
  examples: { conversationId: string; text: string }[];
  trend: { date: string; count: number }[];
  suggestedArticle: { title: string; body: string } | null;
};

/** Handoffs that say nothing about the knowledge base: the customer asked for a person, a risk topic, a failure. */
const NOT_A_GAP =
  /^(customer_asked_for_human|risk_topic|conversation_with_human|processing_failed|model_error|attachments_rejected|delivery_failed|email_not_answered)/;

/** How far an edit went: the share of the draft's words not kept (0 = untouched, 1 = rewritten). */
export function editDistanceShare(before: string, after: string): number {
  const a = new Set(before.toLowerCase().split(/\s+/).filter(Boolean));
  const b = new Set(after.toLowerCase().split(/\s+/).filter(Boolean));
  if (a.size === 0) return 1;
  let kept = 0;
  for (const w of a) if (b.has(w)) kept++;
  return 1 - kept / a.size;
}

type Question = {
  conversationId: string;
  messageId: string;
  text: string;
  createdAt: number;
  signal: GapSignal;
  stems: Set<string>;
  surface: Map<string, string>;
};

/** The customer questions the knowledge base did not answer, one per message (the strongest signal wins). */
function unansweredQuestions(src: GapSources, rewriteShare: number): Question[] {
  const text = new Map(src.messages.filter((m) => m.role === "customer").map((m) => [m.id, m]));
  const out = new Map<string, Question>();
  const add = (messageId: string | null, signal: GapSignal) => {
    const m = messageId ? text.get(messageId) : undefined;
    if (!m || out.has(m.id)) return;
    const terms = topicTerms(m.text);
    if (terms.stems.size === 0) return;
    out.set(m.id, { conversationId: m.conversationId, messageId: m.id, text: m.text, createdAt: m.createdAt, signal, ...terms });
  };
  for (const d of src.drafts) if (d.status === "rejected") add(d.replyToMessageId, "draft_rejected");
  for (const d of src.drafts)
    if (d.editedText && (d.status === "approved" || d.status === "sent") && editDistanceShare(d.text, d.editedText) >= rewriteShare)
      add(d.replyToMessageId, "draft_rewritten");
  for (const t of src.turns) {
    if (t.route !== "human") continue;
    const codes = t.reasons.map(reasonCode);
    if (codes.length === 0 || codes.some((c) => NOT_A_GAP.test(c))) continue;
    add(t.messageId, "no_article");
  }
  return [...out.values()];
}

/**
 * Groups by anchor term: the term most unanswered questions share becomes a gap with every
 * unassigned question that uses it, then the next. A term counts only when customers use it mostly
 * in questions the bot could not answer (at least `minShare` of all messages with it): words the
 * knowledge base covers ("password", "invoice") never anchor a gap, however often they occur.
 */
function group(questions: Question[], allCustomerStems: Set<string>[], minCount: number, minShare: number): Question[][] {
  const everywhere = new Map<string, number>();
  for (const stems of allCustomerStems) for (const t of stems) everywhere.set(t, (everywhere.get(t) ?? 0) + 1);
  const left = new Set(questions);
  const groups: Question[][] = [];
  for (;;) {
    const counts = new Map<string, number>();
    for (const q of left) for (const t of q.stems) counts.set(t, (counts.get(t) ?? 0) + 1);
    const anchor = [...counts.entries()]
      .filter(([t, n]) => n >= minCount && n / Math.max(n, everywhere.get(t) ?? 0) >= minShare)
      .sort((a, b) => b[1] - a[1] || b[0].length - a[0].length || a[0].localeCompare(b[0]))[0]?.[0];
    if (!anchor) return groups;
    const members = [...left].filter((q) => q.stems.has(anchor));
    for (const q of members) left.delete(q);
    groups.push(members);
  }
}

const DAY = 86_400_000;
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export type GapOptions = { range: { from: number; to: number }; dismissed: Set<string>; minCount?: number; minShare?: number; rewriteShare?: number };

/**
 * Knowledge gaps, offline: unanswered questions grouped by a shared stemmed term, each with its
 * count, examples, daily trend and a suggested article built from the agents' replies in those
 * conversations. A gap's id is a hash of its three main terms, so it stays put (and dismissed) as
 * more questions join it.
 */
export async function findGaps(src: GapSources, o: GapOptions): Promise<Gap[]> {
  const questions = unansweredQuestions(src, o.rewriteShare ?? 0.5);
  const gaps: Gap[] = [];
  const allStems = src.messages.filter((m) => m.role === "customer").map((m) => topicTerms(m.text).stems);
  for (const members of group(questions, allStems, o.minCount ?? 2, o.minShare ?? 0.6)) {
    const freq = new Map<string, number>();
    for (const q of members) for (const s of q.stems) freq.set(s, (freq.get(s) ?? 0) + 1);
    const top = [...freq.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 3);
    const id = `gap_${(
      await sha256Hex(
        top
          .map(([s]) => s)
          .sort()
          .join(" "),
      )
    ).slice(0, 16)}`;
    if (o.dismissed.has(id)) continue;
    const words = top.map(([s]) => members.find((q) => q.surface.has(s))?.surface.get(s) ?? s);
    // The title is the question that shares most with the others: it reads like the topic, in the customers' words.
    const central = [...members].sort((a, b) => score(b, freq) - score(a, freq) || a.text.length - b.text.length)[0] as Question;
    const conversations = new Set(members.map((q) => q.conversationId));
    const firstAsked = new Map<string, number>();
    for (const q of members) firstAsked.set(q.conversationId, Math.min(firstAsked.get(q.conversationId) ?? q.createdAt, q.createdAt));
    const replies = src.messages
      .filter((m) => m.role === "agent" && conversations.has(m.conversationId) && m.createdAt >= (firstAsked.get(m.conversationId) ?? 0))
      .map((m) => m.text);
    const signals: Gap["signals"] = {};
    for (const q of members) signals[q.signal] = (signals[q.signal] ?? 0) + 1;
    gaps.push({
      id,
      label: words.join(" · "),
      count: members.length,
      signals,
      examples: members.slice(0, 5).map((q) => ({ conversationId: q.conversationId, text: q.text.slice(0, 300) })),
      trend: trend(members, o.range),
      suggestedArticle: suggestArticle(central.text.trim().slice(0, 200), replies),
    });
  }
  return gaps.sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
}

function score(q: Question, freq: Map<string, number>): number {
  let s = 0;
  for (const t of q.stems) s += (freq.get(t) ?? 1) - 1;
  return s;
}

function trend(members: Question[], range: { from: number; to: number }): Gap["trend"] {
  const counts = new Map<string, number>();
  for (const q of members) counts.set(dayOf(q.createdAt), (counts.get(dayOf(q.createdAt)) ?? 0) + 1);
  const out: Gap["trend"] = [];
  for (let t = Math.floor(range.from / DAY) * DAY; t < range.to; t += DAY) out.push({ date: dayOf(t), count: counts.get(dayOf(t)) ?? 0 });
  return out;
}
