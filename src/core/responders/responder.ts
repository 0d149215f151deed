import type { ProtectedText } from "../guardrails/output-leak.js";
import type { RuleTriage } from "../triage/rules.js";
import type { Attachment, Citation, Conversation, Message, ModelCall, SearchHit } from "../types.js";

export type TurnContext = {
  conversation: Conversation;
  /** Earlier messages, oldest first, including the current one last. */
  history: Message[];
  message: Message;
  attachments: Attachment[];
  hits: SearchHit[];
  /**
   * Articles earlier turns of this conversation retrieved, in first-seen order, at the versions they
   * saw: kept at the front of the prompt so its prefix stays cacheable turn after turn.
   */
  knownArticles?: SearchHit[];
  rules: RuleTriage;
  /** Id the reply will have, so streamed deltas and the final message line up. */
  replyMessageId: string;
  /** Whether deltas may be shown to the customer as they are generated. */
  live: boolean;
  onDelta?: (text: string) => void;
  onStatus?: (state: "thinking" | "escalating") => void;
  /** Staff-only notes and other conversations' messages: text the answer must never repeat. */
  protectedTexts?: ProtectedText[];
};

export type Answer = {
  kind: "answer";
  text: string;
  citations: Citation[];
  route: "fast" | "high" | "offline";
  confidence: number;
  reasons: string[];
  calls: ModelCall[];
  triage?: Record<string, unknown>;
  reasoningSummary?: string | null;
  /** Whether the answer mentions money back, credits or other promises that need a person's eye. */
  promises?: boolean;
  /** Rolling summary of turns that no longer fit the prompt verbatim; kept on the conversation. */
  summary?: string | null;
  /** Guardrails that fired without blocking the answer (e.g. injection suspected): the draft is held. */
  guards?: string[];
};

export type Handoff = {
  kind: "handoff";
  reasons: string[];
  calls: ModelCall[];
  triage?: Record<string, unknown>;
  reasoningSummary?: string | null;
  /** The highest mode tried before giving up. */
  route?: "fast" | "high" | "offline";
  summary?: string | null;
};

/** What the turn pipeline needs to know of a responder, instead of which one it is. */
export type ResponderCapabilities = {
  /** Its answers cost money, so the daily budget applies (and, once spent, the offline responder takes over). */
  spendsBudget: boolean;
  /**
   * It writes its own text, so it could repeat what it was shown: staff notes and other conversations
   * are passed to its guards, and earlier turns' articles stay in its prompt.
   */
  writesFreeText: boolean;
};

/** Produces a reply or decides a person must take over. Offline and model-backed versions exist. */
export interface Responder {
  readonly name: string;
  readonly capabilities: ResponderCapabilities;
  respond(ctx: TurnContext): Promise<Answer | Handoff>;
}
