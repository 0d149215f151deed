import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call } from "../helpers/harness.js";
import { ADMIN_KEY, heldDraft, startStaffServer } from "../helpers/staff.js";

type Env = Awaited<ReturnType<typeof startStaffServer>>;
let env: Env;
let customerToken: string;
let conversationId: string;
let draftId: string;
let articleId: string;

beforeAll(async () => {
  env = await startStaffServer();
  const held = await heldDraft(env.base);
  customerToken = held.chat.customerToken;
  conversationId = held.chat.conversationId;
  draftId = held.draft.id;
  const articles = await call(env.base, "GET", "/api/admin/articles", { token: ADMIN_KEY });
  articleId = (articles.json as { articles: { id: string }[] }).articles[0]!.id;
});
afterAll(() => env.server.stop());

type Route = {
  method: string;
  path: () => string;
  body?: unknown;
  role: "agent" | "admin";
  ok: number;
  /** Fresh resources for a call that is allowed, so state changes never make a later call fail. */
  fresh?: () => Promise<{ path: string; body?: unknown }>;
};

const newArticle = async () => {
  const res = await call(env.base, "POST", "/api/admin/articles", {
    token: ADMIN_KEY,
    body: { title: `Matrix ${Math.random()}`, body: "Body text for the role matrix.", publish: true },
  });
  return (res.json as { article: { id: string } }).article.id;
};
const freshDraft = async () => (await heldDraft(env.base)).draft;

const routes: Route[] = [
  { method: "GET", path: () => "/api/agent/conversations?status=waiting", role: "agent", ok: 200 },
  { method: "GET", path: () => `/api/agent/conversations/${conversationId}`, role: "agent", ok: 200 },
  { method: "POST", path: () => `/api/agent/conversations/${conversationId}/messages`, body: { text: "Hello from support" }, role: "agent", ok: 201 },
  { method: "POST", path: () => `/api/agent/conversations/${conversationId}/assign`, role: "agent", ok: 200 },
  { method: "POST", path: () => `/api/agent/conversations/${conversationId}/handoff`, body: { reason: "matrix" }, role: "agent", ok: 200 },
  { method: "POST", path: () => `/api/agent/conversations/${conversationId}/resolve`, role: "agent", ok: 200 },
  { method: "POST", path: () => `/api/agent/conversations/${conversationId}/release`, role: "agent", ok: 200 },
  { method: "GET", path: () => "/api/agent/drafts?status=pending", role: "agent", ok: 200 },
  { method: "GET", path: () => `/api/agent/drafts/${draftId}`, role: "agent", ok: 200 },
  {
    method: "POST",
    path: () => `/api/agent/drafts/${draftId}/approve`,
    body: {},
    role: "agent",
    ok: 200,
    fresh: async () => ({ path: `/api/agent/drafts/${(await freshDraft()).id}/approve`, body: {} }),
  },
  {
    method: "POST",
    path: () => `/api/agent/drafts/${draftId}/reject`,
    body: { reason: "matrix" },
    role: "agent",
    ok: 200,
    fresh: async () => ({ path: `/api/agent/drafts/${(await freshDraft()).id}/reject`, body: { reason: "matrix" } }),
  },
  { method: "GET", path: () => "/api/admin/articles", role: "admin", ok: 200 },
  {
    method: "POST",
    path: () => "/api/admin/articles",
    body: { title: "Role matrix", body: "x" },
    role: "admin",
    ok: 201,
    fresh: async () => ({ path: "/api/admin/articles", body: { title: `New ${Math.random()}`, body: "x" } }),
  },
  { method: "GET", path: () => `/api/admin/articles/${articleId}`, role: "admin", ok: 200 },
  { method: "PUT", path: () => `/api/admin/articles/${articleId}`, body: { title: "Edited", body: "Edited body" }, role: "admin", ok: 200 },
  {
    method: "DELETE",
    path: () => `/api/admin/articles/${articleId}`,
    role: "admin",
    ok: 204,
    fresh: async () => ({ path: `/api/admin/articles/${await newArticle()}` }),
  },
  { method: "POST", path: () => `/api/admin/articles/${articleId}/publish`, role: "admin", ok: 200 },
  {
    method: "POST",
    path: () => `/api/admin/articles/${articleId}/archive`,
    role: "admin",
    ok: 200,
    fresh: async () => ({ path: `/api/admin/articles/${await newArticle()}/archive` }),
  },
  { method: "POST", path: () => `/api/admin/articles/${articleId}/restore`, body: { version: 1 }, role: "admin", ok: 200 },
  { method: "GET", path: () => `/api/admin/articles/${articleId}/versions`, role: "admin", ok: 200 },
  { method: "GET", path: () => `/api/admin/articles/${articleId}/diff`, role: "admin", ok: 200 },
  { method: "GET", path: () => "/api/admin/staff", role: "admin", ok: 200 },
  { method: "POST", path: () => "/api/admin/staff", body: { name: "Matrix", role: "agent" }, role: "admin", ok: 201 },
  {
    method: "DELETE",
    path: () => "/api/admin/staff/nobody",
    role: "admin",
    ok: 204,
    fresh: async () => {
      const res = await call(env.base, "POST", "/api/admin/staff", { token: ADMIN_KEY, body: { name: "Temp", role: "agent" } });
      return { path: `/api/admin/staff/${(res.json as { staff: { id: string } }).staff.id}` };
    },
  },
  { method: "GET", path: () => "/api/admin/audit", role: "admin", ok: 200 },
  { method: "GET", path: () => "/api/admin/stats", role: "admin", ok: 200 },
];

describe("role matrix: every staff and admin route", () => {
  for (const route of routes) {
    // The label comes from the path template, because the ids only exist once the server runs.
    const template = /[`"](.*)[`"]/.exec(route.path.toString())?.[1] ?? "";
    const name = `${route.method} ${template.replace(/\$\{(\w+)\}/g, ":$1")}`;
    it(`${name}: no key 401, customer token 403, agent ${route.role === "agent" ? route.ok : 403}, admin ${route.ok}`, async () => {
      const send = (token: string | undefined, path = route.path(), body = route.body) => call(env.base, route.method, path, { token, body });
      expect((await send(undefined)).status).toBe(401);
      expect((await send("fds_not-a-real-key")).status).toBe(401);
      const asCustomer = await send(customerToken);
      expect(asCustomer.status).toBe(403);
      expect((asCustomer.json as { error: { code: string } }).error.code).toBe("forbidden");

      for (const [key, role] of [
        [env.agentKey, "agent"],
        [ADMIN_KEY, "admin"],
      ] as const) {
        if (route.role === "admin" && role === "agent") {
          expect((await send(key)).status).toBe(403);
          continue;
        }
        const target = route.fresh ? await route.fresh() : { path: route.path(), body: route.body };
        const res = await send(key, target.path, target.body);
        expect(res.status, `${role}: ${JSON.stringify(res.json)}`).toBe(route.ok);
      }
    });
  }

  it("a customer token opens only its own conversation, never another's", async () => {
    const other = await heldDraft(env.base);
    const mine = await call(env.base, "GET", `/api/chat/conversations/${conversationId}/messages`, { token: customerToken });
    expect(mine.status).toBe(200);
    const theirs = await call(env.base, "GET", `/api/chat/conversations/${other.chat.conversationId}/messages`, { token: customerToken });
    expect(theirs.status).toBe(403);
  });

  it("a revoked staff key stops working at once", async () => {
    const created = await call(env.base, "POST", "/api/admin/staff", { token: ADMIN_KEY, body: { name: "Leaver", role: "agent" } });
    const { apiKey, staff } = created.json as { apiKey: string; staff: { id: string } };
    expect((await call(env.base, "GET", "/api/agent/drafts", { token: apiKey })).status).toBe(200);
    expect((await call(env.base, "DELETE", `/api/admin/staff/${staff.id}`, { token: ADMIN_KEY })).status).toBe(204);
    expect((await call(env.base, "GET", "/api/agent/drafts", { token: apiKey })).status).toBe(401);
  });

  it("staff keys are shown once and stored only as a hash", async () => {
    const created = await call(env.base, "POST", "/api/admin/staff", { token: ADMIN_KEY, body: { name: "Hash check", role: "agent" } });
    const { apiKey } = created.json as { apiKey: string };
    expect(apiKey).toMatch(/^fds_/);
    const list = await call(env.base, "GET", "/api/admin/staff", { token: ADMIN_KEY });
    expect(JSON.stringify(list.json)).not.toContain(apiKey);
    const row = env.server.sqlite.sqlite.prepare("select key_hash from staff where name = ?").get("Hash check") as { key_hash: string };
    expect(row.key_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.key_hash).not.toContain(apiKey);
  });
});
