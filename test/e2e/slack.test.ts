import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { signSlackRequest } from "../../src/channels/slack/verify-signature.js";
import { newId } from "../../src/core/ids.js";
import { decideDraft } from "../../src/core/review/decide-draft.js";
import { type FakeSlack, interactionForm, PNG_1X1, postSlack, startFakeSlack } from "../helpers/fake-slack.js";
import { eventually, openChat, repoRoot, startTestServer } from "../helpers/harness.js";

const SECRET = "test-signing-secret-0123456789";
const TOKEN = "xoxb-test-token";
const REVIEW = "CREVIEW";
const BOT = "UBOT";
const QUESTION = "My account is locked after too many sign-in attempts, it says TB-1101. How long does the lock last?";

// biome-ignore lint/suspicious/noExplicitAny: fixtures are Slack's free-form JSON, edited per test
const fixture = (name: string) => JSON.parse(readFileSync(join(repoRoot, "test/fixtures/slack", name), "utf8")) as Record<string, any>;

let slack: FakeSlack;
let server: Awaited<ReturnType<typeof startTestServer>>;
let seq = 0;

/** A fresh, unique copy of a fixture envelope: new event_id and ts so tests never collide. */
function envelope(name: string, event: Record<string, unknown> = {}) {
  const e = fixture(name);
  seq++;
  const ts = `${1_763_000_000 + seq}.00${String(seq).padStart(4, "0")}`;
  e.event_id = `Ev${Date.now()}${seq}`;
  e.authorizations = [{ team_id: "T1", user_id: BOT, is_bot: true }];
  e.event = { ...e.event, ts, event_ts: ts, ...event };
  return e;
}
const send = (body: unknown, headers: Record<string, string> = {}) => postSlack(server.url, SECRET, JSON.stringify(body), { headers });
const sqlite = () => server.sqlite.sqlite;
const count = (sql: string, ...params: unknown[]) =>
  (
    sqlite()
      .prepare(sql)
      .get(...params) as { n: number }
  ).n;
const posts = (channel: string, threadTs?: string) =>
  slack.called("chat.postMessage").filter((c) => c.args.channel === channel && (threadTs === undefined || c.args.thread_ts === threadTs));

beforeAll(async () => {
  slack = await startFakeSlack({ botToken: TOKEN, botUserId: BOT });
  server = await startTestServer({
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_BOT_TOKEN: TOKEN,
    SLACK_REVIEW_CHANNEL: REVIEW,
    SLACK_API_URL: slack.apiUrl,
    REVIEW_MODE: "all",
  });
});
afterAll(async () => {
  await server?.stop();
  await slack?.close();
});
beforeEach(() => slack.reset());

describe("POST /slack/events security", () => {
  it("answers Slack's URL verification challenge", async () => {
    const r = await send({ token: "x", challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", type: "url_verification" });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" });
  });

  it("refuses unsigned, badly signed and stale requests with 401 and stores nothing", async () => {
    const before = count("select count(*) n from messages");
    const body = JSON.stringify(envelope("message_im_envelope.json"));
    const unsigned = await postSlack(server.url, SECRET, body, { signature: null });
    const wrong = await postSlack(server.url, "not-the-secret", body);
    const now = Math.floor(Date.now() / 1000);
    const tampered = await postSlack(server.url, SECRET, body, {
      timestamp: now,
      signature: await signSlackRequest(SECRET, now, body.replace("Hello", "Hullo")),
    });
    const stale = await postSlack(server.url, SECRET, body, { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    for (const r of [unsigned, wrong, tampered, stale]) {
      expect(r.status).toBe(401);
      expect((r.json.error as { code: string }).code).toBe("unauthorized");
    }
    await new Promise((r) => setTimeout(r, 100));
    expect(count("select count(*) n from messages")).toBe(before);
    expect(slack.calls).toHaveLength(0);
  });
});

describe("customers in Slack", () => {
  it("stores a DM before acknowledging, answers in its thread once, and ignores Slack's retries", async () => {
    slack.addUser("UCUST1", "Ada Lovelace", "ada@example.com");
    const e = envelope("message_im_envelope.json", { user: "UCUST1", channel: "D0001", text: QUESTION });
    const first = await send(e);
    expect(first.status).toBe(200);
    expect(first.ms).toBeLessThan(3000);
    // Acknowledged only after the message and its turn job were written.
    expect(count("select count(*) n from messages where channel_message_id = ?", e.event.ts)).toBe(1);
    expect(count("select count(*) n from jobs where kind = 'turn' and dedupe_key like ?", `%:${e.event.ts}`)).toBe(1);

    const retry = await send(e, { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" });
    const retry2 = await send(e, { "x-slack-retry-num": "2", "x-slack-retry-reason": "http_timeout" });
    expect([retry.status, retry2.status]).toEqual([200, 200]);

    await eventually(() => posts("D0001", e.event.ts).length > 0);
    await new Promise((r) => setTimeout(r, 300));
    expect(posts("D0001", e.event.ts)).toHaveLength(1);
    expect(count("select count(*) n from messages where channel_message_id = ?", e.event.ts)).toBe(1);
    expect(count("select count(*) n from turns t join messages m on m.id = t.message_id where m.channel_message_id = ?", e.event.ts)).toBe(1);

    const conv = sqlite()
      .prepare(
        "select c.thread_key, ct.name, ct.email from conversations c join contacts ct on ct.id = c.contact_id where c.channel = 'slack' and c.thread_key = ?",
      )
      .get(`D0001:${e.event.ts}`);
    expect(conv).toEqual({ thread_key: `D0001:${e.event.ts}`, name: "Ada Lovelace", email: "ada@example.com" });
    // In a DM the assistant status shows progress (Slack clears it when we reply).
    expect(slack.called("assistant.threads.setStatus")[0]?.args).toMatchObject({ channel_id: "D0001", thread_ts: e.event.ts });
  });

  it("recognises a redelivered event_id even when nothing else matches", async () => {
    const e = envelope("message_im_envelope.json", { user: "UCUST1", channel: "D0006" });
    await server.store.rememberKey(`slack:event:${e.event_id}`, 60_000, Date.now());
    expect((await send(e, { "x-slack-retry-num": "3" })).status).toBe(200);
    expect(count("select count(*) n from messages where channel_message_id = ?", e.event.ts)).toBe(0);
  });

  it("downloads an image shared in a DM with the bot token and stores it as an attachment", async () => {
    const base = fixture("message_file_share.json").event;
    const file = {
      ...base.files[0],
      id: "F0IMG",
      name: "screenshot.png",
      title: "screenshot.png",
      mimetype: "image/png",
      filetype: "png",
      size: PNG_1X1.length,
      url_private_download: slack.fileUrl("screenshot.png"),
      url_private: slack.fileUrl("screenshot.png"),
    };
    const e = envelope("message_file_share.json", { user: "UCUST2", channel: "D0002", text: "the card reader shows this error", files: [file] });
    const r = await send(e);
    expect(r.status).toBe(200);
    expect(slack.downloads).toEqual([{ path: "/files-pri/T1-F1/download/screenshot.png", authorization: `Bearer ${TOKEN}` }]);
    const att = sqlite()
      .prepare(
        "select a.filename, a.mime, a.size, a.status, b.data from attachments a join messages m on m.id = a.message_id join blobs b on b.sha256 = a.sha256 where m.channel_message_id = ?",
      )
      .get(e.event.ts) as Record<string, unknown>;
    expect(att).toMatchObject({ filename: "screenshot.png", mime: "image/png", size: PNG_1X1.length });
    expect(Buffer.from(String(att.data), "base64").equals(PNG_1X1)).toBe(true);
    // Slack's retry of the same event is recognised before any work: no second download.
    expect((await send(e, { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" })).status).toBe(200);
    // The other half of a pair (same channel+ts, another event_id) is recognised the same way.
    expect((await send({ ...e, event_id: `${e.event_id}-pair` })).status).toBe(200);
    expect(slack.downloads).toHaveLength(1);
    await eventually(() => posts("D0002", e.event.ts).length > 0);
  });

  it("names a file it could not read instead of dropping the message", async () => {
    const e = envelope("message_file_share.json", { user: "UCUST2", channel: "D0003", text: "" });
    expect((await send(e)).status).toBe(200);
    const m = sqlite().prepare("select text from messages where channel_message_id = ?").get(e.event.ts) as { text: string };
    expect(m.text).toContain("namenamename.txt");
    expect(slack.downloads).toHaveLength(0);
  });

  it("answers a mention in a channel thread in that thread, once for the app_mention + message pair", async () => {
    // In channels the assistant status is not available: a placeholder is posted and later replaced.
    slack.on("assistant.threads.setStatus", () => ({ ok: false, error: "not_allowed_token_type" }));
    const threadTs = "1763999999.000100";
    const mention = envelope("app_mention_envelope.json", { user: "UCUST3", channel: "C0CHAN", thread_ts: threadTs, text: `<@${BOT}> ${QUESTION}` });
    const message = { ...envelope("message_im_envelope.json"), event: { ...mention.event, type: "message", channel_type: "channel" } };
    const [a, b] = await Promise.all([send(mention), send(message)]);
    expect([a.status, b.status]).toEqual([200, 200]);

    expect(count("select count(*) n from conversations where thread_key = ?", `C0CHAN:${threadTs}`)).toBe(1);
    const stored = sqlite().prepare("select text from messages where channel_message_id = ?").all(mention.event.ts) as { text: string }[];
    expect(stored).toEqual([{ text: QUESTION }]);

    const placeholder = await eventually(() => posts("C0CHAN", threadTs).find((c) => String(c.args.text).startsWith("Looking into it")));
    await eventually(() => slack.called("chat.update").some((c) => c.args.channel === "C0CHAN"));
    const update = slack.called("chat.update").find((c) => c.args.channel === "C0CHAN")!;
    expect(update.args.ts).toBeDefined();
    expect(String(update.args.text)).not.toContain("Looking into it");
    await new Promise((r) => setTimeout(r, 300));
    // The reply replaced the placeholder; nothing else was posted in the thread.
    expect(posts("C0CHAN", threadTs)).toEqual([placeholder]);

    // A later plain reply in the same thread continues the conversation (no mention needed).
    const followUp = {
      ...envelope("message_im_envelope.json"),
      event: { ...mention.event, type: "message", channel_type: "channel", ts: "1764000000.000200", text: "thanks, and after 10 attempts?" },
    };
    expect((await send(followUp)).status).toBe(200);
    expect(
      count(
        "select count(*) n from messages m join conversations c on c.id = m.conversation_id where c.thread_key = ? and m.role = 'customer'",
        `C0CHAN:${threadTs}`,
      ),
    ).toBe(2);
  });

  it("waits out a rate limit on the reply (Retry-After) and then delivers it", async () => {
    let limited = 0;
    slack.on("chat.postMessage", (args) => {
      if (args.channel !== "D0RL" || limited > 0) return undefined;
      limited++;
      return { status: 429, headers: { "retry-after": "1" }, body: { ok: false, error: "ratelimited" } };
    });
    const e = envelope("message_im_envelope.json", { user: "UCUST5", channel: "D0RL", text: QUESTION });
    expect((await send(e)).status).toBe(200);
    const attempts = () => slack.called("chat.postMessage").filter((c) => c.args.channel === "D0RL");
    await eventually(() => attempts().length >= 2, 5000);
    const [first, second] = attempts();
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(900);
    const sent = () =>
      count(
        "select count(*) n from outbox o join conversations c on c.id = o.conversation_id where c.thread_key = ? and o.status = 'sent'",
        `D0RL:${e.event.ts}`,
      );
    // The fake records the call before answering; the outbox row is marked just after.
    await eventually(() => sent() === 1);
    expect(attempts()).toHaveLength(2);
  });

  it("starts the conversation even when users.info is not allowed", async () => {
    slack.on("users.info", () => ({ ok: false, error: "missing_scope" }));
    const e = envelope("message_im_envelope.json", { user: "UNOSCOPE", channel: "D0005" });
    expect((await send(e)).status).toBe(200);
    expect(
      sqlite().prepare("select ct.name from conversations c join contacts ct on ct.id = c.contact_id where c.thread_key = ?").get(`D0005:${e.event.ts}`),
    ).toEqual({ name: null });
  });

  it("does not treat bot messages, edits or our own messages as customer turns", async () => {
    const before = count("select count(*) n from messages");
    const own = envelope("message_im_envelope.json", { user: BOT, channel: "D0004" });
    // In a DM, where any human message would count; edits carry the editor in message.user.
    const dm = { channel: "D0004", channel_type: "im", thread_ts: undefined };
    const bot = envelope("botMessage.json", dm);
    const edit = envelope("messageChange.json", { ...dm, user: "UCUST1" });
    const deleted = envelope("message_im_envelope.json", { ...dm, user: "UCUST1", subtype: "message_deleted" });
    for (const e of [bot, edit, deleted, own]) expect((await send(e)).status).toBe(200);
    expect(count("select count(*) n from messages")).toBe(before);
  });
});

describe("agents reviewing drafts in Slack", () => {
  const staffSlackId = "USTAFF1";
  let staffId: string;

  beforeAll(async () => {
    staffId = newId();
    await server.store.createStaff({
      id: staffId,
      name: "Grace Hopper",
      role: "agent",
      email: "grace@example.com",
      slackUserId: null,
      createdAt: Date.now(),
      keyHash: `hash-${staffId}`,
    });
  });

  /** A customer DM whose answer is held for review; resolves with the draft and its review message. */
  async function heldDraft(channel: string) {
    const e = envelope("message_im_envelope.json", { user: `U${channel}`, channel, text: QUESTION });
    expect((await send(e)).status).toBe(200);
    const draft = await eventually(
      () =>
        sqlite()
          .prepare("select d.id, d.text from drafts d join conversations c on c.id = d.conversation_id where c.thread_key = ? and d.status = 'pending'")
          .get(`${channel}:${e.event.ts}`) as { id: string; text: string } | undefined,
    );
    const reviewPost = await eventually(() => posts(REVIEW).find((c) => JSON.stringify(c.args.blocks).includes(draft.id)));
    return { e, draft, reviewPost };
  }

  function press(actionId: string, draftId: string, user: string, messageTs = "1700000000.000100") {
    const p = fixture("block_actions_message.json");
    p.user = { id: user, username: "someone", team_id: "T1" };
    p.container = { type: "message", message_ts: messageTs, channel_id: REVIEW, is_ephemeral: false };
    p.channel = { id: REVIEW, name: "support-review" };
    p.message = { ...p.message, ts: messageTs };
    p.actions = [{ action_id: actionId, block_id: "frontdesk_review", value: draftId, type: "button", action_ts: "1.2" }];
    return postSlack(server.url, SECRET, interactionForm(p), { contentType: "application/x-www-form-urlencoded" });
  }

  function submit(callbackId: string, privateMetadata: string, block: string, value: string, user: string) {
    const payload = {
      type: "view_submission",
      team: { id: "T1" },
      user: { id: user, team_id: "T1" },
      api_app_id: "A1",
      trigger_id: "1.2.3",
      view: {
        id: "V1",
        type: "modal",
        callback_id: callbackId,
        private_metadata: privateMetadata,
        state: { values: { [block]: { value: { type: "plain_text_input", value } } } },
      },
    };
    return postSlack(server.url, SECRET, interactionForm(payload), { contentType: "application/x-www-form-urlencoded" });
  }

  it("posts each held draft to the review channel with the customer's message, reasons and buttons", async () => {
    slack.addUser("UDREV1", "Customer One", "one@example.com");
    const { reviewPost, draft } = await heldDraft("DREV1");
    const blocks = JSON.stringify(reviewPost.args.blocks);
    expect(blocks).toContain("TB-1101");
    expect(blocks).toContain("review_mode_all");
    for (const id of ["frontdesk_draft_approve", "frontdesk_draft_edit", "frontdesk_draft_reject"]) expect(blocks).toContain(id);
    expect(blocks).toContain(draft.id);
  });

  it("approves from the button: the customer gets the draft in their thread and the review message says who", async () => {
    slack.addUser(staffSlackId, "Grace Hopper", "grace@example.com");
    const { e, draft } = await heldDraft("DREV2");
    const r = await press("frontdesk_draft_approve", draft.id, staffSlackId);
    expect(r.status).toBe(200);
    await eventually(() => posts("DREV2", e.event.ts).some((c) => String(c.args.text).startsWith(draft.text)));
    const update = await eventually(() =>
      slack.called("chat.update").find((c) => c.args.channel === REVIEW && JSON.stringify(c.args.blocks).includes(draft.id)),
    );
    expect(JSON.stringify(update.args.blocks)).toContain("Approved and sent");
    expect(JSON.stringify(update.args.blocks)).toContain("Grace Hopper");
    expect(JSON.stringify(update.args.blocks)).not.toContain("frontdesk_draft_approve");
    expect(sqlite().prepare("select status, decided_by from drafts where id = ?").get(draft.id)).toEqual({ status: "sent", decided_by: staffId });

    // A second press (or the console deciding meanwhile) does not send twice.
    await press("frontdesk_draft_approve", draft.id, staffSlackId);
    await eventually(() => slack.called("chat.postEphemeral").some((c) => String(c.args.text).includes("already")));
    expect(posts("DREV2", e.event.ts).filter((c) => String(c.args.text).startsWith(draft.text))).toHaveLength(1);
  });

  it("edits from the modal: the edited text is sent and kept beside the draft", async () => {
    const { e, draft } = await heldDraft("DREV3");
    expect((await press("frontdesk_draft_edit", draft.id, staffSlackId)).status).toBe(200);
    const open = await eventually(() => slack.called("views.open")[0]);
    const view = open.args.view as { callback_id: string; private_metadata: string; blocks: { block_id: string; element: { initial_value: string } }[] };
    expect(view.blocks[0]!.element.initial_value).toBe(draft.text);
    const edited = "Your sign-in is locked for 15 minutes. After that you can try again — Grace";
    const r = await submit(view.callback_id, view.private_metadata, view.blocks[0]!.block_id, edited, staffSlackId);
    expect(r.status).toBe(200);
    expect(r.json).toEqual({});
    await eventually(() => posts("DREV3", e.event.ts).some((c) => String(c.args.text).startsWith(edited)));
    expect(sqlite().prepare("select status, edited_text from drafts where id = ?").get(draft.id)).toEqual({ status: "sent", edited_text: edited });
    const update = await eventually(() => slack.called("chat.update").find((c) => JSON.stringify(c.args.blocks).includes(draft.id)));
    expect(JSON.stringify(update.args.blocks)).toContain("Edited and sent");
  });

  it("rejects with a reason from the modal: the conversation goes to a person and the customer is told", async () => {
    const { e, draft } = await heldDraft("DREV4");
    await press("frontdesk_draft_reject", draft.id, staffSlackId);
    const open = await eventually(() => slack.called("views.open")[0]);
    const view = open.args.view as { callback_id: string; private_metadata: string; blocks: { block_id: string }[] };
    // An empty reason keeps the modal open with an error.
    const empty = await submit(view.callback_id, view.private_metadata, view.blocks[0]!.block_id, "  ", staffSlackId);
    expect(empty.json).toMatchObject({ response_action: "errors" });
    expect(sqlite().prepare("select status from drafts where id = ?").get(draft.id)).toEqual({ status: "pending" });

    const r = await submit(view.callback_id, view.private_metadata, view.blocks[0]!.block_id, "Wrong article: this is about 2FA", staffSlackId);
    expect(r.status).toBe(200);
    expect(sqlite().prepare("select status, reject_reason from drafts where id = ?").get(draft.id)).toEqual({
      status: "rejected",
      reject_reason: "Wrong article: this is about 2FA",
    });
    expect(sqlite().prepare("select status from conversations where thread_key = ?").get(`DREV4:${e.event.ts}`)).toEqual({ status: "handed_off" });
    await eventually(() => posts("DREV4", e.event.ts).some((c) => String(c.args.text).includes("member of our support team")));
    const update = await eventually(() => slack.called("chat.update").find((c) => JSON.stringify(c.args.blocks).includes("Rejected")));
    expect(JSON.stringify(update.args.blocks)).toContain(draft.id);
    expect(JSON.stringify(update.args.blocks)).toContain("Wrong article");
  });

  it("lets exactly one decision win when the console and Slack decide the same draft at once", async () => {
    const { e, draft } = await heldDraft("DREV6");
    const [, consoleResult] = await Promise.allSettled([
      press("frontdesk_draft_approve", draft.id, staffSlackId),
      decideDraft(server.deps, draft.id, { id: "console-admin", name: "Console Admin" }, { action: "reject", reason: "console said no" }),
    ]);
    await eventually(() => sqlite().prepare("select status from drafts where id = ?").get(draft.id) as { status: string } | undefined).then((d) =>
      expect(["sent", "rejected"]).toContain(d.status),
    );
    await new Promise((r) => setTimeout(r, 400));
    const status = (sqlite().prepare("select status from drafts where id = ?").get(draft.id) as { status: string }).status;
    const replies = posts("DREV6", e.event.ts).filter((c) => String(c.args.text).startsWith(draft.text));
    const notices = count("select count(*) n from messages where draft_id = ?", draft.id);
    expect(notices).toBe(1);
    if (status === "sent") {
      expect(consoleResult.status).toBe("rejected");
      expect(replies).toHaveLength(1);
    } else {
      expect(consoleResult.status).toBe("fulfilled");
      expect(replies).toHaveLength(0);
      await eventually(() => slack.called("chat.postEphemeral").some((c) => c.args.user === staffSlackId));
    }
  });

  it("reviews held drafts from other channels too: a web chat draft approved in Slack reaches the web chat", async () => {
    const chat = await openChat(server.url, { name: "Web Customer" });
    expect((await chat.send(QUESTION)).status).toBe(202);
    const draft = await eventually(
      () =>
        sqlite().prepare("select id, text from drafts where conversation_id = ? and status = 'pending'").get(chat.conversationId) as
          | { id: string; text: string }
          | undefined,
    );
    const post = await eventually(() => posts(REVIEW).find((c) => JSON.stringify(c.args.blocks).includes(draft.id)));
    expect(JSON.stringify(post.args.blocks)).toContain("Web Customer");
    expect((await press("frontdesk_draft_approve", draft.id, staffSlackId)).status).toBe(200);
    await eventually(async () => (await chat.messages()).messages.some((m) => m.role === "assistant" && m.text === draft.text));
  });

  it("tells a Slack user with no staff account that they are not allowed, and decides nothing", async () => {
    slack.addUser("UINTRUDER", "Mallory", "mallory@example.com");
    const { draft } = await heldDraft("DREV5");
    const r = await press("frontdesk_draft_approve", draft.id, "UINTRUDER");
    expect(r.status).toBe(200);
    const eph = await eventually(() => slack.called("chat.postEphemeral").find((c) => c.args.user === "UINTRUDER"));
    expect(String(eph.args.text)).toContain("not allowed");
    expect(sqlite().prepare("select status from drafts where id = ?").get(draft.id)).toEqual({ status: "pending" });
    expect(slack.called("chat.update").filter((c) => JSON.stringify(c.args.blocks ?? "").includes(draft.id))).toHaveLength(0);
  });
});
