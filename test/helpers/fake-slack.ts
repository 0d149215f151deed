import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { signSlackRequest } from "../../src/channels/slack/verify-signature.js";

export type SlackCall = { method: string; args: Record<string, unknown>; token: string | null; at: number };
type Reply = { status?: number; headers?: Record<string, string>; body: Record<string, unknown> };
/** `HANG`: Slack took the call and never answers (the caller's own timeout, or its death, ends it). */
export const HANG = Symbol("hang");
type Handler = (args: Record<string, unknown>, call: SlackCall) => Reply | Record<string, unknown> | typeof HANG | undefined;

// A 1×1 transparent PNG: a real image for the file-download path.
export const PNG_1X1 = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");

const JSON_FIELDS = new Set(["blocks", "view", "attachments", "metadata"]);

/**
 * A local stand-in for Slack's Web API (https://slack.com/api/<method>) and file host, recording
 * every call. Handlers can be overridden per method to return errors or rate limits.
 */
export async function startFakeSlack(opts: { botToken: string; botUserId?: string }) {
  const calls: SlackCall[] = [];
  const downloads: { path: string; authorization: string | undefined }[] = [];
  const handlers = new Map<string, Handler>();
  const users = new Map<string, { name: string; email?: string }>();
  let ts = 1_700_000_000;

  const defaults: Record<string, Handler> = {
    "auth.test": () => ({ ok: true, user_id: opts.botUserId ?? "UBOT", bot_id: "BBOT", team_id: "T1", user: "frontdesk" }),
    "chat.postMessage": (a) => ({ ok: true, channel: a.channel, ts: `${ts++}.000100`, message: { text: a.text } }),
    "chat.update": (a) => ({ ok: true, channel: a.channel, ts: a.ts }),
    "chat.postEphemeral": () => ({ ok: true, message_ts: `${ts++}.000200` }),
    "views.open": () => ({ ok: true, view: { id: "V1" } }),
    "assistant.threads.setStatus": () => ({ ok: true }),
    "users.info": (a) => {
      const u = users.get(String(a.user));
      if (!u) return { ok: false, error: "user_not_found" };
      return { ok: true, user: { id: a.user, name: u.name.toLowerCase(), real_name: u.name, is_bot: false, profile: { real_name: u.name, email: u.email } } };
    },
  };

  const readBody = (req: IncomingMessage) =>
    new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => resolve(Buffer.concat(chunks)));
      req.on("error", reject);
    });

  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const raw = (await readBody(req)).toString("utf8");
    if (url.pathname.startsWith("/files-pri/")) {
      downloads.push({ path: url.pathname, authorization: req.headers.authorization });
      if (req.headers.authorization !== `Bearer ${opts.botToken}`) {
        // Slack answers an unauthenticated file URL with its HTML sign-in page.
        res.writeHead(200, { "content-type": "text/html" }).end("<html>sign in</html>");
        return;
      }
      res.writeHead(200, { "content-type": "image/png", "content-length": String(PNG_1X1.length) }).end(PNG_1X1);
      return;
    }
    const method = url.pathname.replace(/^\/api\//, "");
    let args: Record<string, unknown> = {};
    if ((req.headers["content-type"] ?? "").includes("application/json")) args = raw ? JSON.parse(raw) : {};
    else
      for (const [k, v] of new URLSearchParams(raw)) {
        args[k] = JSON_FIELDS.has(k) ? JSON.parse(v) : v;
      }
    const auth = req.headers.authorization ?? null;
    const call: SlackCall = { method, args, token: auth?.replace(/^Bearer /, "") ?? null, at: Date.now() };
    calls.push(call);
    if (call.token !== opts.botToken) {
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: false, error: "invalid_auth" }));
      return;
    }
    const handler = handlers.get(method) ?? defaults[method];
    const out = handler ? handler(args, call) : { ok: false, error: "unknown_method" };
    if (out === HANG) return;
    const reply: Reply = out && "body" in out && typeof out.body === "object" ? (out as Reply) : { body: (out ?? { ok: true }) as Record<string, unknown> };
    res.writeHead(reply.status ?? 200, { "content-type": "application/json", ...reply.headers }).end(JSON.stringify(reply.body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;

  return {
    url,
    apiUrl: `${url}/api/`,
    calls,
    downloads,
    fileUrl: (name: string) => `${url}/files-pri/T1-F1/download/${name}`,
    addUser: (id: string, name: string, email?: string) => users.set(id, { name, email }),
    /** Overrides one method; return undefined from the handler to fall back to the default. */
    on(method: string, handler: Handler) {
      handlers.set(method, (a, c) => handler(a, c) ?? defaults[method]?.(a, c));
    },
    off: (method: string) => handlers.delete(method),
    called: (method: string) => calls.filter((c) => c.method === method),
    reset() {
      calls.length = 0;
      downloads.length = 0;
      handlers.clear();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type FakeSlack = Awaited<ReturnType<typeof startFakeSlack>>;

/** Posts a body to /slack/events signed the way Slack signs it (or tampered with, for the negative tests). */
export async function postSlack(
  base: string,
  secret: string,
  body: string,
  opts: { contentType?: string; timestamp?: number; headers?: Record<string, string>; signature?: string | null } = {},
) {
  const timestamp = opts.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    "content-type": opts.contentType ?? "application/json",
    "x-slack-request-timestamp": String(timestamp),
    ...opts.headers,
  };
  const signature = opts.signature === undefined ? await signSlackRequest(secret, timestamp, body) : opts.signature;
  if (signature !== null) headers["x-slack-signature"] = signature;
  const started = Date.now();
  const res = await fetch(`${base}/slack/events`, { method: "POST", headers, body });
  const text = await res.text();
  let json: Record<string, unknown> = {};
  try {
    json = text ? JSON.parse(text) : {};
  } catch {
    json = { text };
  }
  return { status: res.status, json, ms: Date.now() - started };
}

/** An interactivity payload as Slack sends it: a form with one JSON `payload` field. */
export function interactionForm(payload: unknown): string {
  return `payload=${encodeURIComponent(JSON.stringify(payload))}`;
}
