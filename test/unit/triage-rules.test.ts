import { describe, expect, it } from "vitest";
import { handoffNotice } from "../../src/core/texts/notices.js";
import { parseRiskTopics, triageRules } from "../../src/core/triage/rules.js";

describe("rule triage", () => {
  it.each([
    "I want to talk to a real person",
    "agent please",
    "Can I speak to a human?",
    "HUMAN",
    "no more bots, give me someone",
    "quiero hablar con una persona",
    "je veux parler à un humain",
    "Kann ich mit einem Mitarbeiter sprechen?",
  ])("hands off when the customer asks for a person: %s", (text) => {
    const t = triageRules(text);
    expect(t.humanRequested).toBe(true);
    expect(t.reasons).toContain("customer_asked_for_human");
  });

  it.each([
    ["I'll get my lawyer involved if this isn't fixed", "legal"],
    ["I'm going to dispute this charge with my bank", "chargeback"],
    ["got a chargback notice", "chargeback"],
    ["my account was hacked and someone changed my payout details", "account_compromise"],
    ["there are logins from Romania, that wasn't me", "account_compromise"],
    ["honestly I don't want to be alive anymore", "self_harm"],
  ])("flags risk topics: %s", (text, topic) => {
    expect(triageRules(text).risks).toContain(topic);
  });

  it.each([
    "How do I reset my password?",
    "Can you explain how the reverse charge VAT works on invoices?",
    "My agent account cannot see invoices",
    "What is the human-readable format of the export?",
  ])("leaves ordinary questions to the bot: %s", (text) => {
    const t = triageRules(text);
    expect(t.humanRequested).toBe(false);
    expect(t.risks).toEqual([]);
  });

  it("adds configured risk topics to the defaults", () => {
    const topics = parseRiskTopics("press:journalist|reporter;regulator:ombudsman");
    expect(triageRules("I am a journalist writing about this", topics).risks).toEqual(["press"]);
    expect(triageRules("I will write to the ombudsman", topics).risks).toEqual(["regulator"]);
    expect(triageRules("my lawyer says", topics).risks).toEqual(["legal"]);
  });

  it("tells the customer what happens next", () => {
    expect(handoffNotice(["customer_asked_for_human"])).toMatch(/person will reply right here/);
    expect(handoffNotice(["risk_topic:self_harm"])).toMatch(/emergency|crisis/);
  });
});
