// Characters that change how text around them is shown without being seen themselves: bidi
// embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) can make "gpj.exe" read as
// "exe.jpg"; zero-width, tag and other format characters hide text. On staff screens each control
// (Cc) or format (Cf) character, and the Hangul fillers that render as blank space, becomes a
// visible marker such as ⟨U+202E⟩, so what an agent reads is what the customer sent. Line breaks,
// tabs and the joiners emoji and Persian need (U+200C, U+200D) stay.
const INVISIBLE = /[\p{Cc}\p{Cf}\u115f\u1160\u3164]/gu;
const KEPT = new Set(["\n", "\r", "\t", "\u200c", "\u200d"]);

const marker = (ch: string) => `⟨U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}⟩`;

/** Customer-supplied text for display to staff: invisible control characters shown as markers. */
export function visibleText(text: string): string {
  return text.replace(INVISIBLE, (ch) => (KEPT.has(ch) ? ch : marker(ch)));
}
