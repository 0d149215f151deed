import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openChat, startTestServer } from "../helpers/harness.js";

// Bounded property runs: enough to find parser and validation holes, small enough for CI.
const RUNS = 120;
let server: Awaited<ReturnType<typeof startTestServer>>;
let chat: Awaited<ReturnType<typeof openChat>>;
let tried = 0;

beforeAll(async () => {
  server = await startTestServer();
  chat = await openChat(server.url);
});
afterAll(async () => {
  await server.stop();
  console.info(`fuzz: ${tried} hostile requests, no 5xx`);
});

const customerMessages = async () => (await chat.messages()).messages.filter((m) => m.role === "customer").length;

async function post(path: string, body: BodyInit, headers: Record<string, string>) {
  tried++;
  const res = await fetch(server.url + path, { method: "POST", body, headers: { authorization: `Bearer ${chat.customerToken}`, ...headers } });
  const text = await res.text();
  return { status: res.status, text };
}

function expectCleanRejection(res: { status: number; text: string }) {
  expect(res.status).toBeLessThan(500);
  if (res.status >= 400)
    expect(JSON.parse(res.text)).toMatchObject({ error: { code: expect.any(String), message: expect.any(String), requestId: expect.any(String) } });
}

describe("hostile input on public endpoints: 4xx, never 5xx, nothing stored half-way", () => {
  it("survives arbitrary JSON values as a message body", async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 6 }), async (value) => {
        const before = await customerMessages();
        const res = await post(`/api/chat/conversations/${chat.conversationId}/messages`, JSON.stringify(value), { "content-type": "application/json" });
        expectCleanRejection(res);
        if (res.status >= 400) expect(await customerMessages()).toBe(before);
      }),
      { numRuns: RUNS },
    );
  });

  it("survives malformed JSON, invalid UTF-8 and deep nesting", async () => {
    const deep = `${"[".repeat(5000)}${"]".repeat(5000)}`;
    const deepObject = `{"text":"hi","attachments":${"[".repeat(3000)}${"]".repeat(3000)}}`;
    const samples: (string | Uint8Array)[] = [deep, deepObject, '{"text": "\\ud800"}', '{"text":', "\u0000", "{}}", '{"text":"a"}garbage'];
    samples.push(new Uint8Array([0x7b, 0x22, 0x74, 0x65, 0x78, 0x74, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d]));
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.constantFrom(...samples), fc.string({ maxLength: 300 }), fc.uint8Array({ maxLength: 300 })), async (body) => {
        const before = await customerMessages();
        const res = await post(`/api/chat/conversations/${chat.conversationId}/messages`, body as BodyInit, { "content-type": "application/json" });
        expectCleanRejection(res);
        if (res.status >= 400) expect(await customerMessages()).toBe(before);
      }),
      { numRuns: RUNS },
    );
  });

  it("survives malformed multipart bodies and hostile file names", async () => {
    const boundary = "----fuzzboundary";
    const names = fc.oneof(
      fc.constantFrom("../../etc/passwd", "..\\..\\win.ini", "a\u0000b.png", "<script>alert(1)</script>.png", "x".repeat(400), "%2e%2e%2fsecret"),
      fc.string({ maxLength: 40 }),
    );
    await fc.assert(
      fc.asyncProperty(names, fc.string({ maxLength: 200 }), fc.boolean(), async (filename, junk, truncate) => {
        let body = `--${boundary}\r\nContent-Disposition: form-data; name="text"\r\n\r\n${junk}\r\n--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${filename}"\r\nContent-Type: image/png\r\n\r\n\u0089PNG...\r\n--${boundary}--\r\n`;
        if (truncate) body = body.slice(0, Math.max(10, body.length / 2));
        const res = await post(`/api/chat/conversations/${chat.conversationId}/messages`, body, {
          "content-type": `multipart/form-data; boundary=${boundary}`,
        });
        expectCleanRejection(res);
      }),
      { numRuns: RUNS },
    );
    const stored = await server.store.listAttachments(chat.conversationId);
    for (const a of stored) expect(a.filename?.length ?? 0).toBeLessThanOrEqual(255);
  });

  it("refuses a body over the size limit before reading it whole", async () => {
    const huge = JSON.stringify({ text: "x".repeat(17 * 1024 * 1024) });
    const res = await post(`/api/chat/conversations/${chat.conversationId}/messages`, huge, { "content-type": "application/json" });
    expect(res.status).toBe(413);
    expectCleanRejection(res);
  });

  it("treats any query string as a search, never an error", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 500 }), fc.oneof(fc.constant(undefined), fc.string({ maxLength: 5 })), async (q, limit) => {
        tried++;
        const params = new URLSearchParams({ q, ...(limit === undefined ? {} : { limit }) });
        const res = await fetch(`${server.url}/api/kb/search?${params}`);
        expectCleanRejection({ status: res.status, text: await res.text() });
      }),
      { numRuns: RUNS },
    );
  });

  it("accepts hostile names on a new conversation without storing them half-way", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          {
            name: fc.oneof(fc.string({ maxLength: 300 }), fc.constant("<img src=x onerror=alert(1)>")),
            email: fc.oneof(fc.emailAddress(), fc.string({ maxLength: 30 })),
          },
          { requiredKeys: [] },
        ),
        async (body) => {
          tried++;
          const res = await fetch(`${server.url}/api/chat/conversations`, {
            method: "POST",
            body: JSON.stringify(body),
            headers: { "content-type": "application/json" },
          });
          expectCleanRejection({ status: res.status, text: await res.text() });
        },
      ),
      { numRuns: RUNS },
    );
  });
});
