import type { Message } from "../../core/types.js";
import type { ChannelSender } from "../../ports/channel-sender.js";
import { choiceBlocks } from "./choices.js";
import { parseSlackThreadKey, type SlackContext } from "./context.js";
import { needsAttention, SlackApiError } from "./slack-api.js";

/** Metadata event type on every customer reply we post; its payload carries the outbox id. */
export const REPLY_EVENT = "frontdesk_reply";

// Slack refuses text over 40,000 characters; stay well inside and say so.
const MAX_TEXT = 39_000;

export function slackReplyText(message: Pick<Message, "text" | "citations">): string {
  let text = message.text;
  if (message.citations.length > 0) text += `\n\n_Sources: ${message.citations.map((c) => c.title).join(" · ")}_`;
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text;
}

/**
 * Posts a stored reply into its Slack thread (replacing the "looking into it" placeholder when there
 * is one). Rate limits and outages come back retryable with Slack's Retry-After; errors only the
 * workspace can fix fail the delivery (the conversation goes to a person) and are posted to the
 * review channel so agents see them.
 */
export function slackSender(ctx: SlackContext): ChannelSender {
  return {
    async send({ conversation, message, idempotencyKey, retry }) {
      const thread = parseSlackThreadKey(conversation.threadKey);
      if (!thread) return { ok: false, retryable: false, error: `bad Slack thread key ${conversation.threadKey}` };
      const text = slackReplyText(message);
      const blocks = message.choices?.length ? choiceBlocks(text, message.choices) : undefined;
      try {
        const placeholder = await ctx.placeholders.take(conversation.id);
        if (placeholder) {
          try {
            await ctx.api.updateMessage({ channel: placeholder.channel, ts: placeholder.ts, text, ...(blocks ? { blocks } : {}) });
            return { ok: true, externalId: placeholder.ts };
          } catch (error) {
            // A placeholder someone deleted is no reason to lose the reply: post it instead.
            ctx.deps.logger.warn("slack.placeholder_update_failed", { conversationId: conversation.id, error: String(error) });
          }
        }
        // chat.postMessage has no idempotency key. The outbox id rides along as message metadata instead, and
        // a retry (after a failure or a crash mid-send) first looks for it in the thread, so a post Slack took
        // before we could record it is not posted again.
        const metadata = { eventType: REPLY_EVENT, payload: { outbox_id: idempotencyKey } };
        if (retry) {
          const already = await ctx.api
            .findInThread({ channel: thread.channel, threadTs: thread.threadTs, eventType: REPLY_EVENT, key: "outbox_id", value: idempotencyKey })
            .catch((error) => {
              // Without the history scope we cannot look: posting again is better than not answering.
              ctx.deps.logger.warn("slack.dedupe_lookup_failed", { conversationId: conversation.id, error: String(error) });
              return null;
            });
          if (already) {
            ctx.deps.logger.info("slack.reply_already_posted", { conversationId: conversation.id, outboxId: idempotencyKey, ts: already });
            return { ok: true, externalId: already };
          }
        }
        const posted = await ctx.api.postMessage({ channel: thread.channel, threadTs: thread.threadTs, text, metadata, ...(blocks ? { blocks } : {}) });
        return { ok: true, externalId: posted.ts };
      } catch (error) {
        const e = error instanceof SlackApiError ? error : new SlackApiError(error instanceof Error ? error.message : String(error), true);
        ctx.deps.logger.warn("slack.send_failed", { conversationId: conversation.id, code: e.code, retryable: e.retryable });
        if (!e.retryable && needsAttention(e.code))
          await tellAgents(
            ctx,
            `:warning: A reply to a customer in <#${thread.channel}> could not be delivered (\`${e.code}\`). The conversation ${conversation.id} was handed to the team; ${fixFor(e.code)}`,
          );
        return { ok: false, retryable: e.retryable, error: `slack:${e.code}`, retryAfterMs: e.retryAfterMs };
      }
    },
  };
}

function fixFor(code: string): string {
  if (code === "not_in_channel" || code === "channel_not_found") return "invite the frontdesk app to that channel (`/invite @frontdesk`).";
  if (code === "is_archived") return "the channel is archived; reach the customer another way.";
  if (code === "missing_scope") return "add the missing scope in the app settings and reinstall.";
  return "the bot token no longer works: reinstall the app and update SLACK_BOT_TOKEN.";
}

/** Best effort: a note in the review channel. Never throws (the caller is already failing). */
export async function tellAgents(ctx: SlackContext, text: string): Promise<void> {
  if (!ctx.reviewChannel) return;
  try {
    await ctx.api.postMessage({ channel: ctx.reviewChannel, text });
  } catch (error) {
    ctx.deps.logger.error("slack.tell_agents_failed", { error: String(error) });
  }
}
