import { lookup } from "node:dns/promises";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { hostname } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isBlockedAddress } from "../../src/adapters/http/ip-ranges.js";
import { nodeGuardedFetch } from "../../src/adapters/http/node-guarded-fetch.js";

type Seen = { path: string; authorization: string | undefined };

async function serve(handle: (req: IncomingMessage, res: import("node:http").ServerResponse) => void) {
  const seen: Seen[] = [];
  const server: Server = createServer((req, res) => {
    seen.push({ path: req.url ?? "", authorization: req.headers.authorization });
    handle(req, res);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, seen, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe("the guarded fetch (Node)", () => {
  let internal: Awaited<ReturnType<typeof serve>>;
  let api: Awaited<ReturnType<typeof serve>>;
  let other: Awaited<ReturnType<typeof serve>>;
  let http: ReturnType<typeof nodeGuardedFetch>;
  const base = { maxBytes: 1000, timeoutMs: 2000 };

  beforeAll(async () => {
    internal = await serve((_req, res) => res.end("internal secret"));
    other = await serve((_req, res) => res.end("other ok"));
    api = await serve((req, res) => {
      const u = new URL(req.url ?? "/", "http://x");
      if (u.pathname === "/to-internal") return void res.writeHead(302, { location: `${internal.origin}/admin` }).end();
      if (u.pathname === "/to-metadata") return void res.writeHead(302, { location: "http://169.254.169.254/latest/meta-data/" }).end();
      if (u.pathname === "/to-other") return void res.writeHead(307, { location: `${other.origin}/file` }).end();
      if (u.pathname === "/loop") return void res.writeHead(302, { location: "/loop" }).end();
      if (u.pathname === "/big") return void res.end("x".repeat(5000));
      if (u.pathname === "/slow") return void setTimeout(() => res.end("late"), 1500);
      res.end("api ok");
    });
    // The API and "other" are operator-configured hosts (like SLACK_API_URL); "internal" is not.
    http = nodeGuardedFetch([api.origin, other.origin]);
  });
  afterAll(async () => {
    await http?.close();
    await Promise.all([internal, api, other].map((s) => s?.close()));
  });

  it("reaches a configured API host even on loopback", async () => {
    const r = await http.fetch({ ...base, url: `${api.origin}/ok` });
    expect(r.ok && new TextDecoder().decode(r.body)).toBe("api ok");
  });

  it("refuses loopback, private and link-local addresses that were not configured, however they are written", async () => {
    for (const url of [
      `${internal.origin}/x`,
      "http://localhost/",
      "http://[::1]/",
      "http://[::ffff:127.0.0.1]/",
      "http://169.254.169.254/",
      "http://10.0.0.1/",
      "http://2130706433/",
    ]) {
      const r = await http.fetch({ ...base, url });
      expect(r.ok ? "ok" : r.code, url).toBe("private_address");
    }
    expect(internal.seen).toHaveLength(0);
  });

  it("refuses a host name whose DNS answer is private, after resolving it", async () => {
    const name = hostname();
    const addresses = await lookup(name, { all: true }).catch(() => []);
    if (!addresses.length || !addresses.every((a) => isBlockedAddress(a.address))) return; // this machine's name is public: nothing to prove here
    const r = await http.fetch({ ...base, url: `http://${name}:${new URL(internal.origin).port}/admin` });
    expect(r.ok ? "ok" : r.code).toBe("private_address");
    expect(internal.seen).toHaveLength(0);
  });

  it("checks every redirect hop: an allowed host's 302 to an internal address is refused", async () => {
    for (const path of ["/to-internal", "/to-metadata"]) {
      const r = await http.fetch({ ...base, url: `${api.origin}${path}`, allowHosts: [new URL(api.origin).host] });
      expect(r.ok ? "ok" : r.code, path).toMatch(/^(host_not_allowed|private_address)$/);
    }
    // Even with no allow-list at all, the private address stops it.
    const open = await http.fetch({ ...base, url: `${api.origin}/to-internal` });
    expect(open.ok ? "ok" : open.code).toBe("private_address");
    expect(internal.seen).toHaveLength(0);
  });

  it("follows an allowed redirect without carrying the credentials to the other host", async () => {
    const r = await http.fetch({
      ...base,
      url: `${api.origin}/to-other`,
      headers: { authorization: "Bearer xoxb-secret" },
      allowHosts: [new URL(api.origin).host, new URL(other.origin).host],
    });
    expect(r.ok && new TextDecoder().decode(r.body)).toBe("other ok");
    expect(api.seen.at(-1)?.authorization).toBe("Bearer xoxb-secret");
    expect(other.seen.at(-1)?.authorization).toBeUndefined();
  });

  it("bounds redirects, size and time", async () => {
    const loop = await http.fetch({ ...base, url: `${api.origin}/loop` });
    expect(loop.ok ? "ok" : loop.code).toBe("too_many_redirects");
    const big = await http.fetch({ ...base, url: `${api.origin}/big` });
    expect(big.ok ? "ok" : big.code).toBe("too_large");
    const slow = await http.fetch({ ...base, timeoutMs: 200, url: `${api.origin}/slow` });
    expect(slow.ok ? "ok" : slow.code).toBe("timeout");
    const ftp = await http.fetch({ ...base, url: "file:///etc/passwd" });
    expect(ftp.ok ? "ok" : ftp.code).toBe("bad_url");
  });
});
