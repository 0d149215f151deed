import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, eventually, openChat } from "../helpers/harness.js";
import { ADMIN_KEY, startStaffServer } from "../helpers/staff.js";

let env: Awaited<ReturnType<typeof startStaffServer>>;
beforeAll(async () => {
  env = await startStaffServer();
});
afterAll(() => env.server.stop());

describe("a contact's data on request", () => {
  it("lets an admin export and then erase everything about a contact, and logs who did it", async () => {
    const chat = await openChat(env.base, { name: "Bea Souza", email: "bea@example.com" });
    await chat.send("How do I export my data?");
    await eventually(async () => (await chat.messages()).messages.length >= 2);
    const conversation = await env.server.store.getConversation(chat.conversationId);
    const contactId = conversation!.contactId!;

    expect((await call(env.base, "POST", `/api/admin/contacts/${contactId}/export`, { token: env.agentKey })).status).toBe(403);
    expect((await call(env.base, "POST", `/api/admin/contacts/${contactId}/export`, { token: chat.customerToken })).status).toBe(403);
    const exported = await call(env.base, "POST", `/api/admin/contacts/${contactId}/export`, { token: ADMIN_KEY });
    expect(exported.status).toBe(200);
    expect(exported.headers.get("content-disposition")).toContain(`contact-${contactId}.json`);
    const data = exported.json as { contact: { email: string }; conversations: { messages: { text: string }[] }[] };
    expect(data.contact.email).toBe("bea@example.com");
    expect(data.conversations[0]?.messages[0]?.text).toBe("How do I export my data?");

    expect((await call(env.base, "DELETE", `/api/admin/contacts/${contactId}`, { token: env.agentKey })).status).toBe(403);
    expect((await call(env.base, "DELETE", `/api/admin/contacts/${contactId}`, { token: ADMIN_KEY })).status).toBe(204);
    expect((await call(env.base, "DELETE", `/api/admin/contacts/${contactId}`, { token: ADMIN_KEY })).status).toBe(404);
    expect((await call(env.base, "POST", `/api/admin/contacts/${contactId}/export`, { token: ADMIN_KEY })).status).toBe(404);
    expect((await call(env.base, "GET", `/api/agent/conversations/${chat.conversationId}`, { token: env.agentKey })).status).toBe(404);
    // The customer's own token no longer opens anything either.
    expect((await call(env.base, "GET", `/api/chat/conversations/${chat.conversationId}/messages`, { token: chat.customerToken })).status).toBe(404);

    const audit = await call(env.base, "GET", `/api/admin/audit?entity=contact&entityId=${contactId}`, { token: ADMIN_KEY });
    const actions = (audit.json as { audit: { action: string; actor: string; detail?: unknown }[] }).audit.map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["contact.exported", "contact.deleted"]));
    expect(JSON.stringify(audit.json)).not.toContain("bea@example.com");
  });
});
