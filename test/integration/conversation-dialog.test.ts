import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeOpenAI, startFakeOpenAI } from "../helpers/fake-openai.js";
import { call, eventually, openChat, startTestServer } from "../helpers/harness.js";

const ADMIN = "admin-key-for-dialog-tests-0001";
type Server = Awaited<ReturnType<typeof startTestServer>>;
type Chat = Awaited<ReturnType<typeof openChat>>;

/** Sends one message and waits until the bot has said something after it (or handed off). */
async function say(chat: Chat, text: string) {
  const before = (await chat.messages()).messages.length;
  await chat.send(text);
  return eventually(async () => {
    const d = await chat.messages();
    const after = d.messages.slice(before + 1);
    return after.length > 0 ? { status: d.status, replies: after } : undefined;
  }, 5000);
}

const modes: [string, () => Promise<{ server: Server; fake?: FakeOpenAI }>][] = [
  ["offline", async () => ({ server: await startTestServer({ ADMIN_API_KEY: ADMIN }) })],
  [
    "with the fake model",
    async () => {
      const fake = await startFakeOpenAI();
      const server = await startTestServer({ ADMIN_API_KEY: ADMIN, OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: fake.url, RETRIEVAL_MIN_SCORE: "2" });
      return { server, fake };
    },
  ],
];

describe.each(modes)("conversations as customers write them (%s)", (_mode, start) => {
  let server: Server;
  let fake: FakeOpenAI | undefined;
  beforeAll(async () => ({ server, fake } = await start()));
  afterAll(async () => {
    await server?.stop();
    await fake?.close();
  });
  const staff = (path: string) => call(server.url, "GET", path, { token: ADMIN });

  it.each(["hi", "Hello there!", "Good morning", "Hola"])("answers a greeting alone (%s) with a greeting, without a handoff or the model", async (text) => {
    const chat = await openChat(server.url);
    const calls = fake?.accepted().length ?? 0;
    const { status, replies } = await say(chat, text);
    expect(status).not.toBe("handed_off");
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({ role: "assistant", citations: [] });
    expect(replies[0]!.text).toMatch(/hello|hola/i);
    expect(fake?.accepted().length ?? 0).toBe(calls);
  });

  it("answers the question after a greeting, and thanks closes it as resolved by the customer", async () => {
    const chat = await openChat(server.url);
    await say(chat, "hey!");
    const answer = await say(chat, "How do I reset my password?");
    expect(answer.replies.find((m) => m.role === "assistant")?.citations.map((c) => c.slug)).toContain("reset-password");
    const thanks = await say(chat, "thanks, that worked!");
    expect(thanks.replies).toMatchObject([{ role: "assistant", citations: [] }]);
    expect(thanks.status).toBe("resolved");
    const view = await staff(`/api/agent/conversations/${chat.conversationId}`);
    expect(view.json.conversation).toMatchObject({ status: "resolved", resolvedBy: "customer" });
  });

  it("answers 'ok bye' after an answer without handing off", async () => {
    const chat = await openChat(server.url);
    await say(chat, "How do I reset my password?");
    const bye = await say(chat, "ok bye");
    expect(bye.status).toBe("resolved");
    expect(bye.replies.map((m) => m.role)).toEqual(["assistant"]);
  });

  it("never leaves 'that didn't help' unanswered: a person takes over and the notice says so", async () => {
    const chat = await openChat(server.url);
    await say(chat, "How do I reset my password?");
    const after = await say(chat, "that didn't help, I never get the reset email");
    const texts = after.replies.map((m) => m.text).join("\n");
    if (after.status === "handed_off") {
      expect(texts).toMatch(/didn't solve it/);
      expect(texts).toMatch(/a person will reply/i);
    } else {
      const cited = after.replies.flatMap((m) => m.citations.map((c) => c.slug));
      expect(cited.length).toBeGreaterThan(0);
      // Offline, only a different article may answer; a model sees the whole conversation and may
      // rightly point at the part of the same article it missed.
      if (!fake) expect(cited).not.toContain("reset-password");
    }
    expect(texts).not.toMatch(/teammate is checking/);
  });

  it("asks once for more on a short message no article matches, instead of handing off", async () => {
    if (fake) return; // the model decides for itself what to ask
    const chat = await openChat(server.url);
    const first = await say(chat, "quick question");
    expect(first.status).not.toBe("handed_off");
    expect(first.replies[0]!.text).toMatch(/tell me a little more/);
    const second = await say(chat, "espresso");
    expect(second.status).toBe("handed_off");
  });

  it("answers a polite question from the right article, greeting and sign-off aside", async () => {
    const chat = await openChat(server.url);
    const { replies } = await say(chat, "Hi, how do I reset my password? Thanks, Casey");
    expect(replies.find((m) => m.role === "assistant")?.citations.map((c) => c.slug)).toEqual(["reset-password"]);
  });

  it.each([
    ["I want help talking with an agent", /a person will reply/i],
    ["wanna contact somebody", /a person will reply/i],
    ["Quiero hablar con una persona", /Una persona te responderá|persona/],
  ])("hands off a request for a person (%s) with the notice that a person will reply", async (text, notice) => {
    const chat = await openChat(server.url);
    const { status, replies } = await say(chat, text);
    expect(status).toBe("handed_off");
    expect(replies[0]!.text).toMatch(notice);
    expect(replies[0]!.text).not.toMatch(/couldn't find|reliable answer/);
  });

  it("keeps urgent priority, negative sentiment and the language on a handoff, filterable", async () => {
    const chat = await openChat(server.url);
    const { status } = await say(chat, "URGENT: our card reader stopped taking payments and I want to talk to a person!!!");
    expect(status).toBe("handed_off");
    const view = await staff(`/api/agent/conversations/${chat.conversationId}`);
    expect(view.json.conversation).toMatchObject({ priority: "urgent", language: "en", sentiment: "negative" });
    const list = await staff("/api/agent/conversations?priority=urgent");
    expect((list.json.conversations as { id: string }[]).map((c) => c.id)).toContain(chat.conversationId);
    const bySentiment = await staff("/api/agent/conversations?sentiment=negative&language=en");
    expect((bySentiment.json.conversations as { id: string }[]).map((c) => c.id)).toContain(chat.conversationId);
    expect((await staff("/api/agent/conversations?language=english")).status).toBe(400);
  });

  it("gives a French question French system texts", async () => {
    const chat = await openChat(server.url);
    const { replies } = await say(chat, "Bonjour, je voudrais parler à un conseiller s'il vous plaît");
    expect(replies[0]!.text).toMatch(/équipe/);
    const view = await staff(`/api/agent/conversations?language=fr`);
    expect((view.json.conversations as { id: string }[]).map((c) => c.id)).toContain(chat.conversationId);
  });
});
