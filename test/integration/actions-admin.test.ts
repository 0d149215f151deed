import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { orderStatus, startFakeOrders } from "../helpers/fake-orders.js";
import { call, startTestServer } from "../helpers/harness.js";

const ADMIN = "test-admin-key-0123456789abcdef";
const SECRET = "orders-api-secret-0123456789";

describe("admin-defined actions", () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let orders: Awaited<ReturnType<typeof startFakeOrders>>;
  beforeAll(async () => {
    orders = await startFakeOrders();
    process.env.ORDERS_API_KEY = SECRET;
    server = await startTestServer({ ADMIN_API_KEY: ADMIN, ACTIONS_SECRETS: "ORDERS_API_KEY", ACTIONS_ALLOW_PRIVATE_NETWORK: "true" });
  });
  afterAll(async () => {
    await server.stop();
    await orders.close();
    delete process.env.ORDERS_API_KEY;
  });

  it("creates, lists, tests, updates and deletes an action; a duplicate name is 409", async () => {
    const created = await call(server.url, "POST", "/api/admin/actions", { token: ADMIN, body: orderStatus(orders.url) });
    expect(created.status).toBe(201);
    const id = (created.json.action as { id: string }).id;
    expect((await call(server.url, "POST", "/api/admin/actions", { token: ADMIN, body: orderStatus(orders.url) })).status).toBe(409);

    const tested = await call(server.url, "POST", `/api/admin/actions/${id}/test`, {
      token: ADMIN,
      body: { arguments: { order: "A-12345" }, customer: { userId: "u 42" } },
    });
    expect(tested.status).toBe(200);
    const result = tested.json.result as { ok: boolean; result: string };
    expect(result.ok).toBe(true);
    expect(JSON.parse(result.result)).toMatchObject({ order: "A-12345", status: "shipped" });
    const req = orders.requests.at(-1);
    expect(req?.url).toBe("/orders/A-12345?customer=u%2042");
    expect(req?.headers.authorization).toBe(`Bearer ${SECRET}`);

    const bad = await call(server.url, "POST", `/api/admin/actions/${id}/test`, { token: ADMIN, body: { arguments: { order: "../admin" } } });
    expect((bad.json.result as { code: string }).code).toBe("bad_arguments");
    expect(orders.requests).toHaveLength(1);

    const listed = await call(server.url, "GET", "/api/admin/actions", { token: ADMIN });
    const [one] = listed.json.actions as { name: string; stats: { calls: number; failures: number } }[];
    expect(one?.stats).toEqual({ calls: 2, failures: 1 });
    expect(JSON.stringify(listed.json)).not.toContain(SECRET);

    const updated = await call(server.url, "PUT", `/api/admin/actions/${id}`, { token: ADMIN, body: { ...orderStatus(orders.url), policy: "off" } });
    expect((updated.json.action as { policy: string }).policy).toBe("off");
    expect((await call(server.url, "DELETE", `/api/admin/actions/${id}`, { token: ADMIN })).status).toBe(204);
    expect((await call(server.url, "GET", `/api/admin/actions/${id}`, { token: ADMIN })).status).toBe(404);

    const audit = await server.deps.store.listAudit({ entity: "action" });
    expect(audit.map((a) => a.action).sort()).toEqual(["action.called", "action.called", "action.created", "action.deleted", "action.updated"]);
    expect(JSON.stringify(audit)).not.toContain(SECRET);
  });

  it("refuses secrets outside ACTIONS_SECRETS, secrets in the URL and unknown placeholders when saved", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ headers: { authorization: "Bearer {{secret:OPENAI_API_KEY}}" } }, "request.headers"],
      [{ url: `${orders.url}/orders/{order}?k={{secret:ORDERS_API_KEY}}` }, "request.url"],
      [{ url: `${orders.url}/orders/{nope}` }, "request.url"],
      [{ headers: { "x-who": "{{customer.phone}}" } }, "request.headers"],
    ];
    for (const [request, field] of cases) {
      const base = orderStatus(orders.url);
      const res = await call(server.url, "POST", "/api/admin/actions", {
        token: ADMIN,
        body: { ...base, name: "bad_one", request: { ...base.request, ...request } },
      });
      expect(res.status, JSON.stringify(request)).toBe(400);
      expect((res.json.error as { details: { field: string } }).details.field).toBe(field);
    }
    expect(((await call(server.url, "GET", "/api/admin/actions", { token: ADMIN })).json.actions as unknown[]).length).toBe(0);
  });

  it("needs an admin", async () => {
    expect((await call(server.url, "GET", "/api/admin/actions")).status).toBe(401);
  });
});

describe("actions without ACTIONS_ALLOW_PRIVATE_NETWORK", () => {
  it("refuses a private URL when saved and when called", async () => {
    const orders = await startFakeOrders();
    const server = await startTestServer({ ADMIN_API_KEY: ADMIN });
    try {
      const saved = await call(server.url, "POST", "/api/admin/actions", {
        token: ADMIN,
        body: { ...orderStatus(orders.url), request: { method: "GET", url: `${orders.url}/orders/{order}` } },
      });
      expect(saved.status).toBe(400);
      // A host that only a placeholder names passes the save check; the guarded fetch refuses it at call time.
      const hostless = await call(server.url, "POST", "/api/admin/actions", {
        token: ADMIN,
        body: {
          ...orderStatus(orders.url),
          parameters: { type: "object", properties: { host: { type: "string" } }, required: ["host"] },
          request: { method: "GET", url: `http://{host}:${new URL(orders.url).port}/orders` },
        },
      });
      expect(hostless.status).toBe(201);
      const id = (hostless.json.action as { id: string }).id;
      const tested = await call(server.url, "POST", `/api/admin/actions/${id}/test`, { token: ADMIN, body: { arguments: { host: "127.0.0.1" } } });
      expect((tested.json.result as { code: string }).code).toBe("private_address");
      expect(orders.requests).toHaveLength(0);
    } finally {
      await server.stop();
      await orders.close();
    }
  });
});
