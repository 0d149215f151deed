import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, openChat } from "../helpers/harness.js";
import { ADMIN_KEY, consoleSignIn, heldDraft, startStaffServer } from "../helpers/staff.js";

let env: Awaited<ReturnType<typeof startStaffServer>>;
beforeAll(async () => {
  env = await startStaffServer();
});
afterAll(() => env.server.stop());

const signIn = (key: string) => consoleSignIn(env.base, key);

describe("the console", () => {
  it("signs in with a staff key into an HttpOnly SameSite=Strict cookie that is not the key", async () => {
    const s = await signIn(env.agentKey);
    expect(s.res.status).toBe(303);
    expect(s.res.headers.get("location")).toBe("/console/inbox");
    expect(s.setCookie).toMatch(/HttpOnly/i);
    expect(s.setCookie).toMatch(/SameSite=Strict/i);
    expect(s.setCookie).toMatch(/Path=\/console/);
    expect(s.setCookie).not.toContain(env.agentKey);
    expect((await s.page("/console/inbox")).status).toBe(200);
  });

  it("refuses a wrong key, a customer token and requests without a session", async () => {
    expect((await signIn("fds_wrong")).res.status).toBe(401);
    const { chat } = await heldDraft(env.base);
    expect((await signIn(chat.customerToken)).res.status).toBe(401);
    const anon = await fetch(`${env.base}/console/inbox`, { redirect: "manual", headers: { accept: "text/html" } });
    expect(anon.status).toBe(303);
    expect(anon.headers.get("location")).toBe("/console/login");
    const forged = await fetch(`${env.base}/console/inbox`, {
      redirect: "manual",
      headers: { accept: "text/html", cookie: "fd_console=eyJzdGFmZklkIjoiYm9vdHN0cmFwLWFkbWluIn0.x" },
    });
    expect(forged.status).toBe(303);
  });

  it("serves pages under a strict CSP with no inline script, and escapes customer content", async () => {
    const { chat } = await heldDraft(env.base, "How do I reset my password? <img src=x onerror=alert(1)><script>alert(2)</script>", { name: "<b>Mallory</b>" });
    const s = await signIn(env.agentKey);
    const inbox = await s.page("/console/inbox");
    const csp = inbox.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(inbox.html).toContain("&lt;b&gt;Mallory&lt;/b&gt;");
    expect(inbox.html).not.toContain("<b>Mallory</b>");
    expect(inbox.html).not.toContain("<script>alert(2)");
    expect(inbox.html).toContain("&lt;script&gt;alert(2)&lt;/script&gt;");
    expect(inbox.html.match(/<script[^>]*>/g)).toEqual(['<script src="/console/assets/console.js" defer="">']);
    const conv = await s.page(`/console/conversations/${chat.conversationId}`);
    expect(conv.status).toBe(200);
    expect(conv.html).not.toContain("<img src=x");
    expect(conv.html).toContain("Trace");
  });

  it("filters the list by priority, language and sentiment and shows them on the conversation", async () => {
    const chat = await openChat(env.base);
    await chat.send("URGENT!!! our whole shop is down and nobody can pay, this is unacceptable, get me a human");
    await eventually(async () => (await chat.messages()).status === "handed_off");
    const s = await signIn(env.agentKey);
    const urgent = await s.page("/console/conversations?priority=urgent&language=en&sentiment=negative");
    expect(urgent.html).toContain(`/console/conversations/${chat.conversationId}`);
    expect((await s.page("/console/conversations?priority=low")).html).not.toContain(`/console/conversations/${chat.conversationId}`);
    const conv = await s.page(`/console/conversations/${chat.conversationId}`);
    expect(conv.html).toMatch(/class="badge urgent"/);
    expect(conv.html).toMatch(/class="badge negative"/);
  });

  it("form posts need the session's CSRF token and a same-origin request", async () => {
    const { draft } = await heldDraft(env.base);
    const s = await signIn(env.agentKey);
    const token = await s.csrf();
    expect(token.length).toBeGreaterThan(20);
    expect((await s.post(`/console/drafts/${draft.id}/approve`, { text: "no token" })).status).toBe(403);
    expect((await s.post(`/console/drafts/${draft.id}/approve`, { text: "bad token", _csrf: "x".repeat(43) })).status).toBe(403);
    expect((await s.post(`/console/drafts/${draft.id}/approve`, { text: "cross site", _csrf: token }, { origin: "https://evil.example" })).status).toBe(403);
    const other = await signIn(ADMIN_KEY);
    expect((await other.post(`/console/drafts/${draft.id}/approve`, { text: "someone else's token", _csrf: token })).status).toBe(403);
    const ok = await s.post(`/console/drafts/${draft.id}/approve`, { text: "Approved from the console", _csrf: token });
    expect(ok.status).toBe(303);
    const pending = await fetch(`${env.base}/api/agent/drafts/${draft.id}`, { headers: { authorization: `Bearer ${env.agentKey}` } });
    expect(((await pending.json()) as { draft: { editedText: string } }).draft.editedText).toBe("Approved from the console");
  });

  it("admin pages are closed to agents and open to admins", async () => {
    const agent = await signIn(env.agentKey);
    for (const path of ["/console/knowledge", "/console/stats", "/console/staff"]) expect((await agent.page(path)).status).toBe(403);
    const admin = await signIn(ADMIN_KEY);
    for (const path of ["/console/knowledge", "/console/stats", "/console/staff", "/console/knowledge/reset-password"])
      expect((await admin.page(path)).status).toBe(200);
    const stats = await admin.page("/console/stats");
    expect(stats.html).toContain("<svg");
  });
});
