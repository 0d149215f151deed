import type { CoreDeps } from "../deps.js";
import type { ProtectedText } from "../guardrails/output-leak.js";
import type { Conversation, SearchHit } from "../types.js";

// What a model turn is shown besides the conversation: articles earlier turns retrieved (kept first for
// prompt caching) and the texts its answer must never repeat.

/** At most this many earlier articles stay in the prompt (the knowledge budget clips them further). */
const KNOWN_ARTICLES_MAX = 8;

/** The articles earlier turns retrieved, first seen first, at the version each turn saw. */
export async function articlesSeenBefore(deps: CoreDeps, conversationId: string): Promise<SearchHit[]> {
  const refs = new Map<string, number>();
  for (const turn of await deps.store.listTurns(conversationId)) {
    for (const a of turn.articles) if (!refs.has(a.articleId) && refs.size < KNOWN_ARTICLES_MAX) refs.set(a.articleId, a.version);
  }
  const out: SearchHit[] = [];
  for (const [articleId, seen] of refs) {
    const article = await deps.store.getArticle(articleId);
    // An article archived or deleted since is not offered again; one republished since is offered
    // at its current version (right over cacheable).
    if (article?.status !== "published") continue;
    const version = article.publishedVersion ?? seen;
    const v = await deps.store.getVersion(articleId, version);
    if (v) out.push({ articleId, slug: article.slug, title: v.title, version, score: 0, snippet: "", body: v.body });
  }
  return out;
}

/** How many recent customer messages of other conversations an answer is compared against. */
const OTHER_CONVERSATION_WINDOW = 300;

/**
 * What an answer here must never repeat: staff-only notes on this conversation (handoff and rejection
 * reasons, earlier reasoning summaries) and recent messages from other customers.
 */
export async function protectedFor(deps: CoreDeps, conversation: Conversation): Promise<ProtectedText[]> {
  const [drafts, turns, others] = await Promise.all([
    deps.store.listDrafts({ conversationId: conversation.id, limit: 50 }),
    deps.store.listTurns(conversation.id),
    deps.store.recentCustomerTexts(conversation.id, OTHER_CONVERSATION_WINDOW),
  ]);
  const notes = [conversation.handoffReason, ...drafts.map((d) => d.rejectReason)].filter((t): t is string => Boolean(t));
  const summaries = turns
    .slice(-10)
    .map((t) => t.reasoningSummary?.replace(/^\[(fast|high)\] /, ""))
    .filter((t): t is string => Boolean(t));
  return [
    ...notes.map((text) => ({ kind: "staff_note" as const, text, minWords: 6 })),
    ...summaries.map((text) => ({ kind: "reasoning" as const, text, minWords: 8 })),
    ...others.map((text) => ({ kind: "other_conversation" as const, text, minWords: 8 })),
  ];
}
