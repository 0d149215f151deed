import { describe, expect, it } from "vitest";
import { decideMatch, distinctiveTitleWords } from "../../src/core/responders/match-decision.js";

const hit = (slug: string, title: string, score: number) => ({ slug, title, score });
const thresholds = { minScore: 7, minMargin: 2 };

describe("decideMatch", () => {
  it("answers on the score rule: a strong score far ahead of the runner-up", () => {
    const hits = [hit("shipping", "Shipping times and costs", 12), hit("order", "Ordering hardware", 5)];
    expect(decideMatch("how long does delivery to canada take", hits, thresholds)).toMatchObject({ kind: "answer", hit: { slug: "shipping" } });
  });

  it("answers on the title rule when the top title names the question's distinctive words", () => {
    const hits = [hit("reset-password", "How to reset your password", 5.6), hit("account-locked", "Account locked after too many sign-in attempts", 4.9)];
    expect(decideMatch("How do I reset my password?", hits, thresholds)).toMatchObject({ kind: "answer", hit: { slug: "reset-password" } });
  });

  it("does not answer on a brand name every candidate's title shares", () => {
    // The old title rule answered this with the top hit: "facebook" and "account" are in its title.
    const hits = [
      hit("die", "What happens to your Facebook account when you die?", 6.1),
      hit("delete", "How do I delete a Facebook page?", 5.2),
      hit("pages", "Facebook pages for a business account", 3.0),
    ];
    expect(distinctiveTitleWords("remove facebook account", hits)).toEqual([]);
    expect(decideMatch("remove facebook account", hits, thresholds).kind).not.toBe("answer");
  });

  it("does not answer when only one title word is distinctive in a longer question", () => {
    const hits = [hit("remove", "Remove Dropbox access from a computer", 6), hit("two", "Using two Dropbox accounts side by side", 5)];
    expect(decideMatch("more than one dropbox account per computer", hits, thresholds).kind).not.toBe("answer");
  });

  it("answers when the top title holds more of the question's words than any rival title, none of them its own", () => {
    const hits = [hit("export-contacts", "Export Gmail contacts", 5), hit("sync", "Gmail contacts sync", 4.4), hit("export-mail", "Export Gmail messages", 4)];
    expect(distinctiveTitleWords("export my gmail contacts to a csv file", hits)).toEqual([]);
    expect(decideMatch("export my gmail contacts to a csv file", hits, thresholds)).toMatchObject({ kind: "answer", hit: { slug: "export-contacts" } });
  });

  it("offers the 2–3 close candidates when it cannot tell them apart", () => {
    const hits = [hit("a", "Payout schedule", 6), hit("b", "Payouts to a bank transfer account", 5), hit("c", "Tax forms", 1)];
    const decision = decideMatch("when is my payout sent", hits, thresholds);
    expect(decision).toMatchObject({ kind: "ambiguous", candidates: [{ slug: "a" }, { slug: "b" }] });
  });

  it("says none, not ambiguous, when no title shares a distinctive word with the question", () => {
    const hits = [hit("a", "Payouts schedule", 6), hit("b", "Bank transfers", 5)];
    expect(decideMatch("when is money sent", hits, thresholds)).toMatchObject({ kind: "none", reason: "weak_match:6.00<7.0" });
  });

  it("says none with no hits at all", () => {
    expect(decideMatch("do you sell coffee beans", [], thresholds)).toEqual({ kind: "none", reason: "no_matching_article" });
  });
});

describe("decideMatch on long messages", () => {
  const ticket =
    "Urgent: our cloud servers are down. Dear support team, we are experiencing a major outage affecting the database cluster, monitoring dashboards, deployment pipeline and customer portal since this morning; please investigate immediately and send status updates.";

  it("does not answer a long message on a score that only its length made high", () => {
    const hits = [hit("outages", "Service outages and the status page", 13), hit("api", "Create and manage API keys", 5)];
    expect(decideMatch(ticket, hits, thresholds).kind).not.toBe("answer");
  });

  it("does not answer a long message because two of its many words are in a title", () => {
    const hits = [hit("outages", "Service outages and the status page", 6), hit("contact", "Contact support", 5)];
    expect(decideMatch(ticket, hits, thresholds).kind).not.toBe("answer");
  });

  it("still answers a short question with the same score and titles", () => {
    const hits = [hit("outages", "Service outages and the status page", 13), hit("api", "Create and manage API keys", 5)];
    expect(decideMatch("is there an outage right now", hits, thresholds)).toMatchObject({ kind: "answer", hit: { slug: "outages" } });
    expect(
      decideMatch(
        "where is the status page for outages",
        [hit("outages", "Service outages and the status page", 6), hit("contact", "Contact support", 5)],
        thresholds,
      ),
    ).toMatchObject({ kind: "answer" });
  });
});

describe("decideMatch on an article's example questions", () => {
  const refund = { ...hit("refund-policy", "Refund policy for subscriptions", 4), questions: ["I was charged and want my money back"] };
  const unsubscribe = { ...hit("cancel", "Cancel your subscription", 4), questions: ["how do I unsubscribe"] };

  it("answers when the message covers most of one example question and the title names none of it", () => {
    const hits = [refund, hit("payouts", "Payout schedule", 3.5)];
    expect(decideMatch("you charged me twice, I want my money back", hits, thresholds)).toMatchObject({
      kind: "answer",
      hit: { slug: "refund-policy" },
      reason: "question_match:refund-policy:1.00",
    });
  });

  it("does not answer on a one-word example question matched by one word", () => {
    const hits = [unsubscribe, hit("newsletter-faq", "Email preferences", 3.9)];
    expect(decideMatch("unsubscribe me from the newsletter", hits, thresholds).kind).not.toBe("answer");
  });

  it("does not answer when a rival's example question is matched as well", () => {
    const rival = { ...hit("chargebacks", "Chargebacks and disputes", 3.8), questions: ["charged twice, money back please"] };
    expect(decideMatch("you charged me twice, I want my money back", [refund, rival], thresholds).kind).not.toBe("answer");
  });
});
