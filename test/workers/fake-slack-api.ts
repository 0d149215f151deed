import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    fakeSlackApiUrl: string;
  }
}

/**
 * A fake Slack Web API on 127.0.0.1, started in Node before the workerd tests: the worker's fetch
 * sender talks to it over real HTTP. `GET /calls` returns what it received, for the tests to read.
 */
export default async function setup(project: TestProject) {
  const calls: { method: string; authorization?: string; body: unknown }[] = [];
  const server = createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk) => {
      raw += chunk;
    });
    req.on("end", () => {
      res.setHeader("content-type", "application/json");
      if (req.method === "GET" && req.url === "/calls") return void res.end(JSON.stringify(calls));
      const method = (req.url ?? "").replace(/^\/api\//, "");
      // The Web API takes JSON or form-encoded bodies; record either as an object.
      const body = !raw ? null : (req.headers["content-type"] ?? "").includes("json") ? JSON.parse(raw) : Object.fromEntries(new URLSearchParams(raw));
      calls.push({ method, authorization: req.headers.authorization, body });
      res.end(JSON.stringify({ ok: true, ts: `${Date.now() / 1000}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  project.provide("fakeSlackApiUrl", `http://127.0.0.1:${port}/api/`);
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}
