import { contactDataGuard } from "../../guardrails/contact-data.js";
import type { GuardrailResult } from "../../guardrails/guardrail.js";
import { compileOutputLeakGuard, outputLeakGuard, type ProtectedText } from "../../guardrails/output-leak.js";
import { checkGrounding } from "../../llm/grounding.js";
import { ANSWER_INSTRUCTIONS, PROMPT_CANARY, TRIAGE_INSTRUCTIONS } from "../../llm/prompts.js";
import { mentionsPromise } from "../../review/policy.js";
import { clamp01, type ModelAnswer } from "./schemas.js";
import type { TurnState } from "./turn-state.js";

/** An answer, whole or (while streaming) the text written so far. */
export type GuardedAnswer = {
  text: string;
  /** Absent while streaming: citations and the rest of the JSON come after the text. */
  final?: Omit<ModelAnswer, "text">;
  /** The attempt's reasoning summary: the answer must not repeat it. */
  reasoningSummary: string | null;
};

/** What guards check an answer against, prepared once per turn. */
export type GuardEnv = {
  /** Trusted article text in context (grows as tools find articles). */
  sources(): string;
  conversationText: string;
  contextArticleIds(): Set<string>;
  leaks: ReturnType<typeof compileOutputLeakGuard>;
  confidenceThreshold: number;
};

export type GuardInfo = { problems: string[] };

/**
 * A pure check on an answer (openai-agents-js output guardrails): a tripped guard sends the answer up
 * the ladder with its problems as reasons. `streams` guards also run on the streamed text, so a bad
 * answer stops before the customer reads it.
 */
export type AnswerGuard = {
  name: string;
  streams: boolean;
  check(answer: GuardedAnswer, env: GuardEnv): GuardrailResult<GuardInfo>;
};

const result = (problems: string[]): GuardrailResult<GuardInfo> => ({ tripwireTriggered: problems.length > 0, info: { problems } });

/** Our own instructions, as text the answer must never repeat. */
const SYSTEM_PROMPT: ProtectedText = { kind: "system_prompt", text: `${ANSWER_INSTRUCTIONS}\n${TRIAGE_INSTRUCTIONS}` };

export function guardEnv(state: TurnState, confidenceThreshold: number): GuardEnv {
  return {
    sources: state.trustedSources,
    conversationText: state.conversationText,
    contextArticleIds: () => new Set(state.contextArticles.keys()),
    // Prepared once per turn: streamed answers are checked against it on every delta.
    leaks: compileOutputLeakGuard([SYSTEM_PROMPT, ...(state.ctx.protectedTexts ?? [])], [PROMPT_CANARY]),
    confidenceThreshold,
  };
}

const allowedText = (env: GuardEnv) => `${env.sources()}\n${env.conversationText}`;

export const leakGuard: AnswerGuard = {
  name: "output_leak",
  streams: true,
  check({ text, reasoningSummary }, env) {
    const allowed = allowedText(env);
    const leaks = env.leaks(text, allowed).info.leaks;
    if (reasoningSummary)
      leaks.push(...outputLeakGuard({ text, protected: [{ kind: "reasoning", text: reasoningSummary, minWords: 8 }], canaries: [], allowed }).info.leaks);
    return result(leaks.map((l) => `guard:leak:${l.kind}`));
  },
};

export const contactGuard: AnswerGuard = {
  name: "contact_data",
  streams: true,
  check({ text }, env) {
    return result(contactDataGuard({ text, allowed: allowedText(env) }).info.foreign.map((f) => `guard:contact_data:${f.kind}`));
  },
};

export const groundingGuard: AnswerGuard = {
  name: "grounding",
  streams: true,
  check({ text, final }, env) {
    const g = checkGrounding({
      text,
      citations: final?.citations ?? [],
      contextArticleIds: final ? env.contextArticleIds() : new Set(),
      sources: env.sources(),
      conversation: env.conversationText,
    });
    if (g.ok) return result([]);
    // While streaming the citations are not written yet.
    if (!final) return result(g.problems.filter((p) => p !== "no_citation").map((p) => `grounding:${p}`));
    return result(g.problems.slice(0, 4).map((p) => `grounding:${p}`));
  },
};

/** A promise of money back is never streamed: it may need a person's eye first. */
export const streamedPromiseGuard: AnswerGuard = {
  name: "streamed_promise",
  streams: true,
  check({ text, final }) {
    return result(!final && mentionsPromise(text) ? ["promise"] : []);
  },
};

export const completenessGuard: AnswerGuard = {
  name: "completeness",
  streams: false,
  check({ text, final }, env) {
    if (!final) return result([]);
    const problems: string[] = [];
    if (!text.trim()) problems.push("empty_answer");
    if (clamp01(final.confidence) < env.confidenceThreshold) problems.push(`low_confidence:${clamp01(final.confidence).toFixed(2)}`);
    if (!final.fully_answered) problems.push("partial_answer");
    return result(problems);
  },
};

export const BUILT_IN_GUARDS: AnswerGuard[] = [leakGuard, contactGuard, groundingGuard, streamedPromiseGuard, completenessGuard];

/** Runs the registered guards; a streamed draft meets only the `streams` ones. */
export function runGuards(guards: AnswerGuard[], answer: GuardedAnswer, env: GuardEnv): string[] {
  const problems: string[] = [];
  for (const g of guards) {
    if (!answer.final && !g.streams) continue;
    const r = g.check(answer, env);
    if (r.tripwireTriggered) problems.push(...r.info.problems);
  }
  return problems;
}
