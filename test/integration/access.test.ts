import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, openChat, startTestServer } from "../helpers/harness.js";

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer({ RATE_LIMIT_IP_PER_MINUTE: "40", RATE_LIMIT_TOKEN_PER_MINUTE: "5", CORS_ORIGINS: "https://shop.example.com" });
});
afterAll(async () => {
  await server.stop();
});

describe("access to public routes", () => {
  it("issues customer tokens with at least 128 random bits, stored only as a hash", async () => {
    const a = await openChat(server.url);
    const b = await openChat(server.url);
    expect(a.customerToken).not.toBe(b.customerToken);
    expect(a.customerToken.replace(/^fdc_/, "").length * 6).toBeGreaterThanOrEqual(128);
    const stored = await server.store.getCustomerToken(a.conversationId);
    expect(stored?.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored?.hash).not.toContain(a.customerToken);
  });

  it("refuses an expired customer token", async () => {
    const chat = await openChat(server.url);
    server.sqlite.sqlite.prepare("update conversations set token_expires_at = 1 where id = ?").run(chat.conversationId);
    const res = await chat.send("hello?");
    expect(res.status).toBe(401);
    expect(String((res.json.error as { message: string }).message)).toMatch(/expired/);
  });

  it("limits messages per token with 429 and Retry-After", async () => {
    const chat = await openChat(server.url);
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 7; i++) {
      const res = await chat.send(`message ${i}`);
      statuses.push(res.status);
      if (res.status === 429) {
        retryAfter = res.headers.get("retry-after");
        expect(res.json.error).toMatchObject({ code: "rate_limited" });
      }
    }
    expect(statuses.slice(0, 5)).toEqual([202, 202, 202, 202, 202]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    expect((await chat.messages()).messages.filter((m) => m.role === "customer")).toHaveLength(5);
  });

  it("allows CORS only for configured origins", async () => {
    const allowed = await fetch(`${server.url}/api/kb/search?q=refund`, { headers: { origin: "https://shop.example.com" } });
    expect(allowed.headers.get("access-control-allow-origin")).toBe("https://shop.example.com");
    const other = await fetch(`${server.url}/api/kb/search?q=refund`, { headers: { origin: "https://evil.example.net" } });
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("sends security headers with pages, allowing embedding only on configured sites", async () => {
    const page = await fetch(`${server.url}/`);
    const csp = page.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'self' https://shop.example.com");
    expect(page.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("limits requests per address with 429", async () => {
    let limited = false;
    for (let i = 0; i < 45 && !limited; i++) limited = (await call(server.url, "GET", "/api/kb/search?q=refund")).status === 429;
    expect(limited).toBe(true);
  });
});
