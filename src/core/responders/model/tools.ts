import { z } from "zod";
import type { KnowledgeSearch } from "../../../ports/knowledge-search.js";
import type { LlmTool } from "../../../ports/llm.js";
import { articleBlock, quoteUntrusted } from "../../llm/context.js";
import type { Attachment, SearchHit } from "../../types.js";

/** What a tool may see and change of the turn it runs in. */
export type ToolRun = {
  search: KnowledgeSearch;
  /** The conversation's attachments as the model sees them (redacted when REDACT_PII is on). */
  attachments: Attachment[];
  /** Articles a tool found join the context: answers may cite them and they vouch for facts. */
  addToContext(hits: SearchHit[]): void;
  /** A reason for the turn's trace (codes, never text the model wrote). */
  note(reason: string): void;
};

/** A tool's result goes back to the model; a handoff ends the attempt with a person. */
export type ToolOutcome = { output: string } | { handoff: string };

/**
 * A function the model may call. Built-in tools, admin-defined HTTP actions and MCP tools are all
 * this one kind of object; `args` were already checked against `parameters` (strict) by the runner.
 */
export type Tool<P extends z.ZodObject = z.ZodObject> = LlmTool & {
  parameters: P;
  execute(args: z.infer<P>, run: ToolRun): Promise<ToolOutcome>;
};

/** Declares a tool with its argument type inferred from its schema. */
export function tool<P extends z.ZodObject>(t: Tool<P>): Tool {
  return t as unknown as Tool;
}

export const searchKnowledgeBase = tool({
  name: "search_knowledge_base",
  description: "Search the published help-center articles. Returns the best matching articles with their ids.",
  parameters: z.object({ query: z.string() }),
  async execute({ query }, run) {
    const found = await run.search.search(query.slice(0, 300), { limit: 3, withBody: true });
    run.addToContext(found);
    if (!found.length) return { output: "No articles matched." };
    return { output: found.map((h) => articleBlock(h, 600)).join("\n\n") };
  },
});

export const getAttachmentDetails = tool({
  name: "get_attachment_details",
  description: "Read the text and fields extracted from a file the customer attached, by attachment id.",
  parameters: z.object({ id: z.string() }),
  async execute({ id }, run) {
    const a = run.attachments.find((x) => x.id === id);
    if (!a) {
      run.note("guard:tool_refused:attachment_not_in_conversation");
      return { output: "No attachment with that id in this conversation." };
    }
    const details = JSON.stringify({ filename: a.filename, mime: a.mime, size: a.size, status: a.status, extracted: a.extracted });
    return { output: `<attachment id="${a.id}">\n${quoteUntrusted(details)}\n</attachment>` };
  },
});

export const handoffToHuman = tool({
  name: "handoff_to_human",
  description: "Hand the conversation to a human support agent. Use when the knowledge base cannot answer or a person is needed.",
  parameters: z.object({ reason: z.string() }),
  async execute({ reason }) {
    return { handoff: reason };
  },
});

export const BUILT_IN_TOOLS: Tool[] = [searchKnowledgeBase, getAttachmentDetails, handoffToHuman];

/** The tools one runner offers, by name; the list is what the model is shown, in order. */
export function toolRegistry(tools: Tool[]) {
  const byName = new Map<string, Tool>();
  for (const t of tools) {
    if (byName.has(t.name)) throw new Error(`Two tools are named "${t.name}"; tool names must be unique.`);
    byName.set(t.name, t);
  }
  return {
    /** What the model is offered: name, description and parameters only. */
    offered: tools.map(({ name, description, parameters }): LlmTool => ({ name, description, parameters })),
    get: (name: string) => byName.get(name),
  };
}
export type ToolRegistry = ReturnType<typeof toolRegistry>;
