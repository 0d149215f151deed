import type { ButtonPress, ModalSubmission } from "./review.js";
import { ACTION_APPROVE, ACTION_EDIT, ACTION_REJECT, VIEW_EDIT, VIEW_REJECT } from "./review-blocks.js";

export const REVIEW_ACTIONS = [ACTION_APPROVE, ACTION_EDIT, ACTION_REJECT];
export const REVIEW_VIEWS = [VIEW_EDIT, VIEW_REJECT];

export type Obj = Record<string, unknown>;
export const obj = (v: unknown): Obj => (typeof v === "object" && v !== null ? (v as Obj) : {});
export const str = (v: unknown): string | undefined => (typeof v === "string" && v ? v : undefined);

/** A `block_actions` payload → one press of a review button, or null when it is not ours. */
export function buttonPressFrom(payload: Obj): ButtonPress | null {
  if (payload.type !== "block_actions") return null;
  const action = obj((payload.actions as unknown[] | undefined)?.[0]);
  const actionId = str(action.action_id);
  const draftId = str(action.value);
  const userId = str(obj(payload.user).id);
  const channel = str(obj(payload.channel).id) ?? str(obj(payload.container).channel_id);
  const messageTs = str(obj(payload.message).ts) ?? str(obj(payload.container).message_ts);
  const triggerId = str(payload.trigger_id);
  if (!actionId || !REVIEW_ACTIONS.includes(actionId) || !draftId || !userId || !channel || !messageTs || !triggerId) return null;
  return { actionId, draftId, userId, channel, messageTs, triggerId };
}

/** A `view_submission` payload → a submitted review modal, or null when it is not ours. */
export function submissionFrom(payload: Obj): ModalSubmission | null {
  if (payload.type !== "view_submission") return null;
  const view = obj(payload.view);
  const callbackId = str(view.callback_id);
  const userId = str(obj(payload.user).id);
  if (!callbackId || !REVIEW_VIEWS.includes(callbackId) || !userId) return null;
  return { callbackId, userId, privateMetadata: view.private_metadata, values: obj(obj(view.state).values) as ModalSubmission["values"] };
}
