import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestMessage } from "../../src/core/conversation/ingest.js";
import type { CoreDeps } from "../../src/core/deps.js";
import { AppError } from "../../src/core/errors.js";
import { decideDraft } from "../../src/core/review/decide-draft.js";
import { call, eventually, openChat } from "../helpers/harness.js";
import { ADMIN_KEY, type DraftJson, heldDraft, startStaffServer } from "../helpers/staff.js";

let env: Awaited<ReturnType<typeof startStaffServer>>;
beforeAll(async () => {
  env = await startStaffServer();
});
afterAll(() => env.server.stop());

const approve = (draftId: string, key: string, text?: string) =>
  call(env.base, "POST", `/api/agent/drafts/${draftId}/approve`, { token: key, body: text === undefined ? {} : { text } });

describe("the drafts queue", () => {
  it("lists held drafts in the API.md shape and tells the customer a teammate is checking", async () => {
    const { chat, draft } = await heldDraft(env.base);
    const res = await call(env.base, "GET", "/api/agent/drafts?status=pending", { token: env.agentKey });
    const listed = (res.json as { drafts: Record<string, unknown>[] }).drafts.find((d) => d.id === draft.id);
    expect(listed).toBeDefined();
    for (const field of ["id", "conversationId", "text", "mode", "confidence", "citations", "reasons", "createdAt"]) expect(listed).toHaveProperty(field);
    expect(listed?.reasons).toContain("review_mode_all");
    const seen = await chat.messages();
    expect(seen.messages.map((m) => m.role)).toEqual(["customer", "system"]);
    expect(seen.messages[1]?.text).toMatch(/teammate is checking/);
    expect(seen.messages.some((m) => m.text === draft.text)).toBe(false);
  });

  it("approving with an edit sends the edit, keeps the original, shows the diff, and a second decision is a 409", async () => {
    const { chat, draft } = await heldDraft(env.base);
    const edited = `${draft.text}\n\nP.S. Reply here if the email does not arrive.`;
    const res = await approve(draft.id, env.agentKey, edited);
    expect(res.status).toBe(200);
    const decided = (res.json as { draft: DraftJson }).draft;
    expect(decided.status).toBe("sent");
    expect(decided.text).toBe(draft.text);
    expect(decided.editedText).toBe(edited);
    expect(decided.diff?.filter((d) => d.op === "add").map((d) => d.text)).toContain("P.S. Reply here if the email does not arrive.");
    expect(decided.diff?.some((d) => d.op === "del")).toBe(false);

    const messages = await eventually(async () => {
      const m = await chat.messages();
      return m.messages.some((x) => x.role === "assistant") ? m.messages : undefined;
    });
    const answers = messages.filter((m) => m.role === "assistant");
    expect(answers.map((m) => m.text)).toEqual([edited]);

    const again = await approve(draft.id, ADMIN_KEY);
    expect(again.status).toBe(409);
    expect((again.json as { error: { code: string } }).error.code).toBe("conflict");
  });

  it("two agents approving the same draft at once: one 200, one 409, the customer gets one message", async () => {
    const second = await call(env.base, "POST", "/api/admin/staff", { token: ADMIN_KEY, body: { name: "Bea Agent", role: "agent" } });
    const otherKey = (second.json as { apiKey: string }).apiKey;
    for (let round = 0; round < 5; round++) {
      const { chat, draft } = await heldDraft(env.base);
      const results = await Promise.all([approve(draft.id, env.agentKey, `Edited by Ada, round ${round}`), approve(draft.id, otherKey)]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      const winner = results.find((r) => r.status === 200)?.json as { draft: DraftJson };
      const expected = winner.draft.editedText ?? winner.draft.text;
      await eventually(async () => (await chat.messages()).messages.some((m) => m.role === "assistant"));
      // Give a losing write time to show up if it were (wrongly) delivered.
      await new Promise((r) => setTimeout(r, 100));
      const answers = (await chat.messages()).messages.filter((m) => m.role === "assistant");
      expect(answers.map((m) => m.text)).toEqual([expected]);
    }
  });

  it("decisions that both read the draft as pending still settle to one winner in the store", async () => {
    const { chat, draft } = await heldDraft(env.base);
    const deps = env.server.deps as CoreDeps;
    // Over HTTP one request usually finishes before the next is read; here both read "pending" first.
    const slowStore = new Proxy(deps.store, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver);
        if (prop !== "getDraft" || typeof value !== "function") return typeof value === "function" ? value.bind(target) : value;
        return async (id: string) => {
          const d = await value.call(target, id);
          await new Promise((r) => setTimeout(r, 30));
          return d;
        };
      },
    });
    const racing = { ...deps, store: slowStore };
    const outcomes = await Promise.allSettled([
      decideDraft(racing, draft.id, { id: "a", name: "A" }, { action: "approve", text: "From A" }),
      decideDraft(racing, draft.id, { id: "b", name: "B" }, { action: "approve", text: "From B" }),
    ]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(["fulfilled", "rejected"]);
    const lost = outcomes.find((o) => o.status === "rejected") as PromiseRejectedResult;
    expect(lost.reason).toBeInstanceOf(AppError);
    expect((lost.reason as AppError).code).toBe("conflict");
    await eventually(async () => (await chat.messages()).messages.some((m) => m.role === "assistant"));
    await new Promise((r) => setTimeout(r, 100));
    expect((await chat.messages()).messages.filter((m) => m.role === "assistant")).toHaveLength(1);
  });

  it("an approval racing a rejection: exactly one decision lands", async () => {
    const { chat, draft } = await heldDraft(env.base);
    const [a, r] = await Promise.all([
      approve(draft.id, env.agentKey),
      call(env.base, "POST", `/api/agent/drafts/${draft.id}/reject`, { token: ADMIN_KEY, body: { reason: "wrong article" } }),
    ]);
    expect([a.status, r.status].sort()).toEqual([200, 409]);
    await new Promise((res) => setTimeout(res, 100));
    const roles = (await chat.messages()).messages.map((m) => m.role);
    expect(roles.filter((x) => x === "assistant").length + (roles.filter((x) => x === "system").length - 1)).toBe(1);
  });

  it("rejecting with a reason hands the conversation to a person and never sends the draft", async () => {
    const { chat, draft } = await heldDraft(env.base);
    const res = await call(env.base, "POST", `/api/agent/drafts/${draft.id}/reject`, { token: env.agentKey, body: { reason: "Outdated steps" } });
    expect(res.status).toBe(200);
    expect((res.json as { draft: DraftJson & { rejectReason: string } }).draft.rejectReason).toBe("Outdated steps");
    const after = await eventually(async () => {
      const m = await chat.messages();
      return m.status === "handed_off" ? m : undefined;
    });
    expect(after.messages.some((m) => m.text === draft.text)).toBe(false);
    expect(after.messages.at(-1)?.role).toBe("system");
    const bad = await call(env.base, "POST", `/api/agent/drafts/${(await heldDraft(env.base)).draft.id}/reject`, { token: env.agentKey, body: { reason: "" } });
    expect(bad.status).toBe(400);
  });
});

describe("agents working a conversation", () => {
  it("shows messages, turns (the trace) and drafts; replies go to the customer as the agent", async () => {
    const { chat } = await heldDraft(env.base);
    const detail = await call(env.base, "GET", `/api/agent/conversations/${chat.conversationId}`, { token: env.agentKey });
    const body = detail.json as { turns: Record<string, unknown>[]; drafts: unknown[]; messages: unknown[]; attachments: unknown[] };
    expect(body.turns).toHaveLength(1);
    for (const field of ["route", "reasons", "articles", "model", "effort", "inputTokens", "costUsd", "latencyMs", "ttftMs", "reasoningSummary"])
      expect(body.turns[0]).toHaveProperty(field);
    expect(body.drafts).toHaveLength(1);
    expect(Array.isArray(body.attachments)).toBe(true);

    const reply = await call(env.base, "POST", `/api/agent/conversations/${chat.conversationId}/messages`, {
      token: env.agentKey,
      body: { text: "Hi, Ada here." },
    });
    expect(reply.status).toBe(201);
    const seen = await chat.messages();
    expect(seen.messages.at(-1)).toMatchObject({ role: "agent", text: "Hi, Ada here." });
    const conv = await call(env.base, "GET", `/api/agent/conversations/${chat.conversationId}`, { token: env.agentKey });
    expect((conv.json as { conversation: { assigneeId: string } }).conversation.assigneeId).toBe(env.agentId);
  });

  it("while assigned the bot stays quiet; released, it answers what came in meanwhile and again after; resolve closes it", async () => {
    const { chat, draft } = await heldDraft(env.base);
    await approve(draft.id, env.agentKey);
    expect((await call(env.base, "POST", `/api/agent/conversations/${chat.conversationId}/assign`, { token: env.agentKey })).status).toBe(200);
    await chat.send("How do I change my email address?");
    const drafts = async () =>
      (
        (await call(env.base, "GET", `/api/agent/drafts?status=pending&conversationId=${chat.conversationId}`, { token: env.agentKey })).json as {
          drafts: unknown[];
        }
      ).drafts.length;
    await eventually(async () => {
      const c = await env.server.store.counts();
      return (c.queued ?? 0) === 0 && (c.running ?? 0) === 0;
    });
    expect(await drafts()).toBe(0);

    expect((await call(env.base, "POST", `/api/agent/conversations/${chat.conversationId}/release`, { token: env.agentKey })).status).toBe(200);
    await eventually(async () => (await drafts()) === 1);
    await chat.send("And how do I export my data?");
    await eventually(async () => (await drafts()) === 2);
    const resolved = await call(env.base, "POST", `/api/agent/conversations/${chat.conversationId}/resolve`, { token: env.agentKey });
    expect((resolved.json as { conversation: { status: string } }).conversation.status).toBe("resolved");
    const list = await call(env.base, "GET", "/api/agent/conversations?status=resolved&channel=web", { token: env.agentKey });
    expect((list.json as { conversations: { id: string }[] }).conversations.map((c) => c.id)).toContain(chat.conversationId);
    const audit = await call(env.base, "GET", `/api/admin/audit?entity=conversation&entityId=${chat.conversationId}`, { token: ADMIN_KEY });
    expect((audit.json as { audit: { action: string; actor: string }[] }).audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(["conversation.assign", "conversation.release", "conversation.resolve"]),
    );
  });

  it("handoff marks the conversation and tells the customer a person took over", async () => {
    const { chat } = await heldDraft(env.base);
    const res = await call(env.base, "POST", `/api/agent/conversations/${chat.conversationId}/handoff`, { token: env.agentKey, body: { reason: "VIP" } });
    expect((res.json as { conversation: { status: string; handoffReason: string } }).conversation).toMatchObject({
      status: "handed_off",
      handoffReason: "agent_handoff: VIP",
    });
    expect((await chat.messages()).status).toBe("handed_off");
  });

  it("serves a customer's image to staff only, and never serves other files as something a browser runs", async () => {
    const chat = await openChat(env.base);
    const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    await call(env.base, "POST", `/api/chat/conversations/${chat.conversationId}/messages`, {
      token: chat.customerToken,
      body: { text: "Here is my receipt", attachments: [{ filename: "receipt.png", contentType: "image/png", dataBase64: png.toString("base64") }] },
    });
    // Web chat refuses an SVG outright (415); other channels (email) store such files for agents.
    const deps = env.server.deps as CoreDeps;
    const conversation = await deps.store.getConversation(chat.conversationId);
    await ingestMessage(deps, conversation!, {
      text: "and this",
      attachments: [{ filename: "x.svg", contentType: "image/svg+xml", data: svg }],
      channelMessageId: "svg-1",
    });
    const detail = await eventually(async () => {
      const d = await call(env.base, "GET", `/api/agent/conversations/${chat.conversationId}`, { token: env.agentKey });
      const list = (d.json as { attachments: { id: string; filename: string; status: string }[] }).attachments;
      return list.length === 2 && list.every((x) => x.status !== "pending") ? list : undefined;
    }, 15_000);
    const a = detail.find((x) => x.filename === "receipt.png");
    const b = detail.find((x) => x.filename === "x.svg");
    const get = (id: string, token: string, conv = chat.conversationId) =>
      fetch(`${env.base}/api/agent/conversations/${conv}/attachments/${id}`, { headers: { authorization: `Bearer ${token}` } });
    const image = await get(a!.id, env.agentKey);
    expect(image.status).toBe(200);
    expect(image.headers.get("content-type")).toBe("image/png");
    // The intake re-encodes images without metadata: still a PNG, not necessarily the same bytes.
    expect(
      Buffer.from(await image.arrayBuffer())
        .subarray(1, 4)
        .toString(),
    ).toBe("PNG");
    const script = await get(b!.id, env.agentKey);
    expect(script.headers.get("content-type")).toBe("application/octet-stream");
    expect(script.headers.get("content-disposition")).toMatch(/^attachment/);
    expect(script.headers.get("x-content-type-options")).toBe("nosniff");
    expect((await get(a!.id, chat.customerToken)).status).toBe(403);
    const other = await heldDraft(env.base);
    expect((await get(a!.id, env.agentKey, other.chat.conversationId)).status).toBe(404);
  });

  it("rejects bad input with 400 and unknown ids with 404", async () => {
    const { chat } = await heldDraft(env.base);
    expect((await call(env.base, "POST", `/api/agent/conversations/${chat.conversationId}/messages`, { token: env.agentKey, body: { text: "" } })).status).toBe(
      400,
    );
    expect((await call(env.base, "POST", `/api/agent/conversations/${chat.conversationId}/messages`, { token: env.agentKey, body: { txt: "x" } })).status).toBe(
      400,
    );
    expect((await call(env.base, "GET", "/api/agent/conversations/nope", { token: env.agentKey })).status).toBe(404);
    expect((await call(env.base, "POST", "/api/agent/drafts/nope/approve", { token: env.agentKey, body: {} })).status).toBe(404);
    expect((await call(env.base, "GET", "/api/agent/conversations?status=bogus", { token: env.agentKey })).status).toBe(400);
  });
});

describe("admin stats", () => {
  it("counts conversations, handoffs and reasons, draft outcomes, cost and latency by channel and mode", async () => {
    const today = new Date().toISOString().slice(0, 10);
    const res = await call(env.base, "GET", `/api/admin/stats?from=${today}&to=${today}`, { token: ADMIN_KEY });
    expect(res.status).toBe(200);
    const s = res.json as {
      conversations: number;
      handoffs: number;
      handoffReasons: { reason: string; count: number }[];
      drafts: { approved: number; edited: number; rejected: number; pending: number };
      byChannel: Record<string, { conversations: number }>;
      byMode: Record<string, { turns: number; latencyP50Ms: number }>;
      latencyP50Ms: number;
      latencyP95Ms: number;
      costPerConversationUsd: number;
    };
    expect(s.conversations).toBeGreaterThan(5);
    expect(s.byChannel.web?.conversations).toBe(s.conversations);
    expect(s.drafts.edited).toBeGreaterThanOrEqual(2);
    expect(s.drafts.approved).toBeGreaterThanOrEqual(1);
    expect(s.drafts.rejected).toBeGreaterThanOrEqual(1);
    expect(s.handoffReasons.map((r) => r.reason)).toEqual(expect.arrayContaining(["draft_rejected", "agent_handoff"]));
    expect(s.byMode.offline?.turns).toBeGreaterThan(0);
    expect(s.latencyP95Ms).toBeGreaterThanOrEqual(s.latencyP50Ms);
    expect(s.costPerConversationUsd).toBe(0);

    const empty = await call(env.base, "GET", "/api/admin/stats?from=2001-01-01&to=2001-01-31", { token: ADMIN_KEY });
    expect((empty.json as { conversations: number }).conversations).toBe(0);
    expect((await call(env.base, "GET", "/api/admin/stats?from=yesterday", { token: ADMIN_KEY })).status).toBe(400);
    expect((await call(env.base, "GET", "/api/admin/stats?from=2026-02-01&to=2026-01-01", { token: ADMIN_KEY })).status).toBe(400);
  });
});
