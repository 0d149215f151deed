import { describe, expect, it } from "vitest";
import { choiceCandidates } from "../../src/core/choices/candidates.js";
import { pickChoice, pickConfirmation } from "../../src/core/choices/pick.js";
import { articleChoices, confirmChoices } from "../../src/core/choices/turn-choices.js";

const offered = articleChoices("en", true, [{ title: "Invoices and receipts" }, { title: "VAT and tax IDs" }]).choices;

describe("picking a choice", () => {
  it("takes the value or label, ignoring case and punctuation", () => {
    expect(pickChoice("invoices and receipts", offered)).toBe(0);
    expect(pickChoice("  VAT and tax IDs! ", offered)).toBe(1);
    expect(pickChoice("None of these", offered)).toBe(2);
  });

  it("takes the number of a numbered list, alone or leading a reply", () => {
    expect(pickChoice("2", offered)).toBe(1);
    expect(pickChoice("#1", offered)).toBe(0);
    expect(pickChoice("2. VAT please", offered)).toBe(1);
    expect(pickChoice("option 3", offered)).toBe(2);
    expect(pickChoice("7", offered)).toBeNull();
  });

  it("takes a reply that names one choice, and lets any other text lapse the choices", () => {
    expect(pickChoice("I meant Invoices and receipts, thanks", offered)).toBe(0);
    expect(pickChoice("how do I reset my password?", offered)).toBeNull();
  });

  it("reads yes and no to the confirmation in the customer's words too", () => {
    const yesNo = confirmChoices("en").choices;
    expect(pickConfirmation("Yes, thanks", yesNo)).toBe(0);
    expect(pickConfirmation("yes!", yesNo)).toBe(0);
    expect(pickConfirmation("Not really", yesNo)).toBe(1);
    expect(pickConfirmation("nope", yesNo)).toBe(1);
    expect(pickConfirmation("And how do I export my data?", yesNo)).toBeNull();
    expect(confirmChoices("es").choices.map((c) => c.value)).toEqual(["Sí, gracias", "No del todo"]);
  });
});

describe("choice candidates", () => {
  const hit = (title: string, score: number) => ({ title, score });

  it("offers the close hits whose titles are about the question, at most three", () => {
    const hits = [hit("Annual vs monthly billing", 2.67), hit("Billing plans overview", 2.66), hit("Free trial", 2.33), hit("Delete your account", 2.03)];
    expect(choiceCandidates("question about my bill", hits).map((h) => h.title)).toEqual(["Annual vs monthly billing", "Billing plans overview"]);
  });

  it("offers nothing when no close title shares a word with the question", () => {
    expect(choiceCandidates("my printer smells", [hit("Pair a card reader", 3), hit("Order hardware", 2.5)])).toEqual([]);
    expect(choiceCandidates("anything", [])).toEqual([]);
  });

  it("writes the choices as a numbered list where there are no buttons", () => {
    const email = articleChoices("en", false, [{ title: "Invoices and receipts" }, { title: "VAT and tax IDs" }]);
    expect(email.text).toMatch(/\n1\. Invoices and receipts\n2\. VAT and tax IDs\n3\. None of these$/);
    expect(email.choices).toHaveLength(3);
  });
});

describe("a single candidate", () => {
  it("is offered when its title names two of the question's words, not for one common word", () => {
    const hits = [
      { title: "Account locked after too many sign-in attempts", score: 7.5 },
      { title: "How to reset your password", score: 5.6 },
    ];
    expect(choiceCandidates("it says my password is wrong, how do I reset it?", hits).map((h) => h.title)).toEqual(["How to reset your password"]);
    expect(choiceCandidates("Do you sell espresso machines for my cafe?", [{ title: "Offline mode (selling without internet)", score: 3.7 }])).toEqual([]);
  });
});
