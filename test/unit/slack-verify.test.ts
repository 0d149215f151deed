import { describe, expect, it } from "vitest";
import { verifySlackSignature } from "../../src/channels/slack/verify.js";

// Slack's documented vector and a second public one (see ../shared/fixtures/slack/signing_vectors.json).
const docs = {
  signingSecret: "8f742231b10e8888abcd99yyyzzz85a5",
  timestamp: "1531420618",
  signature: "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503",
  rawBody:
    "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c",
  now: 1531420618_000,
};
const mercury = {
  signingSecret: "SIGNING_SECRET",
  timestamp: "1665615887",
  signature: "v0=f7f0a2f48ae5fe2c923813af0a7c7636396fea6e03edb3d73580a99cd1913575",
  rawBody: "{}",
  now: Date.parse("2022-10-12T23:05:00Z"),
};

describe("verifySlackSignature (Web Crypto)", () => {
  it("accepts Slack's published test vectors", async () => {
    expect(await verifySlackSignature(docs)).toEqual({ ok: true });
    expect(await verifySlackSignature(mercury)).toEqual({ ok: true });
  });

  it("rejects a changed body, a signature without the v0= prefix and a malformed timestamp", async () => {
    expect(await verifySlackSignature({ ...docs, rawBody: `${docs.rawBody}------` })).toEqual({ ok: false, reason: "bad_signature" });
    expect(await verifySlackSignature({ ...mercury, signature: mercury.signature.slice(3) })).toEqual({ ok: false, reason: "bad_signature" });
    expect(await verifySlackSignature({ ...mercury, timestamp: "bad" })).toEqual({ ok: false, reason: "missing_headers" });
    expect(await verifySlackSignature({ ...mercury, signature: undefined })).toEqual({ ok: false, reason: "missing_headers" });
  });

  it("rejects a request older than five minutes, even with a valid signature", async () => {
    expect(await verifySlackSignature({ ...docs, now: docs.now + 300_000 })).toEqual({ ok: true });
    expect(await verifySlackSignature({ ...docs, now: docs.now + 301_000 })).toEqual({ ok: false, reason: "stale_timestamp" });
    expect(await verifySlackSignature({ ...docs, now: docs.now - 301_000 })).toEqual({ ok: false, reason: "stale_timestamp" });
  });
});
