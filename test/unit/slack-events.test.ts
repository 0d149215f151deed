import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { botUserIdOf, classifyEvent, fileUrlAllowed, slackToPlainText } from "../../src/channels/slack/inbound-event.js";
import { buttonPressFrom } from "../../src/channels/slack/interactions.js";
import { parseSlackRequest, type SlackEnvelope } from "../../src/channels/slack/parse-request.js";
import { repoRoot } from "../helpers/harness.js";

const fixture = (name: string) => readFileSync(join(repoRoot, "test/fixtures/slack", name), "utf8");
const envelope = (name: string) => JSON.parse(fixture(name)) as SlackEnvelope;
const verdictOf = (name: string, bot?: string) => {
  const e = envelope(name);
  return classifyEvent(e.event, botUserIdOf(e, bot));
};

describe("which Slack events are customer messages", () => {
  it("takes a direct message as a new thread keyed by its own ts", () => {
    expect(verdictOf("messageIm.json")).toMatchObject({
      kind: "customer",
      channel: "D0442US94JD",
      ts: "1664408649.009629",
      threadTs: "1664408649.009629",
      user: "U043H11ES4V",
      text: "test",
    });
    expect(verdictOf("message_im_envelope.json")).toMatchObject({ kind: "customer", text: "Hello hello can you hear me?", onlyExistingThread: false });
  });

  it("takes a mention and drops the bot's own mention from the text", () => {
    const v = verdictOf("app_mention_envelope.json", "U0LAN0Z89");
    expect(v).toMatchObject({ kind: "customer", channel: "C0LAN2Q65", text: "You can count on for an honorable mention." });
  });

  it("takes a file share in a DM with its files", () => {
    const v = verdictOf("message_file_share.json");
    expect(v.kind).toBe("customer");
    if (v.kind === "customer") expect(v.files).toHaveLength(1);
  });

  it("ignores bot messages, edits, deletes and our own messages", () => {
    expect(verdictOf("botMessage.json")).toEqual({ kind: "ignore", reason: "bot_message" });
    expect(verdictOf("messageChange.json")).toEqual({ kind: "ignore", reason: "subtype:message_changed" });
    const deleted = { ...envelope("messageIm.json").event, subtype: "message_deleted" };
    expect(classifyEvent(deleted, undefined)).toEqual({ kind: "ignore", reason: "subtype:message_deleted" });
    const own = { ...envelope("messageIm.json").event, user: "UBOT" };
    expect(classifyEvent(own, "UBOT")).toEqual({ kind: "ignore", reason: "own_message" });
  });

  it("never takes a Slackbot notice in the app's DMs for a customer", () => {
    const notice = { ...envelope("messageIm.json").event, user: "USLACKBOT", text: "You have been removed from #support by <@U0123>" };
    expect(classifyEvent(notice, "U0442US8QGH")).toEqual({ kind: "ignore", reason: "system_sender" });
  });

  it("reads the bot user id from the envelope's authorizations", () => {
    expect(botUserIdOf(envelope("messageIm.json"))).toBe("U0442US8QGH");
  });

  it("ignores top-level channel chatter and keeps channel thread replies only for threads we own", () => {
    const base = envelope("messageIm.json").event;
    expect(classifyEvent({ ...base, channel: "C1", channel_type: "channel" }, undefined)).toEqual({
      kind: "ignore",
      reason: "channel_message_without_mention",
    });
    expect(classifyEvent({ ...base, channel: "C1", channel_type: "channel", thread_ts: "1.0" }, undefined)).toMatchObject({
      kind: "customer",
      threadTs: "1.0",
      onlyExistingThread: true,
    });
  });

  it("unwraps Slack markup into plain text", () => {
    expect(slackToPlainText("<@UBOT> see <https://x.test/a|the docs> &amp; <mailto:a@b.c|a@b.c> in <#C1|general> &lt;3", "UBOT")).toBe(
      "see the docs (https://x.test/a) & a@b.c in #general <3",
    );
  });

  it("sends the bot token only to Slack's file hosts", () => {
    const hosts = ["files.slack.com"];
    expect(fileUrlAllowed("https://files.slack.com/files-pri/T-F/download/a.png", hosts)).toBe(true);
    expect(fileUrlAllowed("https://evil.example/files.slack.com/a.png", hosts)).toBe(false);
    expect(fileUrlAllowed("http://files.slack.com/a.png", hosts)).toBe(false);
    expect(fileUrlAllowed("https://files.slack.com.evil.example/a.png", hosts)).toBe(false);
  });
});

describe("parsing Slack request bodies", () => {
  it("answers the URL verification challenge", () => {
    expect(parseSlackRequest(JSON.stringify({ type: "url_verification", challenge: "abc", token: "t" }), "application/json")).toEqual({
      kind: "url_verification",
      challenge: "abc",
    });
  });

  it("reads interactivity from the form Slack sends", () => {
    const parsed = parseSlackRequest(fixture("block_actions_message.form.txt").trim(), "application/x-www-form-urlencoded");
    expect(parsed.kind).toBe("interaction");
    if (parsed.kind === "interaction") {
      expect(parsed.payload).toEqual(JSON.parse(fixture("block_actions_message.json")));
      // A button that is not one of ours is not mistaken for a review decision.
      expect(buttonPressFrom(parsed.payload)).toBeNull();
    }
  });

  it("maps a review button press", () => {
    const payload = { ...JSON.parse(fixture("block_actions_message.json")), actions: [{ action_id: "frontdesk_draft_approve", value: "D1", type: "button" }] };
    expect(buttonPressFrom(payload)).toEqual({
      actionId: "frontdesk_draft_approve",
      draftId: "D1",
      userId: "UA8RXUSPL",
      channel: "CBR2V3XEX",
      messageTs: "1548261231.000200",
      triggerId: "12321423423.333649436676.d8c1bb837935619ccad0f624c448ffb3",
    });
  });

  it("does not throw on junk", () => {
    expect(parseSlackRequest("{", "application/json").kind).toBe("unknown");
    expect(parseSlackRequest("a=b", "application/x-www-form-urlencoded").kind).toBe("unknown");
  });
});
