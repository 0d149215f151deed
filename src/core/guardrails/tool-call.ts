import type { LlmTool } from "../../ports/llm.js";
import type { GuardrailResult } from "./guardrail.js";

export type ToolCallInfo =
  | { verdict: "allowed"; tool: string; args: Record<string, unknown> }
  | { verdict: "unknown_tool"; tool: string }
  | { verdict: "bad_arguments"; tool: string; detail: string };

/**
 * A tool call runs only when the tool is on the list offered for this request and its arguments
 * match that tool's schema exactly (no extra keys). Anything else is refused, never guessed at.
 */
export function toolCallGuard(call: { name: string; arguments: string }, tools: LlmTool[]): GuardrailResult<ToolCallInfo> {
  const name = call.name.slice(0, 64);
  const tool = tools.find((t) => t.name === call.name);
  if (!tool) return { tripwireTriggered: true, info: { verdict: "unknown_tool", tool: name } };
  let raw: unknown;
  try {
    raw = JSON.parse(call.arguments || "{}");
  } catch {
    return { tripwireTriggered: true, info: { verdict: "bad_arguments", tool: name, detail: "not_json" } };
  }
  const parsed = tool.parameters.strict().safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      tripwireTriggered: true,
      info: { verdict: "bad_arguments", tool: name, detail: `${issue?.code ?? "invalid"}:${issue?.path.join(".") ?? ""}`.slice(0, 60) },
    };
  }
  return { tripwireTriggered: false, info: { verdict: "allowed", tool: name, args: parsed.data as Record<string, unknown> } };
}
