import type { TurnOutcome } from "../../ports/store.js";
import type { CoreDeps } from "../deps.js";
import { newId } from "../ids.js";
import type { Channel } from "../types.js";

type Delivery = NonNullable<TurnOutcome["deliver"]>[number];

/** The outbox row for a system notice, or none on a channel that never delivers notices (email). */
export function noticeDelivery(deps: CoreDeps, channel: Channel, messageId: string): Delivery[] {
  return deps.capabilities(channel).deliversNotices ? [{ outboxId: newId(), messageId, jobId: newId() }] : [];
}

/** The job ids an outcome's deliveries and jobs created, for the job queue. */
export function jobIdsOf(outcome: { deliver?: Delivery[]; jobs?: { id: string }[] }): string[] {
  return [...(outcome.deliver ?? []).map((d) => d.jobId), ...(outcome.jobs ?? []).map((j) => j.id)];
}
