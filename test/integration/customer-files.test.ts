import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postMail, rawMail } from "../helpers/email.js";
import { call, eventually, openChat, startTestServer } from "../helpers/harness.js";
import { solidPng } from "../helpers/images.js";

const ADMIN = "files-admin-key-0123456789abcdef";
const SECRET = "files-inbound-secret";

describe("customer files served to staff", () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    server = await startTestServer({ ADMIN_API_KEY: ADMIN, EMAIL_INBOUND_SECRET: SECRET, OCR_ENABLED: "false" });
  });
  afterAll(async () => server?.stop());

  const fetchFile = (conversationId: string, attachmentId: string) =>
    fetch(`${server.url}/api/agent/conversations/${conversationId}/attachments/${attachmentId}`, { headers: { authorization: `Bearer ${ADMIN}` } });

  it("keeps the sandbox CSP and nosniff on a re-encoded image, shown inline", async () => {
    const chat = await openChat(server.url);
    const png = await solidPng(40, 30);
    const sent = await call(server.url, "POST", `/api/chat/conversations/${chat.conversationId}/messages`, {
      token: chat.customerToken,
      body: { text: "screenshot", attachments: [{ filename: "shot.png", contentType: "image/png", dataBase64: png.toString("base64") }] },
    });
    expect(sent.status).toBe(202);
    const attachment = await eventually(async () => (await server.store.listAttachments(chat.conversationId)).find((a) => a.status === "processed"));
    const res = await fetchFile(chat.conversationId, attachment.id);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-security-policy")).toBe("default-src 'none'; sandbox");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("content-disposition")).toMatch(/^inline;/);
  });

  it("keeps an email's original.eml for agents as a sandboxed download, without an unreadable-attachment note", async () => {
    const mail = await postMail(
      server.url,
      SECRET,
      rawMail({ from: "nina@shop.test", subject: "Question", messageId: "n1@shop.test", body: "How do I reset my password?" }),
    );
    expect(mail.status).toBe(202);
    await eventually(() => server.store.getTurnByMessage(mail.json.messageId!).then((t) => t ?? undefined));
    const original = (await server.store.listAttachments(mail.json.conversationId!)).find((a) => a.filename === "original.eml");
    expect(original?.status).toBe("stored");
    const messages = await server.store.listMessages(mail.json.conversationId!);
    expect(messages.some((m) => m.text.includes("couldn't read"))).toBe(false);
    const res = await fetchFile(mail.json.conversationId!, original!.id);
    expect(res.headers.get("content-security-policy")).toBe("default-src 'none'; sandbox");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment;/);
    expect(res.headers.get("content-type")).toBe("application/octet-stream");
  });
});
