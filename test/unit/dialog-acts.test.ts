import { describe, expect, it } from "vitest";
import { type DialogActKind, dialogAct, isFragment } from "../../src/core/dialog/acts.js";

const cases: [string, DialogActKind, string][] = [
  // greetings alone, every catalogue language
  ["hi", "greeting", ""],
  ["Hello there!", "greeting", ""],
  ["Good morning", "greeting", ""],
  ["hey 👋", "greeting", ""],
  ["Hi, how are you?", "greeting", ""],
  ["Hola, buenos días", "greeting", ""],
  ["Bonjour !", "greeting", ""],
  ["Guten Tag", "greeting", ""],
  ["Olá, tudo bem?", "greeting", ""],
  ["Buongiorno", "greeting", ""],
  ["Goedemorgen allemaal", "greeting", ""],
  // a greeting inside a real question is not searched
  ["Hi, how do I reset my password?", "question", "how do I reset my password?"],
  ["Hi, how do I reset my password? Thanks, Casey", "question", "how do I reset my password?"],
  ["hello how do i export my invoices", "question", "how do i export my invoices"],
  ["Hello team,\n\nI can't find the export button, where is it?\n\nBest regards,\nAnna Smith", "question", "I can't find the export button, where is it?"],
  ["Hola, ¿cómo cambio mi contraseña? Gracias", "question", "¿cómo cambio mi contraseña?"],
  ["Bonjour, comment changer mon mot de passe ? Merci d'avance", "question", "comment changer mon mot de passe ?"],
  ["Hallo, wie ändere ich mein Passwort?\nViele Grüße\nJonas", "question", "wie ändere ich mein Passwort?"],
  ["Oi, como altero minha senha? Obrigada", "question", "como altero minha senha?"],
  ["Ciao, come cambio la password? Grazie mille", "question", "come cambio la password?"],
  ["Hoi, hoe wijzig ik mijn wachtwoord? Met vriendelijke groet, Sanne", "question", "hoe wijzig ik mijn wachtwoord?"],
  ["my invoice is wrong, please help\n\nSent from my iPhone", "question", "my invoice is wrong, please help"],
  // thanks, closings, resolved
  ["thanks", "thanks", ""],
  ["Thank you so much!", "thanks", ""],
  ["muchas gracias", "thanks", ""],
  ["merci beaucoup", "thanks", ""],
  ["Danke schön", "thanks", ""],
  ["ok bye", "closing", ""],
  ["goodbye", "closing", ""],
  ["tschüss", "closing", ""],
  ["thanks, that worked!", "resolved", ""],
  ["That worked, thanks!", "resolved", ""],
  ["it works now :)", "resolved", ""],
  ["¡Funcionó, gracias!", "resolved", ""],
  ["ça marche, merci", "resolved", ""],
  ["Es hat funktioniert, danke", "resolved", ""],
  ["funcionou, obrigado", "resolved", ""],
  ["ha funzionato, grazie", "resolved", ""],
  ["het werkt nu, bedankt", "resolved", ""],
  // didn't help keeps what follows for the next search
  ["that didn't help, I never get the reset email", "didnt_help", "I never get the reset email"],
  ["still broken", "didnt_help", ""],
  ["I tried that but it still doesn't work", "didnt_help", "I tried that but it still doesn't work"],
  ["no me ayudó", "didnt_help", ""],
  ["ça n'a pas aidé", "didnt_help", ""],
  ["das hat nicht geholfen", "didnt_help", ""],
  ["não ajudou", "didnt_help", ""],
  ["non ha funzionato", "didnt_help", ""],
  ["werkt nog steeds niet", "didnt_help", ""],
  // yes / no
  ["yes", "affirm", ""],
  ["Yes please", "affirm", ""],
  ["sí", "affirm", ""],
  ["oui", "affirm", ""],
  ["ja", "affirm", ""],
  ["no", "negate", ""],
  ["nope", "negate", ""],
  ["nein", "negate", ""],
  ["não", "negate", ""],
  // plain questions and statements
  ["How do I reset my password?", "question", "How do I reset my password?"],
  ["I can't log in", "statement", "I can't log in"],
  ["which plan is best", "question", "which plan is best"],
  ["My card reader stopped taking payments", "statement", "My card reader stopped taking payments"],
];

describe("dialogAct", () => {
  it.each(cases)("%j → %s", (text, kind, rest) => {
    expect(dialogAct(text)).toEqual({ kind, rest });
  });

  it("keeps a sign-off that is part of the sentence", () => {
    expect(dialogAct("Is the best plan the yearly one?").rest).toBe("Is the best plan the yearly one?");
    expect(dialogAct("Thanks for the refund, but when will it arrive?")).toEqual({ kind: "question", rest: "Thanks for the refund, but when will it arrive?" });
  });
});

describe("isFragment", () => {
  it.each([
    ["hi", true],
    ["Hallo!", true],
    ["I can't log in", true],
    ["about my invoice:", true],
    ["it says my password is wrong, how do I reset it?", false],
    ["How do I reset my password?", false],
    ["thanks, that worked!", false],
    ["yes", false],
    ["Hi, how do I reset my password? Thanks, Casey", false],
    ["I ordered a card reader three weeks ago and it still has not arrived at my shop address", false],
  ])("%j → %s", (text, expected) => {
    expect(isFragment(text)).toBe(expected);
  });
});
