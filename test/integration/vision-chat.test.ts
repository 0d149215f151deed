import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Extracted } from "../../src/core/attachments/read-attachment.js";
import { MODEL_TABLE } from "../../src/core/llm/models.js";
import type { Attachment } from "../../src/core/types.js";
import { defaultReply, type FakeRequest, startFakeOpenAI } from "../helpers/fake-openai.js";
import { call, eventually, openChat, startTestServer } from "../helpers/harness.js";
import { RECEIPT_LINES, textImage } from "../helpers/images.js";

type Server = Awaited<ReturnType<typeof startTestServer>>;
const VISION_FORMAT = "image_reading";
const VISION_MODEL = "gpt-4o-mini";
const ADMIN = "admin-key-for-vision-tests-0123456789";

const reading = {
  kind: "receipt",
  description: "A café receipt paid by Visa.",
  errorCodes: [],
  receipt: {
    merchant: "Corner Cafe Ltd",
    date: "2025-11-02",
    total: "11.20",
    currency: "GBP",
    tax: "1.87",
    cardLast4: "1234",
    orderNumber: "A-20931",
    lineItems: [{ description: "Flat white", quantity: 2, amount: "7.00" }],
  },
};

async function sendReceipt(server: Server, text = "was I charged twice?") {
  const chat = await openChat(server.url);
  const png = await textImage(RECEIPT_LINES);
  const res = await call(server.url, "POST", `/api/chat/conversations/${chat.conversationId}/messages`, {
    token: chat.customerToken,
    body: { text, attachments: [{ filename: "receipt.png", contentType: "image/png", dataBase64: png.toString("base64") }] },
  });
  expect(res.status).toBe(202);
  const attachment = await eventually(async () => {
    const [a] = await server.store.listAttachments(chat.conversationId);
    return a && a.status !== "pending" ? a : undefined;
  }, 40_000);
  const turn = await eventually(async () => (await server.store.getTurnByMessage(attachment.messageId)) ?? undefined, 40_000);
  return { chat, attachment, turn };
}

const ex = (a: Attachment) => a.extracted as unknown as Extracted;

// Each image goes through the real OCR engine: on a loaded machine that takes seconds, not a timing claim.
const SLOW = { timeout: 90_000 };

describe("vision on Chat Completions (LLM_API=chat)", SLOW, () => {
  let openai: Awaited<ReturnType<typeof startFakeOpenAI>>;
  let server: Server;
  const visionCalls = () => openai.accepted().filter((r) => r.format === VISION_FORMAT);
  beforeAll(async () => {
    openai = await startFakeOpenAI({ handler: (req: FakeRequest) => (req.format === VISION_FORMAT ? { json: reading } : defaultReply(req)) });
    server = await startTestServer({
      OPENAI_API_KEY: "sk-test",
      OPENAI_BASE_URL: openai.url,
      LLM_API: "chat",
      VISION_MODEL,
      LLM_MAX_RETRIES: "0",
      ADMIN_API_KEY: ADMIN,
    });
  });
  afterAll(async () => {
    await server?.stop();
    await openai?.close();
  });

  it("sends the image as an image_url part with a strict schema and reads the receipt from the answer", async () => {
    const { attachment } = await sendReceipt(server);
    expect(openai.rejected()).toEqual([]);
    expect(visionCalls()).toHaveLength(1);
    const req = visionCalls()[0] as FakeRequest;
    expect(req.endpoint).toBe("chat");
    const user = (req.body.messages as { role: string; content: { type: string; image_url?: { url: string; detail: string } }[] }[]).find(
      (m) => m.role === "user",
    );
    const image = user?.content.find((p) => p.type === "image_url");
    expect(image?.image_url?.url).toMatch(/^data:image\/png;base64,/);
    expect(req.body.response_format).toMatchObject({ type: "json_schema", json_schema: { name: VISION_FORMAT, strict: true } });
    // gpt-4o-mini takes no reasoning effort; sending one would be refused.
    expect(req.body.reasoning_effort).toBeUndefined();
    expect(ex(attachment).receipt?.total).toMatchObject({ value: "11.20", source: "model" });
    expect(ex(attachment).model?.calls[0]).toMatchObject({ api: "chat", model: VISION_MODEL, ok: true });
  });

  it("prices the vision call from the price table and counts it in the turn's cost and the stats", async () => {
    openai.reset();
    const { attachment, turn } = await sendReceipt(server, "receipt attached");
    const call0 = ex(attachment).model?.calls[0];
    const price = MODEL_TABLE[VISION_MODEL] as { input: number; output: number };
    expect(call0?.inputTokens).toBeGreaterThan(85);
    expect(call0?.costUsd).toBeCloseTo((call0!.inputTokens * price.input + call0!.outputTokens * price.output) / 1e6, 12);
    const vision = turn.calls.filter((c) => c.purpose === "vision");
    expect(vision).toHaveLength(1);
    expect(vision[0]?.costUsd).toBe(call0?.costUsd);
    expect(turn.costUsd).toBeGreaterThanOrEqual(Math.round((call0?.costUsd ?? 0) * 1e6) / 1e6);
    expect(turn.costUsd).toBeGreaterThan(0);
    const today = new Date().toISOString().slice(0, 10);
    const stats = await call(server.url, "GET", `/api/admin/stats?from=${today}&to=${today}`, { token: ADMIN });
    const turns = [...(await server.store.listTurns(turn.conversationId))];
    expect((stats.json as { costUsd: number }).costUsd).toBeGreaterThanOrEqual(turns.reduce((s, t) => s + t.costUsd, 0) - 1e-6);
  });
});

describe("vision and DAILY_BUDGET_USD", SLOW, () => {
  it("counts the vision spend against the budget and reads later images offline once it is spent", async () => {
    const openai = await startFakeOpenAI({ handler: (req: FakeRequest) => (req.format === VISION_FORMAT ? { json: reading } : defaultReply(req)) });
    // Below the price of one vision call: only vision spend can exhaust it before the second message.
    const server = await startTestServer({
      OPENAI_API_KEY: "sk-test",
      OPENAI_BASE_URL: openai.url,
      LLM_API: "chat",
      VISION_MODEL,
      LLM_MAX_RETRIES: "0",
      DAILY_BUDGET_USD: "0.000001",
    });
    try {
      const first = await sendReceipt(server);
      expect(first.turn.calls.some((c) => c.purpose === "vision" && c.costUsd > 0)).toBe(true);
      const visionBefore = openai.accepted().filter((r) => r.format === VISION_FORMAT).length;
      const second = await sendReceipt(server, "another one");
      expect(openai.accepted().filter((r) => r.format === VISION_FORMAT).length).toBe(visionBefore);
      expect(ex(second.attachment).model).toBeUndefined();
      expect(ex(second.attachment).receipt?.total).toMatchObject({ value: "11.20", source: "ocr" });
      expect(second.turn.reasons[0]).toMatch(/^daily_budget_spent:/);
    } finally {
      await server.stop();
      await openai.close();
    }
  });
});
