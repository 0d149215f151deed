import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { signSlackRequest, verifySlackSignature } from "../../src/channels/slack/verify-signature.js";
import { repoRoot } from "../helpers/harness.js";

type Vector = { name: string; signing_secret: string; timestamp: string; body: string; body_file?: string; expected_signature: string };
const dir = join(repoRoot, "test/fixtures/slack");
const vectors = JSON.parse(readFileSync(join(dir, "signing_vectors.json"), "utf8")) as Vector[];

const check = (v: Vector, over: Partial<{ body: string; signature: string | null; timestamp: string; nowMs: number }> = {}) =>
  verifySlackSignature({
    signingSecret: v.signing_secret,
    timestamp: over.timestamp ?? v.timestamp,
    signature: over.signature === undefined ? v.expected_signature : over.signature,
    rawBody: over.body ?? v.body,
    nowMs: over.nowMs ?? Number(v.timestamp) * 1000,
  });

describe("Slack request signatures", () => {
  it.each(vectors)("accepts Slack's published vector $name", async (v) => {
    expect(await check(v)).toEqual({ ok: true });
    expect(await signSlackRequest(v.signing_secret, v.timestamp, v.body)).toBe(v.expected_signature);
  });

  it("verifies the docs vector over the raw body file byte for byte", async () => {
    const v = vectors[0]!;
    const body = readFileSync(join(dir, v.body_file!), "utf8");
    expect(await check(v, { body })).toEqual({ ok: true });
  });

  it("refuses a body with anything appended", async () => {
    expect(await check(vectors[0]!, { body: `${vectors[0]!.body}------` })).toEqual({ ok: false, reason: "bad_signature" });
  });

  it("refuses a timestamp more than five minutes old, or ahead", async () => {
    const v = vectors[0]!;
    const t = Number(v.timestamp) * 1000;
    expect(await check(v, { nowMs: t + 5 * 60_000 })).toEqual({ ok: true });
    expect(await check(v, { nowMs: t + 5 * 60_000 + 1000 })).toEqual({ ok: false, reason: "stale_timestamp" });
    expect(await check(v, { nowMs: t - 6 * 60_000 })).toEqual({ ok: false, reason: "stale_timestamp" });
  });

  it("refuses missing, malformed and mismatched signatures", async () => {
    const v = vectors[1]!;
    expect(await check(v, { signature: null })).toEqual({ ok: false, reason: "missing_headers" });
    expect(await check(v, { timestamp: "bad" })).toEqual({ ok: false, reason: "malformed_timestamp" });
    expect(await check(v, { signature: v.expected_signature.slice(3) })).toEqual({ ok: false, reason: "malformed_signature" });
    expect(await check(v, { signature: "v0=bad0bad0bad0bad0bad0bad0bad0bad0bad0bad0bad0bad0bad0bad0bad0bad0" })).toEqual({
      ok: false,
      reason: "bad_signature",
    });
    expect(await check(v, { signature: "v0=zz" })).toEqual({ ok: false, reason: "malformed_signature" });
  });

  it("refuses a right signature made with another secret", async () => {
    const v = vectors[1]!;
    const signature = await signSlackRequest("another-secret", v.timestamp, v.body);
    expect(await check(v, { signature })).toEqual({ ok: false, reason: "bad_signature" });
  });
});
