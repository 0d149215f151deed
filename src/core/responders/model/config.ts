import type { KnowledgeSearch } from "../../../ports/knowledge-search.js";
import type { Llm } from "../../../ports/llm.js";
import type { Logger } from "../../../ports/logger.js";
import type { PriceTable } from "../../llm/models.js";
import type { AnswerGuard } from "./guards.js";
import type { Tool } from "./tools.js";

export type Profile = { model: string; effort: string };

/** The two model modes; "human" is the rung after them. */
export type Mode = "fast" | "high";

export type ModelResponderConfig = {
  llm: Llm;
  search: KnowledgeSearch;
  prices: PriceTable;
  fast: Profile;
  high: Profile;
  /** Below this the answer climbs a step (fast → high → human). */
  confidenceThreshold: number;
  /** A best BM25 score below this counts as weak retrieval and starts at high effort. */
  retrievalMinScore: number;
  /** Prompt budget for knowledge plus conversation, in tokens. */
  contextTokens: number;
  maxToolRounds: number;
  /** `flex` for channels where nobody watches the reply being typed (email). */
  asyncServiceTier: "default" | "flex";
  /** Whether nobody waits live on this channel, so the off-peak tier may be used (a channel capability). */
  offPeakTier?: (channel: string) => boolean;
  /** Stream high-effort answers too (only when they are sent without review, i.e. REVIEW_MODE=none). */
  streamHigh: boolean;
  /** Mask emails, phone and card numbers in customer and attachment text before any of it reaches the model. */
  redactPii?: boolean;
  logger?: Logger;
  /**
   * Tools offered to the model; the built-in ones when unset. Admin-defined actions and MCP tools
   * join this same list.
   */
  tools?: Tool[];
  /** Guards every answer passes before it leaves the runner; the built-in ones when unset. */
  guards?: AnswerGuard[];
};
