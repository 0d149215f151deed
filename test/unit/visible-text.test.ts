import { describe, expect, it } from "vitest";
import { visibleText } from "../../src/core/text/visible-text.js";

describe("visibleText", () => {
  it("shows bidi overrides, isolates and zero-width characters as markers instead of obeying them", () => {
    expect(visibleText("invoice\u202Efdp.exe")).toBe("invoice⟨U+202E⟩fdp.exe");
    expect(visibleText("a\u2066b\u2069c\u200Bd\uFEFFe\u0007")).toBe("a⟨U+2066⟩b⟨U+2069⟩c⟨U+200B⟩d⟨U+FEFF⟩e⟨U+0007⟩");
  });
  it("leaves ordinary text, line breaks, right-to-left scripts and emoji alone", () => {
    const text = "Hello\n\tשלום مرحبا 👩\u200D💻 ❤\uFE0F café نمی\u200Cخواهم";
    expect(visibleText(text)).toBe(text);
  });
});
