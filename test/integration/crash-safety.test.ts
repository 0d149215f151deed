import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { startChild } from "../helpers/child-server.js";
import { postMail, rawMail, startSmtpSink } from "../helpers/email.js";
import { defaultReply, type FakeReply, type FakeRequest, startFakeOpenAI } from "../helpers/fake-openai.js";
import { HANG, postSlack, startFakeSlack } from "../helpers/fake-slack.js";
import { call, eventually, openChat, tempDir } from "../helpers/harness.js";

/**
 * SIGKILL at every stage of a turn, then a restart on the same SQLite file and port. The fake model and
 * the SMTP server live in this process, so they outlive the killed server and see what it does after.
 */
const ADMIN = "crash-test-admin-key-0123456789";
const SECRET = "crash-inbound-secret";
const tmp = tempDir("frontdesk-crash-");
afterAll(() => tmp.cleanup());

const AFTER_INGEST = "How do I reset my password?";
const DURING_MODEL = "How do I turn on two-factor authentication?";
const AFTER_DRAFT = "How do I export my data?";
const HANDOFF = "I want to talk to a human about my account";
const DURING_SEND =
  "Hi,\n\nmy account is locked after too many sign-in attempts (TB-1101 Too many sign-in attempts). How long does the lock last?\n\nThanks,\nAlice";

const SLACK_SECRET = "crash-slack-signing-secret-0123";
const SLACK_TOKEN = "xoxb-crash-test";
const SLACK_QUESTION = "How do I pair my card reader?";

const customerText = (req: FakeRequest) => /<customer_message>\n([\s\S]*?)\n<\/customer_message>/.exec(req.prompt)?.[1] ?? "";

describe("crash safety: SIGKILL at each stage of a turn, then a restart", () => {
  it("ends every message with exactly one reply or one handoff and sends nothing twice", async () => {
    let crashed = false;
    const fake = await startFakeOpenAI({
      handler: (req): FakeReply | undefined => {
        const text = customerText(req);
        // Before the kill, the first message never gets past triage and the second hangs in its answer call.
        if (!crashed && text.startsWith(AFTER_INGEST)) return { hang: true };
        if (!crashed && text.startsWith(DURING_MODEL) && req.format === "answer") return { hang: true };
        // A complex question goes to high effort, whose draft is held under REVIEW_MODE=risky: the "after the draft" stage.
        if (text.startsWith(AFTER_DRAFT) && req.format === "triage") {
          const triage = defaultReply(req) as { json: Record<string, unknown> };
          return { json: { ...triage.json, complexity: "complex" } };
        }
        return undefined;
      },
    });
    // Before the kill the SMTP server takes the whole reply and never says 250: the worst moment to die.
    const smtp = await startSmtpSink({ hold: () => !crashed });
    // Slack keeps what it was given; before the kill chat.postMessage takes the reply and never answers.
    const slack = await startFakeSlack({ botToken: SLACK_TOKEN, botUserId: "UBOT" });
    const thread: { threadTs: string; ts: string; outboxId: string }[] = [];
    let slackTs = 1_800_000_000;
    slack.on("chat.postMessage", (a) => {
      const metadata = a.metadata as { event_payload?: { outbox_id?: string } } | undefined;
      const ts = `${slackTs++}.000100`;
      thread.push({ threadTs: String(a.thread_ts), ts, outboxId: String(metadata?.event_payload?.outbox_id) });
      return crashed ? { ok: true, channel: a.channel, ts } : HANG;
    });
    slack.on("conversations.replies", (a) => ({
      ok: true,
      messages: thread
        .filter((m) => m.threadTs === a.ts)
        .map((m) => ({ ts: m.ts, metadata: { event_type: "frontdesk_reply", event_payload: { outbox_id: m.outboxId } } })),
    }));
    const env = {
      DATABASE_PATH: join(tmp.dir, "frontdesk.db"),
      OPENAI_API_KEY: "sk-test",
      OPENAI_BASE_URL: fake.url,
      LLM_TIMEOUT_MS: "30000",
      LLM_MAX_RETRIES: "0",
      RETRIEVAL_MIN_SCORE: "2",
      REVIEW_MODE: "risky",
      ADMIN_API_KEY: ADMIN,
      EMAIL_INBOUND_SECRET: SECRET,
      SMTP_URL: smtp.url,
      EMAIL_FROM: "Tallybird Support <support@tallybird.test>",
      SLACK_SIGNING_SECRET: SLACK_SECRET,
      SLACK_BOT_TOKEN: SLACK_TOKEN,
      SLACK_API_URL: slack.apiUrl,
      JOB_POLL_MS: "20",
      RATE_LIMIT_IP_PER_MINUTE: "100000",
      RATE_LIMIT_TOKEN_PER_MINUTE: "100000",
    };
    const pendingDraft = async (base: string, conversationId: string) => {
      const res = await call(base, "GET", `/api/agent/drafts?status=pending&conversationId=${conversationId}`, { token: ADMIN });
      return (res.json as { drafts: { id: string }[] }).drafts[0];
    };
    const first = await startChild(env);
    let second: Awaited<ReturnType<typeof startChild>> | undefined;
    try {
      // During sending: an email whose first reply an agent approves; its delivery stalls inside SMTP DATA.
      const mail = await postMail(
        first.url,
        SECRET,
        rawMail({ from: "alice@bakery.test", subject: "Locked out", messageId: "crash-q1@bakery.test", body: DURING_SEND }),
      );
      expect(mail.status).toBe(202);
      const emailConversation = mail.json.conversationId!;
      const emailDraft = await eventually(() => pendingDraft(first.url, emailConversation), 10_000);
      expect((await call(first.url, "POST", `/api/agent/drafts/${emailDraft.id}/approve`, { token: ADMIN })).status).toBe(200);
      const stalled = await eventually(() => smtp.held[0], 10_000);

      // During sending, on Slack: the DM's answer is posted, Slack has it, and the server dies before hearing back.
      const dmTs = `${Math.floor(Date.now() / 1000)}.000777`;
      const dm = {
        type: "event_callback",
        team_id: "T1",
        api_app_id: "A1",
        event_id: "EvCRASH1",
        event_time: Math.floor(Date.now() / 1000),
        authorizations: [{ team_id: "T1", user_id: "UBOT", is_bot: true }],
        event: { type: "message", channel: "D0CRASH", user: "UCUST1", text: SLACK_QUESTION, ts: dmTs, event_ts: dmTs, channel_type: "im" },
      };
      expect((await postSlack(first.url, SLACK_SECRET, JSON.stringify(dm))).status).toBe(200);
      await eventually(() => thread.some((m) => m.threadTs === dmTs), 10_000);

      // After the draft: held for review when the server dies.
      const drafted = await openChat(first.url);
      await drafted.send(AFTER_DRAFT);
      const heldDraft = await eventually(() => pendingDraft(first.url, drafted.conversationId), 10_000);

      // During the model call: the answer request is in flight.
      const modelling = await openChat(first.url);
      await modelling.send(DURING_MODEL);
      await eventually(() => fake.requests.some((r) => r.format === "answer" && customerText(r).startsWith(DURING_MODEL)), 10_000);

      // After ingest: stored and acknowledged, killed before anything else happens to it.
      const handoff = await openChat(first.url);
      const ingested = await openChat(first.url);
      expect((await handoff.send(HANDOFF)).status).toBe(202);
      expect((await ingested.send(AFTER_INGEST)).status).toBe(202);
      await first.kill("SIGKILL");
      crashed = true;

      // The kill really cut every stage short: nothing delivered, nothing answered.
      const db = new Database(env.DATABASE_PATH, { readonly: true });
      const countFor = (sql: string, ...args: unknown[]) => (db.prepare(sql).get(...args) as { n: number }).n;
      expect(countFor("select count(*) n from messages where conversation_id = ? and role = 'assistant'", ingested.conversationId)).toBe(0);
      expect(countFor("select count(*) n from messages where conversation_id = ? and role = 'assistant'", modelling.conversationId)).toBe(0);
      expect(countFor("select count(*) n from drafts where id = ? and status = 'pending'", heldDraft.id)).toBe(1);
      expect(countFor("select count(*) n from outbox where conversation_id = ? and status = 'pending'", emailConversation)).toBe(1);
      // The answer (cut off mid-send) and "Did this answer your question?" after it.
      expect(countFor("select count(*) n from outbox where channel = 'slack' and status = 'pending'")).toBe(2);
      db.close();
      expect(smtp.received).toHaveLength(0);

      second = await startChild(env, first.port);
      const base = second.url;
      expect((await call(base, "POST", `/api/agent/drafts/${heldDraft.id}/approve`, { token: ADMIN })).status).toBe(200);

      const settled = async (chat: Awaited<ReturnType<typeof openChat>>, roles: string[]) =>
        eventually(
          async () => {
            const m = await chat.messages();
            return m.messages.length >= roles.length ? m : undefined;
          },
          20_000,
          50,
        ).then((m) => {
          expect(m.messages.map((x) => x.role)).toEqual(roles);
          return m;
        });
      // Answered at once: the answer, then "Did this answer your question?".
      await settled(ingested, ["customer", "assistant", "assistant"]);
      await settled(modelling, ["customer", "assistant", "assistant"]);
      await settled(drafted, ["customer", "system", "assistant"]);
      expect((await settled(handoff, ["customer", "system"])).status).toBe("handed_off");
      const resent = await eventually(() => smtp.received[0], 20_000);

      // The resend is the same message to the receiving side: the Message-ID comes from the outbox id.
      expect(resent.mail.messageId).toBe(stalled.mail.messageId);
      expect(resent.envelopeTo).toEqual(["alice@bakery.test"]);
      // Give a duplicate every chance to show up before counting.
      await new Promise((r) => setTimeout(r, 500));
      expect(smtp.received).toHaveLength(1);
      // Slack: the retried delivery found its reply in the thread (by the outbox id) and did not post again.
      await eventually(() => {
        const db = new Database(env.DATABASE_PATH, { readonly: true });
        try {
          return (db.prepare("select count(*) n from outbox where channel = 'slack' and status = 'sent'").get() as { n: number }).n === 2;
        } finally {
          db.close();
        }
      }, 20_000);
      // The answer once (not again after the crash), then the confirmation question.
      const slackReplies = thread.filter((m) => m.threadTs === dmTs);
      expect(slackReplies).toHaveLength(2);
      // Each delivery that may have reached Slack before the kill looks in the thread first (one or both).
      expect(slack.called("conversations.replies").length).toBeGreaterThanOrEqual(1);
      expect(slack.called("conversations.replies").length).toBeLessThanOrEqual(2);

      const db2 = new Database(env.DATABASE_PATH, { readonly: true });
      const outbox = db2.prepare("select id, status, conversation_id from outbox").all() as { id: string; status: string; conversation_id: string }[];
      const sentToSlack = db2
        .prepare("select o.id, o.external_id from outbox o join messages m on m.id = o.message_id where o.channel = 'slack' and m.role = 'assistant'")
        .all() as { id: string; external_id: string }[];
      expect(sentToSlack).toEqual(expect.arrayContaining(slackReplies.map((r) => ({ id: r.outboxId, external_id: r.ts }))));
      expect(sentToSlack).toHaveLength(2);
      expect(outbox.filter((o) => o.status !== "sent")).toEqual([]);
      const emailOutbox = outbox.filter((o) => o.conversation_id === emailConversation);
      expect(emailOutbox.map((o) => `<fd.${o.id.toLowerCase()}@tallybird.test>`)).toContain(resent.mail.messageId);
      // One turn per customer message, none run twice.
      const turns = db2.prepare("select message_id, count(*) n from turns group by message_id having n > 1").all();
      expect(turns).toEqual([]);
      const customers = (db2.prepare("select count(*) n from messages where role = 'customer'").get() as { n: number }).n;
      const answered = (db2.prepare("select count(distinct message_id) n from turns").get() as { n: number }).n;
      expect(answered).toBe(customers);
      db2.close();
      expect(second.output()).toContain("jobs.recovered");
    } finally {
      await second?.kill("SIGTERM");
      await first.kill("SIGKILL");
      await fake.close();
      await smtp.stop();
      await slack.close();
    }
  }, 60_000);
});
