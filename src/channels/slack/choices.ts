import { ingestMessage } from "../../core/conversation/ingest.js";
import type { Choice } from "../../core/types.js";
import { type SlackContext, slackThreadKey } from "./context.js";
import { type Obj, obj, str } from "./interactions.js";

/** Buttons carry `frontdesk_choice_<n>` (Block Kit wants action ids unique within a block). */
export const CHOICE_ACTION = /^frontdesk_choice_\d+$/;

const plain = (text: string) => ({ type: "plain_text", text: text.slice(0, 75), emoji: true });

/** A reply with quick replies: its text, then one button per choice (Block Kit). */
export function choiceBlocks(text: string, choices: Choice[]): unknown[] {
  return [
    { type: "section", text: { type: "mrkdwn", text: text.slice(0, 3000) } },
    {
      type: "actions",
      elements: choices
        .slice(0, 25)
        .map((c, i) => ({ type: "button", action_id: `frontdesk_choice_${i}`, text: plain(c.label), value: c.value.slice(0, 2000) })),
    },
  ];
}

export type ChoicePress = { value: string; channel: string; threadTs: string; actionTs: string; messageTs: string; text: string };

/** A `block_actions` payload → a press of one of our choice buttons, or null. */
export function choicePressFrom(payload: Obj): ChoicePress | null {
  if (payload.type !== "block_actions") return null;
  const action = obj((payload.actions as unknown[] | undefined)?.[0]);
  const message = obj(payload.message);
  const container = obj(payload.container);
  const value = str(action.value);
  const actionTs = str(action.action_ts);
  const channel = str(obj(payload.channel).id) ?? str(container.channel_id);
  const messageTs = str(message.ts) ?? str(container.message_ts);
  const threadTs = str(message.thread_ts) ?? str(container.thread_ts) ?? messageTs;
  if (!CHOICE_ACTION.test(str(action.action_id) ?? "") || !value || !actionTs || !channel || !threadTs || !messageTs) return null;
  return { value, channel, threadTs, actionTs, messageTs, text: str(message.text) ?? "" };
}

/**
 * A press is the customer answering with that choice: stored as their message in the thread (the
 * press's own timestamp is the dedupe key, so Slack's retries store it once); the buttons go.
 */
export async function handleChoicePress(ctx: SlackContext, press: ChoicePress): Promise<void> {
  const conversation = await ctx.deps.store.findConversationByThread("slack", slackThreadKey(press.channel, press.threadTs));
  if (!conversation) return;
  await ingestMessage(ctx.deps, conversation, { text: press.value, attachments: [], channelMessageId: `choice:${press.actionTs}` });
  await ctx.api
    .updateMessage({ channel: press.channel, ts: press.messageTs, text: `${press.text}\n> ${press.value}`, blocks: [] })
    .catch((error) => ctx.deps.logger.warn("slack.choice_update_failed", { conversationId: conversation.id, error: String(error) }));
}
