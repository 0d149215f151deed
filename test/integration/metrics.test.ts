import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, eventually, openChat, startTestServer } from "../helpers/harness.js";

const TOKEN = "metrics-token-0123456789";
let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer({ METRICS_TOKEN: TOKEN });
});
afterAll(async () => {
  await server.stop();
});

const scrape = (token?: string) => call(server.url, "GET", "/metrics", { token });

describe("/metrics", () => {
  it("is 401 without the token or with a wrong one, with the error body", async () => {
    const none = await scrape();
    expect(none.status).toBe(401);
    expect((none.json.error as { code: string }).code).toBe("unauthorized");
    expect((await scrape("wrong-token-0123456789")).status).toBe(401);
  });

  it("counts turns by channel and outcome, handoffs by reason and reply latency, in Prometheus text", async () => {
    const answered = await openChat(server.url);
    await answered.send("How do I reset my password?");
    await eventually(async () => (await answered.messages()).messages.some((m) => m.role === "assistant"));
    const handed = await openChat(server.url);
    await handed.send("Do you sell espresso machines for my cafe?");
    await eventually(async () => (await handed.messages()).status === "handed_off");

    const res = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toMatch(/^frontdesk_turns_total\{route="offline",mode="offline",channel="web",outcome="sent"\} 1$/m);
    expect(text).toMatch(/^frontdesk_turns_total\{route="human",mode="offline",channel="web",outcome="handed_off"\} 1$/m);
    expect(text).toMatch(/^frontdesk_handoffs_total\{reason="(no_matching_article|weak_match|ambiguous_match)",channel="web"\} 1$/m);
    expect(text).toMatch(/^frontdesk_reply_latency_seconds_count\{channel="web"\} 2$/m);
    expect(text).toMatch(/^frontdesk_jobs\{status="done"\} \d+$/m);
    expect(text).toMatch(/^frontdesk_outbox_pending \d+$/m);
    expect(text).toMatch(/^frontdesk_job_queue_age_seconds \d/m);
    for (const line of text.split("\n").filter((l) => l && !l.startsWith("#"))) expect(line).toMatch(/^frontdesk_/);
  });
});

describe("/metrics without METRICS_TOKEN", () => {
  it("does not exist", async () => {
    const plain = await startTestServer();
    try {
      expect((await call(plain.url, "GET", "/metrics", { token: TOKEN })).status).toBe(404);
    } finally {
      await plain.stop();
    }
  });
});
