import { describe, expect, it } from "vitest";
import { type ActionsRuntime, callAction } from "../../src/core/actions/call-action.js";
import type { ActionDefinition } from "../../src/core/actions/definition.js";
import { renderRequest } from "../../src/core/actions/template.js";
import type { GuardedRequest } from "../../src/ports/guarded-fetch.js";

const def: ActionDefinition = {
  name: "cancel_order",
  description: "Cancel an order.",
  parameters: { type: "object", properties: { order: { type: "string" }, qty: { type: "integer" } }, required: ["order"] },
  request: {
    method: "POST",
    url: "https://orders.example.test/orders/{order}/cancel?by={{customer.userId}}",
    headers: { "x-key": "{{secret:ORDERS}}" },
    body: { order: "{order}", qty: "{qty}", note: "cancel {order} x{qty} for {{customer.email}}", nested: ["{qty}"] },
  },
  policy: "confirm",
  requiresVerifiedCustomer: true,
};
const values = { args: { order: "A-1/2", qty: 3 }, customer: { userId: "u&1", email: "ada@example.test" }, secret: () => "s3cret" };

describe("action templates", () => {
  it("URL-encodes in the URL, keeps exact placeholders typed and fills longer strings as text", () => {
    const r = renderRequest(def, values);
    expect(r.url).toBe("https://orders.example.test/orders/A-1%2F2/cancel?by=u%261");
    expect(r.headers["x-key"]).toBe("s3cret");
    expect(JSON.parse(r.body as string)).toEqual({ order: "A-1/2", qty: 3, note: "cancel A-1/2 x3 for ada@example.test", nested: [3] });
  });

  it("never expands placeholders that arrive inside an argument", () => {
    const r = renderRequest(def, { ...values, args: { order: "{{secret:ORDERS}}", qty: 1 } });
    expect(r.url).toContain("%7B%7Bsecret%3AORDERS%7D%7D");
    expect(r.body).not.toContain("s3cret");
  });

  it("refuses a customer placeholder without a verified customer", () => {
    expect(() => renderRequest(def, { ...values, customer: {} })).toThrow(/verified customer/);
  });
});

describe("callAction", () => {
  const seen: GuardedRequest[] = [];
  const rt = (body: string, type = "application/json"): ActionsRuntime => ({
    http: {
      async fetch(req) {
        seen.push(req);
        return { ok: true, status: 200, headers: new Headers({ "content-type": type }), body: new TextEncoder().encode(body), url: req.url };
      },
    },
    secret: (n) => (n === "ORDERS" ? "s3cret" : undefined),
    allowedSecrets: ["ORDERS"],
    timeoutMs: 1000,
    maxResponseBytes: 10_000,
    maxResultChars: 20,
    refusesHost: () => false,
  });

  it("sends the same idempotency key when a turn is retried, another for other arguments", async () => {
    const call = { def, args: { order: "A-1", qty: 1 }, customer: values.customer, idempotencySeed: "turn-msg-1" };
    await callAction(rt("{}"), call, Date.now);
    await callAction(rt("{}"), call, Date.now);
    await callAction(rt("{}"), { ...call, args: { order: "A-2", qty: 1 } }, Date.now);
    const keys = seen.slice(-3).map((r) => r.headers?.["idempotency-key"]);
    expect(keys[0]).toMatch(/^[0-9a-f]{48}$/);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[2]).not.toBe(keys[0]);
  });

  it("cuts a long result and marks the cut; a binary one is not shown", async () => {
    const long = await callAction(rt(JSON.stringify({ text: "x".repeat(100) })), { def, args: { order: "A-1" }, customer: values.customer }, Date.now);
    expect(long.ok && long.truncated && long.result).toMatch(/\[cut: 20 of \d+ characters shown\]$/);
    const pdf = await callAction(rt("%PDF-1.7", "application/pdf"), { def, args: { order: "A-1" }, customer: values.customer }, Date.now);
    expect(pdf.ok && pdf.result).toMatch(/non-text response: application\/pdf/);
  });
});
