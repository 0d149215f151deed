import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, openChat } from "../helpers/harness.js";
import { ADMIN_KEY, consoleSignIn, startStaffServer } from "../helpers/staff.js";

let env: Awaited<ReturnType<typeof startStaffServer>>;
beforeAll(async () => {
  env = await startStaffServer();
});
afterAll(() => env.server.stop());

async function signIn(key: string) {
  const session = await consoleSignIn(env.base, key);
  const page = async (path: string) => {
    const r = await session.page(path);
    return { ...r, location: r.headers.get("location") };
  };
  const post = async (path: string, fields: Record<string, string> = {}) => session.post(path, { _csrf: await session.csrf(), ...fields });
  return { cookie: session.cookie, page, post };
}

describe("console sessions", () => {
  it("a copied session cookie stops working once its owner signs out", async () => {
    const s = await signIn(env.agentKey);
    expect((await s.page("/console/inbox")).status).toBe(200);
    expect((await s.post("/console/logout")).status).toBe(303);
    // The browser forgot the cookie; whoever copied it must be refused too.
    const replay = await s.page("/console/inbox");
    expect(replay.status).toBe(303);
    expect(replay.location).toBe("/console/login");
  });

  it("sign out everywhere ends every session of that member and no one else's", async () => {
    const phone = await signIn(env.agentKey);
    const laptop = await signIn(env.agentKey);
    const admin = await signIn(ADMIN_KEY);
    expect((await laptop.post("/console/logout-everywhere")).status).toBe(303);
    expect((await phone.page("/console/inbox")).status).toBe(303);
    expect((await laptop.page("/console/inbox")).status).toBe(303);
    expect((await admin.page("/console/inbox")).status).toBe(200);
    const audit = await env.server.store.listAudit({ entity: "staff", entityId: env.agentId });
    expect(audit.some((a) => a.action === "staff.sign_out_everywhere")).toBe(true);
  });
});

describe("customer text on console pages", () => {
  it("shows bidi overrides as markers inside <bdi>, and marks the customer-chosen name as theirs", async () => {
    const chat = await openChat(env.base, { name: "Support\u202Emaet" });
    await chat.send("Please open invoice\u202Efdp.exe and \u2066confirm\u2069");
    const s = await signIn(ADMIN_KEY);
    const html = (await s.page(`/console/conversations/${chat.conversationId}`)).html;
    expect(html).not.toContain("\u202E");
    expect(html).not.toContain("\u2066");
    expect(html).toContain("invoice⟨U+202E⟩fdp.exe");
    expect(html).toMatch(/<bdi[^>]*>Please open invoice⟨U\+202E⟩fdp\.exe/);
    expect(html).toMatch(/<h1[^>]*>.*<bdi>Support⟨U\+202E⟩maet<\/bdi>.*name given by the customer/s);
    const list = (await s.page("/console/conversations")).html;
    expect(list).not.toContain("\u202E");
  });

  it("the article preview never turns a protocol-relative link into a link", async () => {
    const s = await signIn(ADMIN_KEY);
    const res = await fetch(`${env.base}/console/knowledge/preview`, {
      method: "POST",
      headers: {
        cookie: s.cookie,
        origin: env.base,
        "content-type": "text/plain",
        "x-csrf-token": /name="csrf-token" content="([^"]+)"/.exec((await s.page("/console/inbox")).html)?.[1] ?? "",
      },
      body: "[help](//evil.test/login) and [ok](https://help.example/a)",
    });
    const html = await res.text();
    expect(html).not.toContain('href="//evil.test');
    expect(html).toContain('href="https://help.example/a"');
  });

  it("the agent API still returns the customer's exact text (markers are for display only)", async () => {
    const chat = await openChat(env.base, { name: "R\u202Eight" });
    await chat.send("abc\u202Edef");
    const res = await call(env.base, "GET", `/api/agent/conversations/${chat.conversationId}`, { token: ADMIN_KEY });
    expect((res.json.messages as { text: string }[])[0]?.text).toBe("abc\u202Edef");
  });
});
