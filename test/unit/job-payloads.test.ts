import { describe, expect, it } from "vitest";
import { jobPayload } from "../../src/core/jobs/payloads.js";
import type { Job } from "../../src/core/types.js";

const job = (kind: string, payload: Record<string, unknown>): Job => ({ id: "j1", kind, payload, attempts: 1, runAt: 0 });

describe("job payloads", () => {
  it("reads a well-formed payload for its kind", () => {
    expect(jobPayload("turn", job("turn", { conversationId: "c1", messageId: "m1" }))).toEqual({ conversationId: "c1", messageId: "m1" });
    expect(jobPayload("draft_held", job("draft_held", { draftId: "d1" }))).toEqual({ draftId: "d1" });
  });

  it("fails a malformed payload with the job, its kind and the field in the message", () => {
    expect(() => jobPayload("turn", job("turn", { messageId: "m1" }))).toThrow(/job j1 \(turn\) has a malformed payload: conversationId/);
    // A hand-back turn names no message: it answers whatever is pending.
    expect(jobPayload("turn", job("turn", { conversationId: "c1" }))).toEqual({ conversationId: "c1" });
    expect(() => jobPayload("deliver", job("deliver", { outboxId: 42 }))).toThrow(/outboxId/);
  });
});
