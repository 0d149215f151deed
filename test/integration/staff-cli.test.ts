import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runStaffCli } from "../../src/entry/staff-cli.js";
import { call, startTestServer, tempDir } from "../helpers/harness.js";

const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe("npm run staff", () => {
  it("creates a member whose printed key works against the API, lists and disables it", async () => {
    const env = { DATABASE_PATH: join(tmp.dir, "frontdesk.db") };
    const out: string[] = [];
    const err: string[] = [];
    const print = (line: string) => out.push(line);
    expect(await runStaffCli(["create", "--name", "Billing desk", "--role", "agent"], env, print, (l) => err.push(l))).toBe(0);
    const key = /fds_[A-Za-z0-9_-]+/.exec(out.join("\n"))?.[0];
    const id = /id ([0-9A-Z]{26})/.exec(out.join("\n"))?.[1];
    expect(key).toBeDefined();

    const server = await startTestServer(env);
    try {
      expect((await call(server.url, "GET", "/api/agent/drafts", { token: key })).status).toBe(200);
      expect((await call(server.url, "GET", "/api/admin/staff", { token: key })).status).toBe(403);
      out.length = 0;
      expect(await runStaffCli(["list"], env, print)).toBe(0);
      expect(out.join("\n")).toContain("Billing desk");
      expect(out.join("\n")).not.toContain(key);
      expect(await runStaffCli(["disable", id ?? ""], env, print)).toBe(0);
      expect((await call(server.url, "GET", "/api/agent/drafts", { token: key })).status).toBe(401);
    } finally {
      await server.stop();
    }
    expect(await runStaffCli(["create", "--name", "X", "--role", "boss"], env, print, (l) => err.push(l))).toBe(2);
    expect(err.join("\n")).toMatch(/--role agent\|admin/);
  });
});
