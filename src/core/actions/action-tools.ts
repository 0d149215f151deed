import { z } from "zod";
import { newId } from "../ids.js";
import { quoteUntrusted } from "../llm/context.js";
import { type Tool, type ToolOutcome, tool } from "../responders/model/tools.js";
import { maskSecrets } from "./call-action.js";
import type { StoredAction } from "./definition.js";
import { type ActionsDeps, runAction } from "./manage-actions.js";

// English until the text catalogue (src/core/texts) reaches main.
const SIGN_IN_FIRST =
  "I can look that up for you once I know it's you. Please sign in to your account on our website and open the chat from there, then ask me again.";

/** The question a confirm action asks: the same text for the same call, so the next turn can tell it was asked. */
export function confirmQuestion(def: StoredAction, args: Record<string, unknown>): string {
  const shown = Object.entries(args)
    .map(([k, v]) => `${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`)
    .join(", ");
  // Ends on the question itself, so a "yes" reads as the answer to it (src/core/dialog/plan.ts).
  return `Before I do this, please confirm (reply yes or no): ${def.description.replace(/\.$/, "")}${shown ? ` (${shown})` : ""}?`;
}

// Until the dialog acts (src/core/dialog) reach main: a short yes in the catalogue languages.
const YES = /^\s*(yes|y|yeah|yep|sure|ok|okay|confirm(ed)?|go ahead|please do|s[ií]|oui|ja|sim|s[iì] grazie|jawohl)\b[\s.!]*/i;

/** The model sees an action's parameters as a zod object made from its JSON Schema; the JSON Schema check runs again at call time. */
function parametersOf(def: StoredAction): z.ZodObject {
  try {
    const schema = z.fromJSONSchema(def.parameters as Parameters<typeof z.fromJSONSchema>[0]);
    if (schema instanceof z.ZodObject) return schema;
  } catch {
    // Saved definitions passed the JSON Schema check; a schema zod cannot mirror is offered without arguments.
  }
  return z.object({});
}

/**
 * Admin-defined actions as tools of the same kind as the built-in ones. Results go back to the model
 * tagged as the company's data about this customer, never as instructions; a failed or slow call
 * hands the turn to a person with the reason, and a customer who is not verified is asked to sign in.
 */
export function actionTools(a: ActionsDeps, actions: StoredAction[]): Tool[] {
  return actions
    .filter((def) => def.policy !== "off")
    .map((def) =>
      tool({
        name: def.name,
        description: def.description,
        parameters: parametersOf(def),
        async execute(args, run): Promise<ToolOutcome> {
          if (def.requiresVerifiedCustomer && !run.customer.verified) {
            run.note(`action_refused:${def.name}:customer_not_verified`);
            return { reply: SIGN_IN_FIRST, reason: `action_needs_verified_customer:${def.name}` };
          }
          if (def.policy === "confirm" && !(run.previousReply === confirmQuestion(def, args) && YES.test(run.messageText))) {
            run.note(`action_confirm_asked:${def.name}`);
            return { reply: confirmQuestion(def, args), reason: `action_confirm_asked:${def.name}` };
          }
          if (def.policy === "review") {
            // The bot never makes this call itself: a person sees the arguments and acts.
            await a.repo.recordActionCall(
              {
                id: newId(),
                actor: "bot",
                action: "action.review_requested",
                entity: "action",
                entityId: def.id,
                detail: { name: def.name, arguments: maskSecrets(a.runtime, args), conversationId: run.turnKey.split(":")[0] },
              },
              a.clock.now(),
            );
            run.note(`action_review:${def.name}`);
            return { handoff: `action_review:${def.name}` };
          }
          const customer = run.customer.verified ? { userId: run.customer.userId, email: run.customer.email } : {};
          const result = await runAction(a, def, args, customer, { actor: "bot", conversationId: run.turnKey.split(":")[0], idempotencySeed: run.turnKey });
          if (!result.ok) {
            run.note(`action_failed:${def.name}:${result.code}:${result.latencyMs}ms`);
            return { handoff: `action_failed:${def.name}` };
          }
          run.note(`action_called:${def.name}:${result.status}:${result.latencyMs}ms:${result.bytes}b${result.truncated ? ":cut" : ""}`);
          run.addFacts(result.result);
          return { output: `<action_result name="${def.name}">\n${quoteUntrusted(result.result)}\n</action_result>` };
        },
      }),
    );
}
