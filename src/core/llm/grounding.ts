import { mentionsPromise } from "../review/policy.js";

/**
 * The grounding check, a pure guardrail (in the style of openai-agents-js): the answer may cite only
 * articles that were in its context, and every concrete fact it states (amounts, dates, URLs, order
 * numbers, e-mail addresses, other multi-digit figures) must appear in the sources or the conversation.
 * Policy promises (refunds, credits) need a source that talks about them.
 */
export type GroundingInput = {
  text: string;
  citations: string[];
  /** Article ids that were in the model's context (retrieved or found by its own searches). */
  contextArticleIds: Set<string>;
  /** Bodies of the articles in context (retrieved and found by tool calls). */
  sources: string;
  /** The conversation and attachment text: facts the customer gave may be repeated, promises may not. */
  conversation?: string;
};

export type GroundingResult = { ok: true } | { ok: false; problems: string[] };

const URL_RE = /\bhttps?:\/\/[^\s)<>"']+/gi;
const EMAIL_RE = /\b[\w.+-]+@[\w-]+\.[\w.-]+\b/g;
const MONEY_RE = /(?:[$€£¥]\s?\d[\d,]*(?:\.\d+)?|\b\d[\d,]*(?:\.\d+)?\s?(?:USD|EUR|GBP|CAD|AUD|dollars?|euros?|pounds?)\b)/gi;
const ISO_DATE_RE = /\b\d{4}-\d{2}-\d{2}\b/g;
const MONTH = "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
const TEXT_DATE_RE = new RegExp(`\\b(?:${MONTH}\\s+\\d{1,2}(?:st|nd|rd|th)?(?:,?\\s+\\d{4})?|\\d{1,2}(?:st|nd|rd|th)?\\s+${MONTH}(?:\\s+\\d{4})?)\\b`, "gi");
const ORDER_RE = /(?:#\s?\d{3,}|\b[A-Z]{2,5}-\d{3,}\b)/g;
const NUMBER_RE = /\b\d[\d,]*(?:\.\d+)?%?/g;

function numbersIn(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(NUMBER_RE)) out.add(normaliseNumber(m[0]));
  return out;
}

function normaliseNumber(raw: string): string {
  const n = raw.replace(/[,%\s]/g, "");
  const value = Number(n);
  return Number.isFinite(value) ? String(value) : n;
}

function norm(text: string): string {
  return text.toLowerCase().replace(/\s+/g, " ");
}

export function checkGrounding(input: GroundingInput): GroundingResult {
  const problems: string[] = [];
  for (const id of input.citations) if (!input.contextArticleIds.has(id)) problems.push(`citation_not_in_context:${id.slice(0, 40)}`);
  if (input.citations.length === 0) problems.push("no_citation");

  const everything = `${input.sources}\n${input.conversation ?? ""}`;
  const sources = norm(everything);
  const sourceNumbers = numbersIn(everything);
  const text = input.text;
  const seen = new Set<string>();
  const flag = (kind: string, value: string) => {
    const key = `${kind}:${value}`;
    if (!seen.has(key)) problems.push(`ungrounded_${key}`.slice(0, 80));
    seen.add(key);
  };
  for (const m of text.matchAll(URL_RE)) {
    const url = m[0].replace(/[.,;:!?]+$/, "");
    if (!sources.includes(url.toLowerCase())) flag("url", url);
  }
  for (const m of text.matchAll(EMAIL_RE)) if (!sources.includes(m[0].toLowerCase())) flag("email", m[0]);
  for (const m of text.matchAll(ISO_DATE_RE)) if (!sources.includes(m[0])) flag("date", m[0]);
  for (const m of text.matchAll(TEXT_DATE_RE)) if (!sources.includes(norm(m[0]))) flag("date", m[0]);
  for (const m of text.matchAll(ORDER_RE)) if (!sources.includes(norm(m[0]))) flag("reference", m[0]);
  for (const m of text.matchAll(MONEY_RE)) {
    const digits = m[0].match(/\d[\d,]*(?:\.\d+)?/)?.[0] ?? "";
    if (!sourceNumbers.has(normaliseNumber(digits))) flag("amount", m[0].trim());
  }
  // Any other figure of two or more digits (days, percentages, limits) must come from somewhere too.
  const withoutUrls = text.replace(URL_RE, " ").replace(EMAIL_RE, " ");
  for (const m of withoutUrls.matchAll(NUMBER_RE)) {
    const digits = m[0].replace(/[^\d]/g, "");
    if (digits.length < 2) continue;
    if (!sourceNumbers.has(normaliseNumber(m[0]))) flag("figure", m[0]);
  }
  // A customer asking for a refund is not a source for promising one: only the articles are.
  const promises = mentionsPromise(text);
  if (promises && !mentionsPromise(input.sources)) problems.push("promise_not_in_sources");
  // Nor does the customer get to name the amount of one: money in a promise must be in the articles.
  if (promises) {
    const articleNumbers = numbersIn(input.sources);
    for (const m of text.matchAll(MONEY_RE)) {
      const digits = m[0].match(/\d[\d,]*(?:\.\d+)?/)?.[0] ?? "";
      if (!articleNumbers.has(normaliseNumber(digits))) flag("promise_amount", m[0].trim());
    }
  }
  return problems.length ? { ok: false, problems } : { ok: true };
}
