import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";

describe("smoke", () => {
  it("health", async () => {
    const res = await exports.default.fetch("http://frontdesk.test/health");
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, db: "ok" });
    expect(env.DB).toBeDefined();
  });
});
