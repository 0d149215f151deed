import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, eventually, openChat } from "../helpers/harness.js";
import { ADMIN_KEY, startStaffServer } from "../helpers/staff.js";

let env: Awaited<ReturnType<typeof startStaffServer>>;
beforeAll(async () => {
  env = await startStaffServer({ REVIEW_MODE: "risky" });
});
afterAll(() => env.server.stop());

type Draft = { status: string; reasons: string[] };
const drafts = async (conversationId: string, status: string) =>
  ((await call(env.base, "GET", `/api/agent/drafts?status=${status}&conversationId=${conversationId}`, { token: ADMIN_KEY })).json as { drafts: Draft[] })
    .drafts;

/** The conversation's draft, sent or held, once the turn wrote it. */
async function answered(chat: Awaited<ReturnType<typeof openChat>>) {
  return eventually(async () => (await drafts(chat.conversationId, "pending"))[0] ?? (await drafts(chat.conversationId, "sent"))[0]);
}

describe("review of drafts on risk topics (REVIEW_MODE=risky)", () => {
  it("sends the answer to a plain question", async () => {
    const chat = await openChat(env.base);
    await chat.send("How do I reset my password?");
    const draft = await answered(chat);
    expect(draft.status).toBe("sent");
    expect((await chat.messages()).messages.at(-1)?.role).toBe("assistant");
  });

  it("holds the answer when the conversation is on a risk topic, even after a person handed it back", async () => {
    const chat = await openChat(env.base);
    await chat.send("My bank reversed the payment and I will file a chargeback.");
    await eventually(async () => (await chat.messages()).status === "handed_off");
    const released = await call(env.base, "POST", `/api/agent/conversations/${chat.conversationId}/release`, { token: env.agentKey });
    expect(released.status).toBe(200);
    await chat.send("How do I reset my password?");
    const draft = await answered(chat);
    expect(draft.status).toBe("pending");
    expect(draft.reasons).toContain("risk_topic");
    expect((await chat.messages()).messages.some((m) => m.role === "assistant")).toBe(false);
  });
});
