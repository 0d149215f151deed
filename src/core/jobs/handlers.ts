import { finishHandoff, processTurn } from "../conversation/process-turn.js";
import { deliverOutbox, failDelivery } from "../delivery/deliver.js";
import type { CoreDeps } from "../deps.js";
import { languageOf } from "../dialog/dialog-turn.js";
import type { Job } from "../types.js";
import { JOB_PAYLOADS, jobPayload } from "./payloads.js";
import type { JobHandler } from "./runner.js";

/** Job kinds the core knows; channels add their own (`draft_held`: announcing a held draft to reviewers). */
export function coreJobHandlers(deps: CoreDeps, extra: Record<string, JobHandler> = {}): Record<string, JobHandler> {
  return {
    turn: (job) => processTurn(deps, jobPayload("turn", job)),
    deliver: (job) => deliverOutbox(deps, jobPayload("deliver", job), job.attempts),
    ...extra,
  };
}

/** Dead letters: a turn that keeps failing goes to a person, so no message is left unanswered. */
export function onDeadJob(deps: CoreDeps) {
  return async (job: Job, error: string): Promise<void> => {
    if (job.kind === "turn") {
      const parsed = JOB_PAYLOADS.turn.safeParse(job.payload);
      if (!parsed.success) return;
      const conversation = await deps.store.getConversation(parsed.data.conversationId);
      if (!conversation) return;
      await finishHandoff(deps, conversation, { reasons: [`processing_failed: ${error}`.slice(0, 300)] }, undefined, { language: languageOf(conversation) });
      return;
    }
    if (job.kind === "deliver") {
      const parsed = JOB_PAYLOADS.deliver.safeParse(job.payload);
      const item = parsed.success ? await deps.store.getOutbox(parsed.data.outboxId) : undefined;
      if (item) await failDelivery(deps, item.id, item.conversationId, error);
    }
  };
}
