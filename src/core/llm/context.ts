import { countTokens } from "gpt-tokenizer";
import type { LlmInputItem } from "../../ports/llm.js";
import type { Attachment, Message, SearchHit } from "../types.js";

/**
 * Untrusted text (customer messages, attachment text, article bodies) goes inside tagged blocks.
 * Our own tag names are neutralised inside it so a message cannot close its block and pose as policy.
 */
const OUR_TAGS = /<\/?\s*(customer_message|agent_message|assistant_message|attachment|article|knowledge|conversation_summary|tool_result|action_result)\b/gi;
export function quoteUntrusted(text: string): string {
  return text.replace(OUR_TAGS, (m) => m.replace("<", "‹"));
}

export function tokens(text: string): number {
  return countTokens(text);
}

/** Cuts text to about `max` tokens at a word boundary. */
export function clipTokens(text: string, max: number): string {
  if (tokens(text) <= max) return text;
  // ~4 characters per token; one correction pass is enough for a prompt budget.
  let cut = text.slice(0, max * 4);
  while (cut.length > 0 && tokens(cut) > max) cut = cut.slice(0, Math.floor(cut.length * 0.9));
  return `${cut.replace(/\s+\S*$/, "")} …`;
}

export function articleBlock(hit: SearchHit, maxTokens: number): string {
  const body = clipTokens(quoteUntrusted(hit.body ?? hit.snippet), maxTokens);
  return `<article id="${hit.articleId}" slug="${hit.slug}" version="${hit.version}" title="${quoteUntrusted(hit.title).replace(/"/g, "'")}">\n${body}\n</article>`;
}

/**
 * The articles the model may cite, within `budget` tokens for this turn's new ones. For provider
 * prompt caching the block only grows through a conversation: articles an earlier turn already put
 * in the prompt (`known`, in that order, with their own allowance of `budget`) come first and stay
 * byte for byte the same, and this turn's new hits follow. Every article is clipped to the same
 * size whatever the count, so a block written once is written the same way again.
 */
export function knowledgeBlock(hits: SearchHit[], budget: number, known: SearchHit[] = []): { text: string; included: SearchHit[] } {
  const perArticle = Math.max(200, Math.floor(budget / 4));
  const blocks: string[] = [];
  const included: SearchHit[] = [];
  const take = (list: SearchHit[]) => {
    let used = 0;
    for (const hit of list) {
      if (included.some((h) => h.articleId === hit.articleId)) continue;
      const block = articleBlock(hit, perArticle);
      const n = tokens(block);
      if (used + n > budget && used > 0) break;
      blocks.push(block);
      included.push(hit);
      used += n;
    }
  };
  take(known);
  take(hits);
  if (blocks.length === 0) return { text: "<knowledge>\n(no matching articles were found)\n</knowledge>", included };
  return { text: `<knowledge>\n${blocks.join("\n\n")}\n</knowledge>`, included };
}

function attachmentsText(attachments: Attachment[]): string {
  return attachments
    .map((a) => {
      const e = (a.extracted ?? {}) as { text?: string; description?: string };
      const text = [e.description, e.text].filter(Boolean).join("\n");
      return `<attachment id="${a.id}" filename="${quoteUntrusted(a.filename ?? "").replace(/"/g, "'")}" type="${a.mime ?? "unknown"}">\n${quoteUntrusted(text || "(no text could be read from this file)").slice(0, 1500)}\n</attachment>`;
    })
    .join("\n");
}

function messageItem(m: Message, attachments: Attachment[]): LlmInputItem | null {
  if (m.role === "system") return null;
  if (m.role === "customer") {
    const att = attachments.filter((a) => a.messageId === m.id);
    return {
      type: "message",
      role: "user",
      text: `<customer_message>\n${quoteUntrusted(m.text)}\n</customer_message>${att.length ? `\n${attachmentsText(att)}` : ""}`,
    };
  }
  // Earlier replies are context; an agent's words are quoted as data too.
  const tag = m.role === "agent" ? "agent_message" : "assistant_message";
  return { type: "message", role: "assistant", text: m.role === "agent" ? `<${tag}>${quoteUntrusted(m.text)}</${tag}>` : m.text };
}

/** A short extractive digest of turns that no longer fit verbatim; no model call, so it costs nothing and cannot hallucinate. */
export function rollingSummary(older: Message[], maxTokens: number): string | null {
  const lines = older.filter((m) => m.role !== "system").map((m) => `${m.role}: ${m.text.replace(/\s+/g, " ").trim().slice(0, 240)}`);
  if (lines.length === 0) return null;
  // Over budget: keep the opening line (usually the original problem) and the most recent ones.
  let text = lines.join("\n");
  while (tokens(text) > maxTokens && lines.length > 2) {
    lines.splice(1, 1);
    text = `${lines[0]}\n(earlier turns omitted)\n${lines.slice(1).join("\n")}`;
  }
  return clipTokens(text, maxTokens);
}

/**
 * The conversation within a token budget: recent turns verbatim (always the current one), older ones
 * as a rolling summary. Returns the summary so it can be kept on the conversation.
 */
export function conversationInput(
  history: Message[],
  attachments: Attachment[],
  budget: number,
): { items: LlmInputItem[]; summary: string | null; droppedMessages: number } {
  const items: LlmInputItem[] = [];
  let used = 0;
  let cut = history.length;
  for (let i = history.length - 1; i >= 0; i--) {
    const m = history[i]!;
    const item = messageItem(m, attachments);
    if (!item) continue;
    const n = tokens(item.type === "message" ? item.text : "");
    if (used + n > budget && items.length > 0) break;
    items.unshift(item);
    used += n;
    cut = i;
  }
  const older = history.slice(0, cut);
  const summary = rollingSummary(older, Math.min(400, Math.max(100, Math.floor(budget / 5))));
  if (summary) items.unshift({ type: "message", role: "user", text: `<conversation_summary>\n${quoteUntrusted(summary)}\n</conversation_summary>` });
  return { items, summary, droppedMessages: older.filter((m) => m.role !== "system").length };
}
