import { describe, expect, it } from "vitest";
import { handoffNotice } from "../../src/core/texts/notices.js";
import { asksForPerson } from "../../src/core/triage/person-request.js";
import { triageRules } from "../../src/core/triage/rules.js";

describe("requests for a person", () => {
  it.each([
    // the phrasings that got "I couldn't find a reliable answer" before
    "I want help talking with an agent",
    "wanna contact somebody",
    "I am trying to speak with an assistant",
    "could I chat with a live agent?",
    "can I talkk to somone?",
    "how to speak tosomebody",
    "i need help contacting an operator",
    "transfer me to a representitive please",
    "is there someone I can talk to?",
    "I need a human",
    // other catalogue languages
    "Quiero hablar con una persona",
    "¿Puedo hablar con un agente?",
    "Je voudrais parler à un conseiller",
    "Ich möchte mit einem Menschen sprechen",
    "Quero falar com um atendente",
    "Vorrei parlare con un operatore",
    "Kan ik met een medewerker praten?",
  ])("%s", (text) => {
    expect(asksForPerson(text) || triageRules(text).humanRequested).toBe(true);
    expect(handoffNotice(triageRules(text).reasons)).toMatch(/A person will reply/);
  });

  it.each([
    "How do I reset my password?",
    "How do I add a new agent to my team?",
    "My agent account cannot see invoices",
    "I need assistance correcting my address",
    "how can I speak with customer assistance?",
    "someone logged into my account",
    "what are your support hours?",
    "I got a call from someone claiming to be you",
  ])("not a request for a person: %s", (text) => {
    expect(asksForPerson(text)).toBe(false);
  });
});
