import { describe, expect, it } from "vitest";
import { offlineTriage } from "../../src/core/triage/offline-triage.js";

describe("offline triage", () => {
  it.each([
    "URGENT: our card reader stopped taking payments",
    "our whole shop is down, nobody can pay, please help ASAP",
    "We can't take any card payments since this morning",
    "you charged me twice for the same month",
    "Our payout never arrived and the money is missing",
    "¡Todo está caído, no podemos cobrar!",
    "Le site est en panne, impossible d'encaisser",
    "Das Kassensystem ist ausgefallen",
    "the terminal won't accept cards and there is a queue",
  ])("urgent: %s", (text) => {
    expect(offlineTriage(text).priority).toBe("urgent");
  });

  it.each(["please answer asap, I need the invoice for my accountant", "Es dringend, bitte"])("high: %s", (text) => {
    expect(offlineTriage(text).priority).toBe("high");
  });

  it.each(["How do I download all of my invoices?", "the app is slow on my old tablet", "Can I pay by direct debit?"])("normal: %s", (text) => {
    expect(offlineTriage(text).priority).toBe("normal");
  });

  it.each([
    ["This is ridiculous, third time I'm writing, absolutely unacceptable", "negative"],
    ["WHY IS NOTHING WORKING TODAY", "negative"],
    ["Estoy muy enfadado, es inaceptable", "negative"],
    ["thanks, that worked, great!", "positive"],
    ["Merci, parfait", "positive"],
    ["How do I reset my password?", "neutral"],
    ["not great, to be honest", "neutral"],
  ])("sentiment of %j is %s", (text, sentiment) => {
    expect(offlineTriage(text).sentiment).toBe(sentiment);
  });

  it("detects the language", () => {
    expect(offlineTriage("Hola, ¿cómo puedo descargar mis facturas?").language).toBe("es");
    expect(offlineTriage("Bonjour, comment puis-je télécharger mes factures ?").language).toBe("fr");
  });
});
