import { describe, expect, it } from "vitest";
import { trustedAuthentication } from "../../src/channels/email/authentication-results.js";

const MTA = "mx.example.net";

describe("trustedAuthentication", () => {
  it("reads SPF, DKIM and DMARC from our MTA's header, comments and versions included", () => {
    const header = `${MTA} 1; spf=pass (sender IP is 192.0.2.1) smtp.mailfrom=shop.test; dkim=pass (2048-bit key) header.d=shop.test header.s=s1; dmarc=pass (p=REJECT sp=REJECT) header.from=shop.test`;
    expect(trustedAuthentication([header], MTA, "ann@shop.test")).toEqual({ authservId: MTA, dmarc: "pass", spf: "pass", dkim: "pass" });
  });

  it("believes only the topmost header with our authserv-id, and none from other servers", () => {
    const ours = `${MTA}; dmarc=fail header.from=shop.test`;
    const forgedBelow = `${MTA}; dmarc=pass header.from=shop.test`;
    const otherServer = "mx.attacker.test; dmarc=pass header.from=shop.test";
    expect(trustedAuthentication([otherServer, ours, forgedBelow], MTA, "ann@shop.test")?.dmarc).toBe("fail");
    expect(trustedAuthentication([otherServer], MTA, "ann@shop.test")).toBeNull();
    expect(trustedAuthentication([ours], undefined, "ann@shop.test")).toBeNull();
  });

  it("ignores a DMARC or DKIM result for a domain other than the From address's", () => {
    const header = `${MTA.toUpperCase()}; dkim=pass header.d=mailer.test; dmarc=pass header.from=other.test; spf=none`;
    expect(trustedAuthentication([header], MTA, "ann@shop.test")).toEqual({ authservId: MTA, dmarc: null, spf: "none", dkim: null });
  });

  it("treats 'none' and junk as no result rather than a pass", () => {
    expect(trustedAuthentication([`${MTA}; none`], MTA, "a@b.test")).toEqual({ authservId: MTA, dmarc: null, spf: null, dkim: null });
    expect(trustedAuthentication([`${MTA}; dmarc=excellent header.from=b.test`], MTA, "a@b.test")?.dmarc).toBeNull();
  });
});
