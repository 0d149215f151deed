import { describe, expect, it } from "vitest";
import { detectLanguage } from "../../src/core/text/language.js";

describe("detectLanguage", () => {
  it.each([
    ["I cannot log in to my account since this morning, can you help?", "en"],
    ["No puedo acceder a mi cuenta desde esta mañana, ¿me pueden ayudar?", "es"],
    ["Je n'arrive plus à me connecter à mon compte depuis ce matin.", "fr"],
    ["Ich kann mich seit heute Morgen nicht mehr in mein Konto einloggen.", "de"],
    ["Não consigo entrar na minha conta desde hoje de manhã.", "pt"],
    ["Non riesco ad accedere al mio account da stamattina.", "it"],
    ["Ik kan sinds vanochtend niet meer inloggen op mijn account.", "nl"],
  ])("names the language of a support message: %s", (text, language) => {
    const detected = detectLanguage(text);
    expect(detected?.language).toBe(language);
    expect(detected?.confidence).toBeGreaterThanOrEqual(0.5);
  });

  it.each([
    ["buenos días", "es"],
    ["gracias", "es"],
    ["bonjour", "fr"],
    ["hi there", "en"],
    ["obrigado", "pt"],
    ["grazie", "it"],
  ])("reads a one- or two-word greeting: %s", (text, language) => {
    expect(detectLanguage(text)?.language).toBe(language);
  });

  it("says nothing rather than guess on a near tie between two languages", () => {
    // "dank je" scores the same for Dutch and German: no answer beats a wrong one.
    expect(detectLanguage("dank je")).toBeUndefined();
  });

  it.each(["", "  ", "?", "12345", "👍", "a"])("says nothing for text without words: %j", (text) => {
    expect(detectLanguage(text)).toBeUndefined();
  });

  it("ignores links and addresses when reading the words around them", () => {
    const detected = detectLanguage("Bonjour, ma facture https://example.test/invoices/2026/INV-0042 est fausse, écrivez à compta@example.test");
    expect(detected?.language).toBe("fr");
  });
});
