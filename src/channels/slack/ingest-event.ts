import { conversationForThread, ingestMessage } from "../../core/conversation/ingest.js";
import { systemText } from "../../core/texts/catalogue.js";
import type { AttachmentInput, Conversation } from "../../core/types.js";
import { DEDUPE_TTL_MS, type SlackContext, slackThreadKey, withBudget } from "./context.js";
import { botUserIdOf, classifyEvent, fileUrlAllowed, isImageFile } from "./inbound-event.js";
import type { SlackEnvelope, SlackFile } from "./parse-request.js";

export type IngestOutcome =
  | { kind: "ignored"; reason: string }
  | { kind: "duplicate"; reason: "event_id" | "channel_ts" | "message" }
  | { kind: "stored"; conversationId: string; messageId: string };

const STATUS_TEXT = "is looking into it…";
// Downloads happen before the acknowledgement, so they get a hard budget well under Slack's 3 s.
const DOWNLOAD_BUDGET_MS = 1800;
const USER_INFO_BUDGET_MS = 700;

/**
 * One Events API envelope (message or app_mention): filtered, deduplicated, and stored with its
 * `turn` job before it returns, so the caller can acknowledge Slack right after. Throwing means
 * "not stored": the caller answers 5xx and Slack's retry brings the event back.
 */
export async function ingestSlackEvent(ctx: SlackContext, envelope: SlackEnvelope, opts: { botUserId?: string } = {}): Promise<IngestOutcome> {
  const { deps } = ctx;
  const verdict = classifyEvent(envelope.event, botUserIdOf(envelope, opts.botUserId));
  if (verdict.kind === "ignore") return { kind: "ignored", reason: verdict.reason };

  const threadKey = slackThreadKey(verdict.channel, verdict.threadTs);
  let conversation = await deps.store.findConversationByThread("slack", threadKey);
  if (verdict.onlyExistingThread && !conversation) return { kind: "ignored", reason: "thread_not_ours" };

  // Retries carry the same event_id; a mention also arrives as a `message` with another event_id
  // but the same channel+ts. The keys are written only once the message is stored, so a crash or
  // a failed attempt never turns Slack's retry into a "duplicate"; two copies racing each other
  // are settled by ingest itself (unique on conversation + ts).
  const now = deps.clock.now();
  const eventKey = envelope.event_id ? `slack:event:${envelope.event_id}` : undefined;
  const msgKey = `slack:msg:${verdict.channel}:${verdict.ts}`;
  if (eventKey && (await deps.store.hasKey(eventKey, now))) return { kind: "duplicate", reason: "event_id" };
  if (await deps.store.hasKey(msgKey, now)) return { kind: "duplicate", reason: "channel_ts" };
  const remember = async () => {
    for (const key of [eventKey, msgKey]) if (key) await deps.store.rememberKey(key, DEDUPE_TTL_MS, deps.clock.now());
  };

  if (!conversation) {
    const known = await deps.store.findContactByIdentity("slack", verdict.user);
    const profile = known
      ? {}
      : await withBudget(ctx.api.userInfo(verdict.user), USER_INFO_BUDGET_MS).catch((error) => {
          deps.logger.warn("slack.users_info_failed", { error: String(error) });
          return {};
        });
    conversation = await conversationForThread(deps, {
      channel: "slack",
      threadKey,
      sender: { externalId: verdict.user, ...profile },
      subject: verdict.text.slice(0, 120) || undefined,
    });
  }
  const { attachments, notes } = await downloadImages(ctx, verdict.files);
  let text = [verdict.text, ...notes].filter(Boolean).join("\n");
  if (text.length > deps.policy.maxMessageChars) text = `${text.slice(0, deps.policy.maxMessageChars - 40)}\n[message shortened by frontdesk]`;
  // A bare mention is still someone asking for help: it must reach a reply or a person.
  if (!text && attachments.length === 0) text = "(no text)";
  const result = await ingestMessage(deps, conversation, { text, attachments, channelMessageId: verdict.ts });
  await remember();
  if (result.duplicate) return { kind: "duplicate", reason: "message" };
  if (conversation.status !== "handed_off" && !conversation.assigneeId) showProgress(ctx, conversation, verdict.channel, verdict.threadTs);
  return { kind: "stored", conversationId: conversation.id, messageId: result.messageId };
}

/** Images become attachments for the image intake; anything not read is named in the text instead. */
async function downloadImages(ctx: SlackContext, files: SlackFile[]): Promise<{ attachments: AttachmentInput[]; notes: string[] }> {
  const attachments: AttachmentInput[] = [];
  const notes: string[] = [];
  const deadline = Date.now() + DOWNLOAD_BUDGET_MS;
  for (const file of files) {
    const name = (file.name ?? file.title ?? "file").slice(0, 200);
    const url = file.url_private_download ?? file.url_private;
    if (!isImageFile(file)) {
      notes.push(`[attached ${name} (${file.mimetype ?? "unknown type"}): not an image, not read]`);
      continue;
    }
    if (!url || !fileUrlAllowed(url, ctx.fileHosts)) {
      notes.push(`[attached ${name}: not downloaded (unexpected file location)]`);
      continue;
    }
    if (file.size !== undefined && file.size > ctx.maxFileBytes) {
      notes.push(`[attached ${name}: too large to read (${file.size} bytes)]`);
      continue;
    }
    try {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error("download budget spent");
      const got = await withBudget(ctx.api.downloadFile(url, ctx.maxFileBytes), left);
      if (!got.contentType.startsWith("image/"))
        throw new Error(`got ${got.contentType || "no content type"} instead of an image (is the files:read scope granted?)`);
      attachments.push({ filename: name, contentType: file.mimetype ?? got.contentType, data: got.data });
    } catch (error) {
      ctx.deps.logger.warn("slack.file_download_failed", { fileId: file.id, error: String(error) });
      notes.push(`[attached ${name}: could not be downloaded]`);
    }
  }
  return { attachments, notes };
}

/** Assistant status when the workspace allows it, else a placeholder message the reply replaces. */
function showProgress(ctx: SlackContext, conversation: Conversation, channel: string, threadTs: string): void {
  const work = (async () => {
    try {
      await ctx.api.setThreadStatus({ channel, threadTs, status: STATUS_TEXT });
      return undefined;
    } catch (error) {
      ctx.deps.logger.debug("slack.status_unavailable", { error: String(error) });
    }
    try {
      return await ctx.api.postMessage({ channel, threadTs, text: systemText("slack.placeholder", "en") });
    } catch (error) {
      ctx.deps.logger.warn("slack.placeholder_failed", { conversationId: conversation.id, error: String(error) });
      return undefined;
    }
  })();
  // Registered before the first await, so a reply delivered meanwhile waits for it.
  ctx.placeholders.set(conversation.id, work);
  ctx.background(work);
}
