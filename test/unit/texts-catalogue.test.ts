import { describe, expect, it } from "vitest";
import { CATALOGUE_LANGUAGES, pickLanguage, systemText, TEXT_KEYS } from "../../src/core/texts/catalogue.js";
import { handoffNotice, rejectedFilesNotice } from "../../src/core/texts/notices.js";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("text catalogue", () => {
  it("ships every key in every language, translated, with the same placeholders as English", () => {
    for (const language of CATALOGUE_LANGUAGES) {
      for (const key of TEXT_KEYS) {
        const text = systemText(key, language);
        expect(text.trim(), `${language} ${key}`).not.toBe("");
        expect(placeholders(text), `${language} ${key}`).toEqual(placeholders(systemText(key, "en")));
        if (language !== "en") expect(text, `${language} ${key} is still English`).not.toBe(systemText(key, "en"));
      }
    }
  });

  it("answers in the detected language when the profile offers it, else in the profile's first", () => {
    expect(pickLanguage("es", ["en", "es"])).toBe("es");
    expect(pickLanguage("pt-BR", ["pt", "en"])).toBe("pt");
    expect(pickLanguage("DE", ["en", "de"])).toBe("de");
    // Shipped but not offered by this workspace, or not shipped at all (Japanese).
    expect(pickLanguage("fr", ["de", "en"])).toBe("de");
    expect(pickLanguage("ja", ["nl", "en"])).toBe("nl");
    expect(pickLanguage(undefined, ["it"])).toBe("it");
    // A profile naming only languages we do not ship still gets a full catalogue.
    expect(pickLanguage("ja", ["ja"])).toBe("en");
    expect(pickLanguage("fr", [])).toBe("fr");
  });

  it("fills placeholders, keeps unknown ones visible and prefers the workspace's override", () => {
    expect(systemText("hours.back_weekday", "en", { day: "Monday", time: "09:00", zone: "CET" })).toBe(
      "Our team is away right now and back on Monday at 09:00 (CET); a person will reply right here then.",
    );
    expect(systemText("hours.reply_within", "de", { duration: "30 Minuten" })).toBe("Eine Person antwortet Ihnen hier, in der Regel innerhalb von 30 Minuten.");
    const overrides = { es: { "review.pending": "Un momento, {who} revisa la respuesta." } };
    expect(systemText("review.pending", "es", { who: "Ana" }, overrides)).toBe("Un momento, Ana revisa la respuesta.");
    expect(systemText("review.pending", "es", {}, overrides)).toBe("Un momento, {who} revisa la respuesta.");
    // The override is for Spanish only; an empty override does not blank the text.
    expect(systemText("review.pending", "fr", undefined, overrides)).toMatch(/^Merci — j'ai préparé une réponse/);
    expect(systemText("review.pending", "en", undefined, { en: { "review.pending": "  " } })).toMatch(/^Thanks — I've drafted/);
  });

  it("builds the handoff notice in the customer's language, with the reply time only where it belongs", () => {
    const when = systemText("hours.back_tomorrow", "fr", { time: "09:00", zone: "UTC+1" });
    const asked = handoffNotice(["customer_asked_for_human"], { language: "fr", when });
    expect(asked).toBe(`${systemText("handoff.customer_asked", "fr")} ${when}`);
    expect(handoffNotice(["weak_match:1<6"], { language: "nl" })).toBe(`${systemText("handoff.no_answer", "nl")} ${systemText("hours.reply_soon", "nl")}`);
    expect(handoffNotice(["risk_topic:self_harm"], { language: "es", when })).toBe(systemText("handoff.self_harm", "es"));
    expect(handoffNotice(["model_error:timeout"])).toMatch(/^Sorry — something went wrong on our side/);
  });

  it("says which files could not be read, by their rejection code", () => {
    expect(rejectedFilesNotice([{ filename: "cut.jpg", code: "unreadable" }], { language: "de" })).toBe(
      "Mit Ihrem Anhang gab es ein Problem. Wir konnten cut.jpg nicht öffnen; die Datei scheint beschädigt oder unvollständig zu sein. Bitte senden Sie sie noch einmal.",
    );
    const two = rejectedFilesNotice([
      { filename: "a.heic", code: "unsupported_type" },
      { filename: null, code: "something_new" },
    ]);
    expect(two).toMatch(/^There was a problem with 2 of your attachments\. We can only read PNG, JPEG, WebP or GIF images, so we couldn't open a\.heic/);
    expect(two).toMatch(/Something went wrong while reading your file\./);
  });
});
