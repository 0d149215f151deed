import { describe, expect, it } from "vitest";
import { renderMarkdown } from "../../src/channels/http/console/markdown.js";
import { SessionSigner } from "../../src/channels/http/console/session.js";
import { computeStats, percentile, reasonKey } from "../../src/core/stats/compute-stats.js";
import { lineDiff } from "../../src/core/text/line-diff.js";
import type { StatsData } from "../../src/ports/store.js";

describe("lineDiff", () => {
  it("marks added, removed and kept lines", () => {
    expect(lineDiff("a\nb\nc", "a\nc\nd")).toEqual([
      { op: "same", text: "a" },
      { op: "del", text: "b" },
      { op: "same", text: "c" },
      { op: "add", text: "d" },
    ]);
    expect(lineDiff("same", "same")).toEqual([{ op: "same", text: "same" }]);
  });
});

describe("renderMarkdown", () => {
  it("escapes markup and drops script links", () => {
    const html = renderMarkdown("# Hi <script>alert(1)</script>\n\n**bold** [x](javascript:alert(1)) [ok](https://a.example/?a=1&b=2) `<b>`");
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;");
    expect(html).not.toContain('href="javascript');
    expect(html).toContain('<a href="https://a.example/?a=1&amp;b=2"');
    expect(html).toContain("<strong>bold</strong>");
    expect(html).toContain("<code>&lt;b&gt;</code>");
  });
  it("links only http(s) and mailto with an explicit scheme, never relative or protocol-relative targets", () => {
    for (const href of ["//evil.test/x", "/\\evil.test", "/console/staff", "#top", "https:evil.test", "javascript:alert(1)", "data:text/html,x"])
      expect(renderMarkdown(`[click](${href})`), href).not.toContain("<a ");
    expect(renderMarkdown("[a](https://help.example/x) [b](http://h.example) [c](mailto:help@example.test)").match(/<a /g)).toHaveLength(3);
  });

  it("renders lists and code blocks", () => {
    expect(renderMarkdown("1. one\n2. two")).toBe("<ol><li>one</li><li>two</li></ol>");
    expect(renderMarkdown("```\n<x>\n```")).toBe("<pre><code>&lt;x&gt;</code></pre>");
  });
});

describe("SessionSigner", () => {
  it("accepts its own cookies and refuses forged, tampered or expired ones", async () => {
    const signer = new SessionSigner("s".repeat(32));
    const value = await signer.sign({ staffId: "a", exp: 2000, nonce: "n", sid: "s1" });
    expect(await signer.verify(value, 1000)).toEqual({ staffId: "a", exp: 2000, nonce: "n", sid: "s1" });
    expect(await signer.verify(value, 3000)).toBeNull();
    const [payload, mac] = value.split(".");
    const forged = btoa(JSON.stringify({ staffId: "bootstrap-admin", exp: 2000, nonce: "n", sid: "s1" })).replace(/=+$/, "");
    expect(await signer.verify(`${forged}.${mac}`, 1000)).toBeNull();
    expect(await new SessionSigner("t".repeat(32)).verify(value, 1000)).toBeNull();
    expect(await signer.verify(`${payload}.`, 1000)).toBeNull();
  });
});

describe("computeStats", () => {
  const data: StatsData = {
    conversations: [
      { id: "c1", channel: "web", status: "open", handoffReason: null, assigneeId: null, createdAt: Date.UTC(2026, 0, 1) },
      {
        id: "c2",
        channel: "email",
        status: "handed_off",
        handoffReason: "risk_topic:chargeback, weak_match:3<6",
        assigneeId: null,
        createdAt: Date.UTC(2026, 0, 1),
      },
      { id: "c3", channel: "web", status: "resolved", handoffReason: null, assigneeId: "s1", createdAt: Date.UTC(2026, 0, 2) },
      { id: "c4", channel: "web", status: "open", handoffReason: null, assigneeId: null, createdAt: Date.UTC(2026, 0, 2) },
    ],
    messages: [
      { id: "1", conversationId: "c1", role: "customer", authorId: null, createdAt: Date.UTC(2026, 0, 1) + 1, offersChoices: false },
      { id: "2", conversationId: "c1", role: "assistant", authorId: null, createdAt: Date.UTC(2026, 0, 1) + 2, offersChoices: false },
      { id: "3", conversationId: "c3", role: "customer", authorId: null, createdAt: Date.UTC(2026, 0, 1) + 3, offersChoices: false },
      { id: "4", conversationId: "c3", role: "assistant", authorId: "s1", createdAt: Date.UTC(2026, 0, 1) + 4, offersChoices: false },
      // c4: the customer wrote again after the bot's answer, so it is not an automated resolution.
      { id: "5", conversationId: "c4", role: "customer", authorId: null, createdAt: Date.UTC(2026, 0, 1) + 5, offersChoices: false },
      { id: "6", conversationId: "c4", role: "assistant", authorId: null, createdAt: Date.UTC(2026, 0, 1) + 6, offersChoices: false },
      { id: "7", conversationId: "c4", role: "customer", authorId: null, createdAt: Date.UTC(2026, 0, 1) + 7, offersChoices: false },
    ],
    turns: [
      { conversationId: "c1", route: "fast", costUsd: 0.01, latencyMs: 100, reasons: [] },
      { conversationId: "c2", route: "human", costUsd: 0, latencyMs: 5, reasons: [] },
      { conversationId: "c3", route: "high", costUsd: 0.05, latencyMs: 900, reasons: [] },
      { conversationId: "c4", route: "fast", costUsd: 0.02, latencyMs: 300, reasons: [] },
    ],
    drafts: [
      { conversationId: "c1", status: "sent", edited: false, decidedBy: "policy" },
      { conversationId: "c3", status: "sent", edited: true, decidedBy: "s1" },
      { conversationId: "c4", status: "rejected", edited: false, decidedBy: "s1" },
    ],
  };
  it("computes rates, reasons, costs and percentiles", () => {
    const s = computeStats(data, { from: Date.UTC(2026, 0, 1), to: Date.UTC(2026, 0, 3) });
    expect(s.conversations).toBe(4);
    expect(s.automatedResolutions).toBe(1);
    expect(s.automatedResolutionRate).toBe(0.25);
    expect(s.resolutions).toBe(2);
    expect(s.handoffRate).toBe(0.25);
    expect(s.handoffReasons).toEqual([
      { reason: "risk_topic:chargeback", count: 1 },
      { reason: "weak_match", count: 1 },
    ]);
    expect(s.drafts).toMatchObject({ autoSent: 1, edited: 1, approved: 0, rejected: 1 });
    expect(s.costPerConversationUsd).toBe(0.02);
    expect(s.costPerResolutionUsd).toBe(0.04);
    expect(s.latencyP50Ms).toBe(300);
    expect(s.latencyP95Ms).toBe(900);
    expect(s.byChannel.web).toMatchObject({ conversations: 3, automatedResolutions: 1 });
    expect(s.byMode.fast).toMatchObject({ turns: 2, latencyP50Ms: 100, latencyP95Ms: 300 });
    expect(s.daily.map((d) => d.date)).toEqual(["2026-01-01", "2026-01-02"]);
  });
  it("tells resolutions the customer confirmed from silent ones, once the silence has lasted a day", () => {
    const day = 24 * 3600_000;
    const t0 = Date.UTC(2026, 0, 1);
    const conversation = (id: string) => ({ id, channel: "web" as const, status: "open" as const, handoffReason: null, assigneeId: null, createdAt: t0 });
    const answered = (id: string, confirmedByCustomer: boolean): StatsData["messages"] => [
      { id: `${id}1`, conversationId: id, role: "customer", authorId: null, createdAt: t0, offersChoices: false },
      { id: `${id}2`, conversationId: id, role: "assistant", authorId: null, createdAt: t0 + 1, offersChoices: false },
      { id: `${id}3`, conversationId: id, role: "assistant", authorId: null, createdAt: t0 + 1, offersChoices: true },
      ...(confirmedByCustomer
        ? [
            { id: `${id}4`, conversationId: id, role: "customer" as const, authorId: null, createdAt: t0 + 2, offersChoices: false },
            { id: `${id}5`, conversationId: id, role: "assistant" as const, authorId: null, createdAt: t0 + 3, offersChoices: false },
          ]
        : []),
    ];
    const data: StatsData = {
      conversations: [conversation("a"), conversation("b"), conversation("c")],
      messages: [...answered("a", true), ...answered("b", false)],
      turns: [{ conversationId: "a", route: "offline", costUsd: 0, latencyMs: 5, reasons: ["customer_confirmed"] }],
      drafts: [],
    };
    const range = { from: t0, to: t0 + 2 * day };
    expect(computeStats(data, range, t0 + day / 2).customerResolutions).toEqual({ confirmed: 1, silent: 0, silentAfterHours: 24 });
    expect(computeStats(data, range, t0 + 2 * day).customerResolutions).toEqual({ confirmed: 1, silent: 1, silentAfterHours: 24 });
  });
  it("helpers", () => {
    expect(percentile([], 50)).toBeNull();
    expect(reasonKey("draft_rejected: wrong plan")).toBe("draft_rejected");
    expect(reasonKey("daily_budget_spent:1.2000")).toBe("daily_budget_spent");
  });
});
