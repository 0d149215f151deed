import type { Draft } from "../../core/types.js";

export const ACTION_APPROVE = "frontdesk_draft_approve";
export const ACTION_EDIT = "frontdesk_draft_edit";
export const ACTION_REJECT = "frontdesk_draft_reject";
export const VIEW_EDIT = "frontdesk_draft_edit_view";
export const VIEW_REJECT = "frontdesk_draft_reject_view";
export const BLOCK_TEXT = "draft_text";
export const BLOCK_REASON = "reject_reason";
export const INPUT_ID = "value";

export type ReviewView = {
  draft: Draft;
  channel: string;
  customerName: string | null;
  customerText: string | null;
  /** Who decided, as Slack shows it: a mention when we know the Slack user, else the staff name. */
  decidedBy?: string;
};

type Block = Record<string, unknown>;
const mrkdwn = (text: string) => ({ type: "mrkdwn", text });
const plain = (text: string) => ({ type: "plain_text", text, emoji: true });
// Section text is capped at 3000 characters by Slack.
const cap = (text: string, max = 2900) => (text.length > max ? `${text.slice(0, max)}…` : text);
const quote = (text: string) =>
  cap(text)
    .split("\n")
    .map((l) => `>${l}`)
    .join("\n");
const escapeMrkdwn = (text: string) => text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");

function outcomeLine(v: ReviewView): string | null {
  const d = v.draft;
  const who = v.decidedBy ?? d.decidedBy ?? "someone";
  if (d.status === "pending") return null;
  if (d.status === "rejected")
    return `:x: *Rejected* by ${who}${d.rejectReason ? `: ${escapeMrkdwn(d.rejectReason)}` : ""}. The conversation was handed to the team.`;
  if (d.editedText) return `:pencil2: *Edited and sent* by ${who}.`;
  return `:white_check_mark: *Approved and sent* by ${who}.`;
}

/** The review message: customer message, draft, citations, reasons, and buttons while pending. */
export function reviewMessage(v: ReviewView): { text: string; blocks: Block[] } {
  const d = v.draft;
  const shownText = d.editedText ?? d.text;
  const blocks: Block[] = [
    { type: "header", text: plain(d.status === "pending" ? "Draft waiting for review" : "Draft reviewed") },
    {
      type: "section",
      text: mrkdwn(`*${escapeMrkdwn(v.customerName ?? "Customer")}* wrote (${v.channel}):\n${quote(escapeMrkdwn(v.customerText ?? "(message not found)"))}`),
    },
    {
      type: "section",
      text: mrkdwn(
        `*${d.editedText ? "Sent reply (edited)" : "Draft reply"}* — ${d.mode}${d.confidence !== null ? `, confidence ${d.confidence.toFixed(2)}` : ""}:\n${quote(escapeMrkdwn(shownText))}`,
      ),
    },
  ];
  const context: Block[] = [];
  if (d.citations.length > 0) context.push(mrkdwn(`*Sources:* ${d.citations.map((c) => `${escapeMrkdwn(c.title)} (v${c.version})`).join(", ")}`));
  if (d.reasons.length > 0) context.push(mrkdwn(`*Held because:* ${d.reasons.map(escapeMrkdwn).join(", ")}`));
  context.push(mrkdwn(`Draft \`${d.id}\` · conversation \`${d.conversationId}\``));
  blocks.push({ type: "context", elements: context });
  const outcome = outcomeLine(v);
  if (outcome) blocks.push({ type: "section", text: mrkdwn(outcome) });
  else
    blocks.push({
      type: "actions",
      block_id: "frontdesk_review",
      elements: [
        { type: "button", action_id: ACTION_APPROVE, text: plain("Approve"), style: "primary", value: d.id },
        { type: "button", action_id: ACTION_EDIT, text: plain("Edit"), value: d.id },
        { type: "button", action_id: ACTION_REJECT, text: plain("Reject"), style: "danger", value: d.id },
      ],
    });
  const text = outcome ? `Draft reviewed: ${outcome}` : `Draft waiting for review (${v.channel}): ${cap(shownText, 200)}`;
  return { text, blocks };
}

export type ReviewMetadata = { draftId: string; channel: string; ts: string };

/** The Edit modal, prefilled with the draft; private_metadata says which review message to update. */
export function editModal(draft: Draft, meta: ReviewMetadata) {
  return {
    type: "modal",
    callback_id: VIEW_EDIT,
    private_metadata: JSON.stringify(meta),
    title: plain("Edit and send"),
    submit: plain("Send"),
    close: plain("Cancel"),
    blocks: [
      {
        type: "input",
        block_id: BLOCK_TEXT,
        label: plain("Reply to the customer"),
        element: { type: "plain_text_input", action_id: INPUT_ID, multiline: true, initial_value: draft.text.slice(0, 3000), max_length: 3000 },
      },
    ],
  };
}

/** The Reject modal: a reason is required, it goes on the conversation's handoff. */
export function rejectModal(meta: ReviewMetadata) {
  return {
    type: "modal",
    callback_id: VIEW_REJECT,
    private_metadata: JSON.stringify(meta),
    title: plain("Reject draft"),
    submit: plain("Reject"),
    close: plain("Cancel"),
    blocks: [
      {
        type: "input",
        block_id: BLOCK_REASON,
        label: plain("Why is this draft wrong?"),
        element: { type: "plain_text_input", action_id: INPUT_ID, multiline: true, max_length: 1000 },
      },
    ],
  };
}

export function parseMetadata(raw: unknown): ReviewMetadata | null {
  try {
    const m = JSON.parse(String(raw)) as Partial<ReviewMetadata>;
    return typeof m.draftId === "string" && typeof m.channel === "string" && typeof m.ts === "string" ? (m as ReviewMetadata) : null;
  } catch {
    return null;
  }
}
