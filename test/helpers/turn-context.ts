import type { TurnContext } from "../../src/core/responders/responder.js";
import type { Conversation, Message, SearchHit } from "../../src/core/types.js";

export const passwordHit: SearchHit = {
  articleId: "art1",
  slug: "reset-password",
  title: "Reset your password",
  version: 3,
  score: 8,
  snippet: "",
  body: "Click Forgot password. Links expire after 60 minutes.",
};

export function conversation(channel: Conversation["channel"] = "web", over: Partial<Conversation> = {}): Conversation {
  return {
    id: "c1",
    channel,
    threadKey: "t",
    contactId: null,
    status: "open",
    priority: "normal",
    category: null,
    assigneeId: null,
    subject: null,
    locale: null,
    handoffReason: null,
    summary: null,
    createdAt: 1,
    updatedAt: 1,
    ...over,
  };
}

export function customerMessage(text: string, over: Partial<Message> = {}): Message {
  return {
    id: "m1",
    conversationId: "c1",
    role: "customer",
    text,
    citations: [],
    channelMessageId: null,
    authorId: null,
    draftId: null,
    createdAt: 1,
    ...over,
  };
}

/** A turn on one customer question with one strong article hit. */
export function turnContext(text = "How do I reset my password?", over: Partial<TurnContext> = {}): TurnContext {
  const message = customerMessage(text);
  return {
    conversation: conversation("web"),
    history: [message],
    message,
    attachments: [],
    hits: [passwordHit],
    rules: { humanRequested: false, risks: [], reasons: [] },
    replyMessageId: "r1",
    live: false,
    ...over,
  };
}
