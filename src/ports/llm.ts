import type { z } from "zod";
import type { Usage } from "../core/types.js";

/** A function the model may call; `parameters` is a zod object turned into a strict JSON schema by the adapter. */
export type LlmTool = {
  name: string;
  description: string;
  parameters: z.ZodObject;
};

/** One item of model input. Tool calls and their results are replayed so a tool loop can continue statelessly. */
export type LlmInputItem =
  | { type: "message"; role: "user" | "assistant"; text: string }
  | { type: "tool_call"; callId: string; name: string; arguments: string }
  | { type: "tool_result"; callId: string; output: string };

export type LlmToolCall = { callId: string; name: string; arguments: string };

export type LlmRequest<T> = {
  /** What the call is for (triage, answer); recorded with its cost. */
  purpose: string;
  model: string;
  effort: string;
  /** The stable part of the prompt: policy and knowledge first, so providers can cache the prefix. */
  instructions: string;
  input: LlmInputItem[];
  schema: z.ZodType<T>;
  schemaName: string;
  tools?: LlmTool[];
  /** "none" forces a final answer (the last round of a bounded tool loop). */
  toolChoice?: "auto" | "none";
  /** Routes calls of one conversation to the same prompt cache. */
  promptCacheKey?: string;
  /** `flex` is cheaper and slower; the adapter falls back to the default tier when flex is refused. */
  serviceTier?: "default" | "flex";
  /** Ask for a reasoning summary (kept for agents, never shown to customers). */
  reasoningSummary?: boolean;
  maxOutputTokens?: number;
  /** Raw output text as it streams (the structured JSON, not yet validated). */
  onTextDelta?: (delta: string) => void;
};

export type LlmErrorKind =
  | "timeout"
  | "rate_limited"
  | "server_error"
  | "connection"
  | "stream_cut"
  | "refusal"
  | "invalid_output"
  | "incomplete"
  | "bad_request"
  | "auth";

export type LlmError = { kind: LlmErrorKind; message: string; retryable: boolean; status?: number };

type LlmMeta = {
  model: string;
  usage: Usage;
  latencyMs: number;
  ttftMs: number | null;
  /** The tier that actually served the call (after any flex fallback). */
  serviceTier: string | null;
  /** How many times the adapter tried, including tier fallbacks. */
  attempts: number;
};

/** Either a parsed structured output, a set of tool calls to run, or an error value. Never throws for expected failures. */
export type LlmResult<T> =
  | (LlmMeta & { ok: true; output: T; toolCalls: []; reasoningSummary: string | null })
  | (LlmMeta & { ok: true; output: null; toolCalls: LlmToolCall[]; reasoningSummary: string | null })
  | (LlmMeta & { ok: false; error: LlmError });

/** A model behind an OpenAI-compatible API (or a fake). One call = one model request, possibly retried. */
export interface Llm {
  readonly provider: "openai" | "compatible";
  call<T>(request: LlmRequest<T>): Promise<LlmResult<T>>;
}

export const noUsage = (): Usage => ({ inputTokens: 0, cachedTokens: 0, outputTokens: 0, reasoningTokens: 0 });
