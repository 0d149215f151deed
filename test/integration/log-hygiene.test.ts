import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { postMail, rawMail } from "../helpers/email.js";
import { type FakeOpenAI, startFakeOpenAI } from "../helpers/fake-openai.js";
import { eventually, openChat, startTestServer } from "../helpers/harness.js";
import { triageFields } from "../helpers/triage-fixture.js";

// Written by the customer or the model, in every place it could reach a log line.
const CANARY = "kiwicanary";

describe("logs at info carry codes, never customer- or model-written text", () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let fake: FakeOpenAI;
  const lines: string[] = [];
  beforeAll(async () => {
    for (const stream of ["log", "error"] as const)
      vi.spyOn(console, stream).mockImplementation((...args: unknown[]) => {
        lines.push(args.map(String).join(" "));
      });
    fake = await startFakeOpenAI();
    server = await startTestServer({
      LOG_LEVEL: "info",
      EMAIL_INBOUND_SECRET: "hygiene-secret",
      OPENAI_API_KEY: "sk-test",
      OPENAI_BASE_URL: fake.url,
      LLM_TIMEOUT_MS: "2000",
      LLM_MAX_RETRIES: "0",
    });
  });
  afterAll(async () => {
    await server?.stop();
    await fake?.close();
    vi.restoreAllMocks();
  });

  it("keeps the canary out of every log line through robots, refused tools and model handoff reasons", async () => {
    // A robot whose address and Auto-Submitted value are the sender's own words.
    const robot = await postMail(
      server.url,
      "hygiene-secret",
      rawMail({
        from: `noreply-${CANARY}@robots.test`,
        subject: `${CANARY} subject`,
        messageId: `r1@robots.test`,
        headers: { "Auto-Submitted": `auto-${CANARY}` },
        body: `${CANARY} body`,
      }),
    );
    expect(robot.status).toBe(202);

    // The model calls a tool nobody offered, named by whoever injected it.
    fake.queue("triage", { json: triageFields({ category: "other" }) });
    fake.queue("*", { toolCalls: [{ name: `leak_${CANARY}`, arguments: {} }] });
    const chat = await openChat(server.url, { name: `${CANARY} name` });
    await chat.send(`My ${CANARY} question about the password reset`);
    await eventually(async () => (await chat.messages()).messages.some((m) => m.role !== "customer"), 8000);

    // The model decides a person is needed and says why in its own words.
    fake.queue("triage", { json: triageFields({ human_needed: true, human_reason: `${CANARY} wants a human` }) });
    const second = await openChat(server.url);
    await second.send("Please help me with my account");
    await eventually(async () => (await second.messages()).status === "handed_off", 8000);

    const infoLines = lines.filter((l) => /"level":"(info|warn|error)"/.test(l));
    expect(infoLines.length).toBeGreaterThan(5);
    expect(infoLines.filter((l) => l.includes(CANARY))).toEqual([]);
  });
});
