import { RetryLater } from "../../core/delivery/deliver.js";
import { AppError } from "../../core/errors.js";
import { jobPayload } from "../../core/jobs/payloads.js";
import { type DraftDecision, decideDraft } from "../../core/review/decide-draft.js";
import type { Draft, Job, StaffMember } from "../../core/types.js";
import { type SlackContext, withBudget } from "./context.js";
import {
  ACTION_APPROVE,
  ACTION_EDIT,
  ACTION_REJECT,
  BLOCK_REASON,
  BLOCK_TEXT,
  editModal,
  INPUT_ID,
  parseMetadata,
  type ReviewMetadata,
  rejectModal,
  reviewMessage,
  VIEW_EDIT,
  VIEW_REJECT,
} from "./review-blocks.js";
import { SlackApiError } from "./slack-api.js";

async function reviewView(ctx: SlackContext, draft: Draft) {
  const conversation = await ctx.deps.store.getConversation(draft.conversationId);
  const contact = conversation?.contactId ? await ctx.deps.store.getContact(conversation.contactId) : null;
  const customer = draft.replyToMessageId ? await ctx.deps.store.getMessage(draft.replyToMessageId) : null;
  let decidedBy: string | undefined;
  if (draft.decidedBy) {
    const staff = await ctx.deps.store.getStaff(draft.decidedBy);
    decidedBy = staff ? (staff.slackUserId ? `<@${staff.slackUserId}> (${staff.name})` : staff.name) : draft.decidedBy;
  }
  return reviewMessage({
    draft,
    channel: conversation?.channel ?? "unknown",
    customerName: contact?.name ?? contact?.email ?? null,
    customerText: customer?.text ?? null,
    decidedBy,
  });
}

/**
 * The `draft_held` job: posts the held draft to the review channel with Approve / Edit / Reject.
 * Rate limits wait for Retry-After; a channel the bot cannot post to fails the job loudly (the draft
 * still waits in the console queue, so nothing is lost).
 */
export function draftHeldHandler(ctx: SlackContext) {
  return async (job: Job): Promise<void> => {
    const reviewChannel = ctx.reviewChannel;
    if (!reviewChannel) return;
    const draft = await ctx.deps.store.getDraft(jobPayload("draft_held", job).draftId);
    if (draft?.status !== "pending") return;
    const message = await reviewView(ctx, draft);
    try {
      await ctx.api.postMessage({ channel: reviewChannel, ...message });
    } catch (error) {
      if (error instanceof SlackApiError) {
        ctx.deps.logger.error("slack.review_post_failed", { draftId: draft.id, code: error.code, retryable: error.retryable });
        if (error.retryable) throw new RetryLater(`slack:${error.code}`, error.retryAfterMs);
      }
      throw error;
    }
  };
}

/** Maps the Slack user to a staff account: an explicit link, or the email Slack reports. */
async function reviewer(ctx: SlackContext, slackUserId: string): Promise<StaffMember | null> {
  let email: string | undefined;
  try {
    // Modal submissions are decided before the acknowledgement: keep the lookup well inside 3 s.
    email = (await withBudget(ctx.api.userInfo(slackUserId), 1000)).email;
  } catch (error) {
    ctx.deps.logger.warn("slack.users_info_failed", { error: String(error) });
  }
  return ctx.deps.store.findStaffBySlackUser(slackUserId, email ?? null);
}

const NOT_ALLOWED =
  ":no_entry: You are not allowed to review drafts: your Slack account is not linked to a frontdesk staff account. Ask an admin to add you (with the email you use in Slack).";

async function ephemeral(ctx: SlackContext, channel: string, user: string, text: string) {
  try {
    await ctx.api.postEphemeral({ channel, user, text });
  } catch (error) {
    ctx.deps.logger.warn("slack.ephemeral_failed", { error: String(error) });
  }
}

/** Redraws the review message from the stored draft, so it shows who did what (or that it is gone). */
async function refresh(ctx: SlackContext, draftId: string, at: { channel: string; ts: string }) {
  const draft = await ctx.deps.store.getDraft(draftId);
  if (!draft) return;
  try {
    await ctx.api.updateMessage({ channel: at.channel, ts: at.ts, ...(await reviewView(ctx, draft)) });
  } catch (error) {
    ctx.deps.logger.warn("slack.review_update_failed", { draftId, error: String(error) });
  }
}

async function decide(
  ctx: SlackContext,
  staff: StaffMember,
  meta: ReviewMetadata,
  decision: DraftDecision,
): Promise<{ ok: true } | { ok: false; message: string; decidedElsewhere: boolean }> {
  try {
    await decideDraft(ctx.deps, meta.draftId, staff, decision);
    ctx.deps.logger.info("slack.draft_decided", { draftId: meta.draftId, action: decision.action, staffId: staff.id });
    return { ok: true };
  } catch (error) {
    if (error instanceof AppError && ["conflict", "not_found", "bad_request"].includes(error.code))
      return { ok: false, message: error.message, decidedElsewhere: error.code !== "bad_request" };
    throw error;
  }
}

export type ButtonPress = { actionId: string; draftId: string; userId: string; channel: string; messageTs: string; triggerId: string };

/** A button on a review message, after Slack has been acknowledged. */
export async function handleReviewButton(ctx: SlackContext, press: ButtonPress): Promise<void> {
  const meta: ReviewMetadata = { draftId: press.draftId, channel: press.channel, ts: press.messageTs };
  const staff = await reviewer(ctx, press.userId);
  if (!staff) {
    ctx.deps.logger.warn("slack.review_not_allowed", { slackUserId: press.userId, draftId: press.draftId });
    await ephemeral(ctx, press.channel, press.userId, NOT_ALLOWED);
    return;
  }
  const draft = await ctx.deps.store.getDraft(press.draftId);
  if (draft?.status !== "pending") {
    await ephemeral(ctx, press.channel, press.userId, draft ? "This draft was already decided." : "This draft no longer exists.");
    await refresh(ctx, press.draftId, meta);
    return;
  }
  if (press.actionId === ACTION_APPROVE) {
    const r = await decide(ctx, staff, meta, { action: "approve" });
    if (!r.ok) await ephemeral(ctx, press.channel, press.userId, r.message);
    await refresh(ctx, press.draftId, meta);
    return;
  }
  const view = press.actionId === ACTION_EDIT ? editModal(draft, meta) : press.actionId === ACTION_REJECT ? rejectModal(meta) : null;
  if (!view) return;
  try {
    await ctx.api.openView({ triggerId: press.triggerId, view });
  } catch (error) {
    ctx.deps.logger.warn("slack.open_view_failed", { error: String(error) });
    await ephemeral(ctx, press.channel, press.userId, "Could not open the form (Slack said no); please try again, or use the console.");
  }
}

export type ModalSubmission = {
  callbackId: string;
  privateMetadata: unknown;
  userId: string;
  values: Record<string, Record<string, { value?: string | null }>>;
};

export type SubmissionResult = {
  /** The body for Slack's acknowledgement: nothing closes the modal, errors keep it open. */
  response?: { response_action: "errors"; errors: Record<string, string> };
  /** Work to do after the acknowledgement (updating the review message). */
  after?: () => Promise<void>;
};

/** The Edit or Reject modal was submitted: decide before acknowledging, so errors show in the form. */
export async function handleReviewSubmission(ctx: SlackContext, s: ModalSubmission): Promise<SubmissionResult> {
  const meta = parseMetadata(s.privateMetadata);
  const block = s.callbackId === VIEW_EDIT ? BLOCK_TEXT : BLOCK_REASON;
  const fail = (message: string): SubmissionResult => ({ response: { response_action: "errors", errors: { [block]: message } } });
  if (!meta || (s.callbackId !== VIEW_EDIT && s.callbackId !== VIEW_REJECT)) return fail("This form is out of date; open it again from the review message.");
  const staff = await reviewer(ctx, s.userId);
  if (!staff) return fail("You are not allowed to review drafts: your Slack account is not linked to a frontdesk staff account.");
  const value = s.values[block]?.[INPUT_ID]?.value ?? "";
  const decision: DraftDecision = s.callbackId === VIEW_EDIT ? { action: "approve", text: value } : { action: "reject", reason: value };
  const r = await decide(ctx, staff, meta, decision);
  // Someone else decided first (console or another agent): show that on the review message too.
  if (!r.ok) return { ...fail(r.message), after: r.decidedElsewhere ? () => refresh(ctx, meta.draftId, meta) : undefined };
  return { after: () => refresh(ctx, meta.draftId, meta) };
}
