import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postMail, rawMail } from "../helpers/email.js";
import { postSlack, startFakeSlack } from "../helpers/fake-slack.js";
import { call, startTestServer } from "../helpers/harness.js";

const ADMIN = "limits-admin-key-0123456789abcdef";
const SECRET = "limits-inbound-secret";
const SLACK_SECRET = "limits-slack-secret";
const LIMIT = 5;

describe("failed-authentication limits per client address", () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let slack: Awaited<ReturnType<typeof startFakeSlack>>;
  beforeAll(async () => {
    slack = await startFakeSlack({ botToken: "xoxb-limits" });
    server = await startTestServer({
      ADMIN_API_KEY: ADMIN,
      EMAIL_INBOUND_SECRET: SECRET,
      SLACK_SIGNING_SECRET: SLACK_SECRET,
      SLACK_BOT_TOKEN: "xoxb-limits",
      SLACK_API_URL: slack.apiUrl,
      AUTH_FAILURES_PER_MINUTE: String(LIMIT),
    });
  });
  afterAll(async () => {
    await server?.stop();
    await slack?.close();
  });

  it("answers 429 with Retry-After after too many wrong staff keys, refuses even the right key meanwhile, and notes it in the audit log", async () => {
    for (let i = 0; i < LIMIT; i++) expect((await call(server.url, "GET", "/api/agent/conversations", { token: `wrong-key-${i}` })).status).toBe(401);
    const blocked = await call(server.url, "GET", "/api/admin/stats", { token: "wrong-again" });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((blocked.json.error as { code: string; requestId: string }).code).toBe("rate_limited");
    expect((await call(server.url, "GET", "/api/agent/conversations", { token: ADMIN })).status).toBe(429);
    const audit = await server.store.listAudit({ entity: "client" });
    expect(audit.filter((a) => a.action === "auth.failures_limited")).toHaveLength(1);
  });

  it("limits console sign-in on its own count", async () => {
    const signIn = (key: string) =>
      fetch(`${server.url}/console/login`, {
        method: "POST",
        redirect: "manual",
        headers: { "content-type": "application/x-www-form-urlencoded", origin: server.url },
        body: new URLSearchParams({ key }),
      });
    for (let i = 0; i < LIMIT; i++) expect((await signIn(`guess-${i}`)).status).toBe(401);
    const res = await signIn(ADMIN);
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await res.text()).toContain("Too many failed sign-ins");
  });

  it("limits wrong inbound-mail secrets", async () => {
    const mail = rawMail({ from: "x@shop.test", subject: "hi", messageId: "lim@shop.test", body: "hello" });
    for (let i = 0; i < LIMIT; i++) expect((await postMail(server.url, `bad-${i}`, mail)).status).toBe(401);
    const res = await postMail(server.url, SECRET, mail);
    expect(res.status).toBe(429);
    expect(await server.store.findEmail("in", "lim@shop.test")).toBeNull();
  });

  it("never refuses a correctly signed Slack request, however many forged ones came first", async () => {
    const challenge = JSON.stringify({ type: "url_verification", challenge: "c-1", token: "t" });
    for (let i = 0; i < LIMIT + 2; i++) {
      const ts = Math.floor(Date.now() / 1000);
      const forged = await fetch(`${server.url}/slack/events`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-slack-request-timestamp": String(ts), "x-slack-signature": "v0=bad" },
        body: challenge,
      });
      expect(forged.status).toBe(i < LIMIT - 1 ? 401 : 429);
    }
    const signed = await postSlack(server.url, SLACK_SECRET, challenge);
    expect(signed.status).toBe(200);
  });
});
