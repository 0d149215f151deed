import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, eventually, openChat, startTestServer } from "../helpers/harness.js";
import { ADMIN_KEY } from "../helpers/staff.js";

// A topic no article in knowledge/ covers, asked six ways.
const QUESTIONS = [
  "Can my customers collect loyalty points at checkout?",
  "Is there a loyalty program feature for regulars?",
  "How would I set up loyalty rewards for returning shoppers?",
  "Do you support a points-based loyalty scheme?",
  "Can I give loyalty stamps, like buy nine coffees and get the tenth free?",
  "Where do I turn on customer loyalty?",
];
const ANSWER =
  "Loyalty points are not built in yet. Until they are, create a discount named Loyalty under Discounts and apply it at checkout on every tenth visit.";

type GapJson = {
  id: string;
  label: string;
  count: number;
  examples: { conversationId: string; text: string }[];
  trend: { date: string; count: number }[];
  suggestedArticle: { title: string; body: string } | null;
};

let server: Awaited<ReturnType<typeof startTestServer>>;
const conversations: string[] = [];
beforeAll(async () => {
  server = await startTestServer({ ADMIN_API_KEY: ADMIN_KEY });
  for (const q of QUESTIONS) {
    const chat = await openChat(server.url);
    await chat.send(q);
    await eventually(async () => (await chat.messages()).status === "handed_off", 5000);
    conversations.push(chat.conversationId);
  }
  // Noise that is not a knowledge gap: an answered question and a request for a person.
  const answered = await openChat(server.url);
  await answered.send("How do I reset my password?");
  await eventually(async () => (await answered.messages()).messages.some((m) => m.role === "assistant"));
  const person = await openChat(server.url);
  await person.send("I want to talk to a real person about loyalty");
  await eventually(async () => (await person.messages()).status === "handed_off");
});
afterAll(async () => {
  await server.stop();
});

const gaps = async () => {
  const res = await call(server.url, "GET", "/api/admin/insights/gaps", { token: ADMIN_KEY });
  expect(res.status).toBe(200);
  return res.json.gaps as GapJson[];
};

describe("knowledge gaps", () => {
  it("groups six differently worded unanswered questions into one gap", async () => {
    const found = await gaps();
    expect(found).toHaveLength(1);
    const gap = found[0] as GapJson;
    expect(gap.count).toBeGreaterThanOrEqual(5);
    expect(gap.label).toMatch(/loyalty/);
    expect(gap.examples.every((e) => conversations.includes(e.conversationId))).toBe(true);
    expect(gap.trend.reduce((n, d) => n + d.count, 0)).toBe(gap.count);
    expect(gap.suggestedArticle).toBeNull();
  });

  it("suggests an article with the agent's answer once one replied, and opens it as a draft", async () => {
    const reply = await call(server.url, "POST", `/api/agent/conversations/${conversations[2]}/messages`, {
      token: ADMIN_KEY,
      body: { text: `Hi there,\n${ANSWER}\nBest regards,\nAda` },
    });
    expect(reply.status).toBe(201);
    const gap = (await gaps())[0] as GapJson;
    expect(gap.suggestedArticle?.body).toContain(ANSWER);
    expect(gap.suggestedArticle?.body).not.toMatch(/Best regards|Hi there/);

    const drafted = await call(server.url, "POST", `/api/admin/insights/gaps/${gap.id}/draft`, { token: ADMIN_KEY });
    expect(drafted.status).toBe(201);
    const article = drafted.json.article as { id: string; status: string; body: string };
    expect(article.status).toBe("draft");
    expect(article.body).toContain(ANSWER);
    expect((await call(server.url, "POST", `/api/admin/insights/gaps/${gap.id}/draft`, { token: ADMIN_KEY })).status).toBe(409);
  });

  it("forgets a dismissed gap, and refuses agents and unknown ids", async () => {
    const gap = (await gaps())[0] as GapJson;
    expect((await call(server.url, "POST", "/api/admin/insights/gaps/gap_0000000000000000/dismiss", { token: ADMIN_KEY })).status).toBe(404);
    expect((await call(server.url, "POST", "/api/admin/insights/gaps/nope/dismiss", { token: ADMIN_KEY })).status).toBe(400);
    expect((await call(server.url, "GET", "/api/admin/insights/gaps")).status).toBe(401);
    expect((await call(server.url, "POST", `/api/admin/insights/gaps/${gap.id}/dismiss`, { token: ADMIN_KEY })).status).toBe(200);
    expect(await gaps()).toHaveLength(0);
  });
});
