/** A channel module's name ("web", "slack", "email", …): channels are modules, so the core keeps no list of them. */
export type Channel = string;
export type ConversationStatus = "open" | "waiting" | "handed_off" | "resolved";
export type Role = "customer" | "assistant" | "agent" | "system";
export type Route = "fast" | "high" | "human" | "offline";

export type Citation = { articleId: string; slug: string; title: string; version: number };

export type AttachmentInput = {
  filename: string;
  contentType: string;
  data: Uint8Array;
  /** Kept for agents as it came, never read by the image intake (an email's original.eml). */
  storeOnly?: boolean;
};
/** A quick reply offered with an assistant message: `value` is what picking it sends (API.md). */
export type Choice = { label: string; value: string };

/** What every channel turns its request into (DESIGN.md, turn pipeline step 1). */
export type InboundMessage = {
  channel: Channel;
  threadKey: string;
  sender: { externalId: string; name?: string; email?: string };
  text: string;
  attachments: AttachmentInput[];
  /** The channel's own id for this message: the dedupe key. */
  channelMessageId: string;
  subject?: string;
  locale?: string;
  /** Channel-specific facts the sender needs later (email Message-ID, Slack channel). */
  meta?: Record<string, unknown>;
};

export type Conversation = {
  id: string;
  channel: Channel;
  threadKey: string;
  contactId: string | null;
  status: ConversationStatus;
  priority: string;
  category: string | null;
  assigneeId: string | null;
  subject: string | null;
  locale: string | null;
  handoffReason: string | null;
  summary: string | null;
  /** The conversation this one continues, e.g. a stranger's reply on another customer's email thread. */
  previousConversationId?: string | null;
  /** Offline triage of the latest customer turn (ISO 639-1; negative | neutral | positive). */
  language?: string | null;
  sentiment?: Sentiment | null;
  /** Who closed it: the customer ("that worked"), an agent, or the bot. */
  resolvedBy?: "customer" | "agent" | "bot" | null;
  /** The last handoff to a person, when their first reply is due (business hours), and when it came. */
  handedOffAt: number | null;
  firstResponseDueAt: number | null;
  firstResponseAt: number | null;
  createdAt: number;
  updatedAt: number;
};

export type Sentiment = "negative" | "neutral" | "positive";

export type Message = {
  id: string;
  conversationId: string;
  role: Role;
  text: string;
  citations: Citation[];
  /** Quick replies offered with this (assistant) message; absent when there are none. */
  choices?: Choice[];
  channelMessageId: string | null;
  authorId: string | null;
  draftId: string | null;
  createdAt: number;
};

export type Attachment = {
  id: string;
  conversationId: string;
  messageId: string;
  filename: string | null;
  sha256: string | null;
  mime: string | null;
  size: number;
  status: "pending" | "processed" | "rejected" | "stored" | "purged";
  error: string | null;
  extracted: Record<string, unknown> | null;
  createdAt: number;
};

export type SearchHit = {
  articleId: string;
  slug: string;
  title: string;
  version: number;
  score: number;
  snippet: string;
  body?: string;
  /** The article's example questions (what the clear-match rule reads beside the title). */
  questions?: string[];
};

export type Usage = {
  inputTokens: number;
  cachedTokens: number;
  outputTokens: number;
  reasoningTokens: number;
};

export type ModelCall = Usage & {
  purpose: string;
  model: string;
  effort: string;
  costUsd: number;
  latencyMs: number;
  ttftMs: number | null;
  ok: boolean;
  error?: string;
  /** The tier that served the call ("flex" is billed at half price). */
  serviceTier?: string | null;
};

export type Draft = {
  id: string;
  conversationId: string;
  turnId: string | null;
  replyToMessageId: string | null;
  text: string;
  editedText: string | null;
  mode: string;
  confidence: number | null;
  citations: Citation[];
  reasons: string[];
  status: "pending" | "approved" | "rejected" | "sent";
  decidedBy: string | null;
  decidedAt: number | null;
  rejectReason: string | null;
  createdAt: number;
};

export type Turn = {
  id: string;
  conversationId: string;
  messageId: string;
  route: Route;
  reasons: string[];
  triage: Record<string, unknown> | null;
  articles: { articleId: string; slug: string; version: number; score: number }[];
  calls: ModelCall[];
  model: string | null;
  effort: string | null;
  inputTokens: number;
  cachedTokens: number;
  outputTokens: number;
  reasoningTokens: number;
  costUsd: number;
  latencyMs: number;
  ttftMs: number | null;
  reasoningSummary: string | null;
  createdAt: number;
};

export type Job = {
  id: string;
  kind: string;
  payload: Record<string, unknown>;
  attempts: number;
  runAt: number;
};

export type StaffMember = {
  id: string;
  name: string;
  role: "agent" | "admin";
  email: string | null;
  slackUserId: string | null;
  createdAt: number;
};

export type LiveEvent =
  | { type: "status"; data: { state: "thinking" | "escalating" | "handed_off" | "waiting_review" | "idle" } }
  | { type: "delta"; data: { messageId: string; text: string } }
  | { type: "message"; data: PublicMessage };

export type PublicMessage = {
  id: string;
  role: Role;
  text: string;
  citations: Citation[];
  choices?: Choice[];
  createdAt: string;
};
