import { call, eventually, openChat, startTestServer } from "./harness.js";

export const ADMIN_KEY = "test-admin-key-0123456789abcdef";

/** A server where every draft waits for review, with an admin (bootstrap) and an agent key. */
export async function startStaffServer(env: Record<string, string> = {}) {
  // A low offline bar makes the offline responder answer (and REVIEW_MODE=all hold) every question.
  const server = await startTestServer({ REVIEW_MODE: "all", ADMIN_API_KEY: ADMIN_KEY, OFFLINE_MIN_SCORE: "1", OFFLINE_MIN_MARGIN: "1", ...env });
  const created = await call(server.url, "POST", "/api/admin/staff", { token: ADMIN_KEY, body: { name: "Ada Agent", role: "agent" } });
  if (created.status !== 201) throw new Error(`could not create agent: ${JSON.stringify(created.json)}`);
  const agentKey = (created.json as { apiKey: string }).apiKey;
  const agentId = (created.json as { staff: { id: string } }).staff.id;
  return { server, base: server.url, agentKey, agentId };
}

export type DraftJson = {
  id: string;
  conversationId: string;
  text: string;
  editedText: string | null;
  status: string;
  diff: { op: string; text: string }[] | null;
};

/** A customer asks a question the offline responder can answer; under REVIEW_MODE=all it is held. */
export async function heldDraft(base: string, question = "How do I reset my password?", body: Record<string, unknown> = {}) {
  const chat = await openChat(base, body);
  const sent = await chat.send(question);
  if (sent.status !== 202) throw new Error(`send failed: ${sent.status}`);
  const draft = await eventually(async () => {
    const res = await call(base, "GET", `/api/agent/drafts?status=pending&conversationId=${chat.conversationId}`, { token: ADMIN_KEY });
    return (res.json as { drafts: DraftJson[] }).drafts[0];
  });
  return { chat, draft };
}

/** Signs in to the console with a key over real HTTP; returns the session cookie and page helpers. */
export async function consoleSignIn(base: string, key: string) {
  const res = await fetch(`${base}/console/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: base },
    body: new URLSearchParams({ key }),
  });
  const setCookie = res.headers.get("set-cookie") ?? "";
  const cookie = setCookie.split(";")[0] ?? "";
  const page = async (path: string) => {
    const r = await fetch(base + path, { headers: { cookie, accept: "text/html" }, redirect: "manual" });
    return { status: r.status, html: await r.text(), headers: r.headers };
  };
  const csrf = async () => /name="csrf-token" content="([^"]+)"/.exec((await page("/console/inbox")).html)?.[1] ?? "";
  const post = (path: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
    fetch(base + path, {
      method: "POST",
      redirect: "manual",
      headers: { cookie, "content-type": "application/x-www-form-urlencoded", origin: base, ...headers },
      body: new URLSearchParams(fields),
    });
  return { res, setCookie, cookie, page, csrf, post };
}
