import { type Case, check, type Expect, type Seen, type SeenMessage } from "./cases.js";

/** Where the cases run: a frontdesk server and a staff key for the agent endpoints. */
export type Target = { url: string; staffKey: string; timeoutMs: number; quietMs: number };
export type CaseResult = { id: string; passed: boolean; failures: string[]; ms: number };

async function http(target: Target, method: string, path: string, token: string, body?: unknown) {
  const res = await fetch(target.url + path, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs one case through the server's public chat API, as a customer would, and checks it. */
export async function runCase(target: Target, c: Case): Promise<CaseResult> {
  const started = Date.now();
  const failures: string[] = [];
  const opened = await fetch(`${target.url}/api/chat/conversations`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
  if (opened.status !== 201) return { id: c.id, passed: false, failures: [`opening the chat got HTTP ${opened.status}`], ms: 0 };
  const { conversationId, customerToken } = (await opened.json()) as { conversationId: string; customerToken: string };

  const seen = async (): Promise<Seen> => {
    const chat = await http(target, "GET", `/api/chat/conversations/${conversationId}/messages?limit=500`, customerToken);
    const view = await http(target, "GET", `/api/agent/conversations/${conversationId}`, target.staffKey);
    const messages = (chat.json.messages ?? []) as SeenMessage[];
    const last = messages.findLastIndex((m) => m.role === "customer");
    return { status: String(chat.json.status), conversation: (view.json.conversation ?? {}) as Seen["conversation"], messages, tail: messages.slice(last + 1) };
  };
  /** Waits until the bot has reacted to the last customer message and nothing new came for a quiet spell. */
  const settle = async (): Promise<Seen> => {
    const deadline = Date.now() + target.timeoutMs;
    let signature = "";
    let stableSince = Date.now();
    for (;;) {
      const now = await seen();
      const sig = `${now.status}:${now.messages.length}`;
      if (sig !== signature) [signature, stableSince] = [sig, Date.now()];
      const reacted = now.status === "handed_off" || now.tail.some((m) => m.role !== "customer");
      if ((reacted && Date.now() - stableSince >= target.quietMs) || Date.now() > deadline) return now;
      await sleep(100);
    }
  };
  const send = async (text: string) => {
    const res = await http(target, "POST", `/api/chat/conversations/${conversationId}/messages`, customerToken, { text });
    if (res.status !== 202) failures.push(`"${text}" got HTTP ${res.status}`);
  };
  const verify = async (expect: Expect | undefined, where: string) => {
    if (!expect) return;
    for (const f of check(expect, await settle())) failures.push(`${where}: ${f}`);
  };

  for (const [i, step] of c.turns.entries()) {
    const where = `turn ${i + 1}`;
    if (typeof step === "string") {
      await send(step);
      await settle();
    } else if ("say" in step) {
      await send(step.say);
      await verify(step.expect ?? {}, where);
    } else if ("burst" in step) {
      // A burst is typed faster than anyone reads: about 100 ms between messages.
      for (const text of step.burst) {
        await send(text);
        await sleep(100);
      }
      await verify(step.expect ?? {}, where);
    } else {
      const res = await http(target, "POST", `/api/agent/conversations/${conversationId}/release`, target.staffKey, {});
      if (res.status >= 300) failures.push(`${where}: releasing to the bot got HTTP ${res.status}`);
      await verify(step.expect ?? {}, where);
    }
    if (failures.length > 0) break;
  }
  if (failures.length === 0) await verify(c.expect ?? { reply: true }, "end");
  return { id: c.id, passed: failures.length === 0, failures, ms: Date.now() - started };
}
