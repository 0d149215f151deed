// Characters that change how text around them is shown without being seen themselves: bidi
// embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) can make "gpj.exe" read as
// "exe.jpg"; zero-width and other format characters hide text. Joiners (U+200C, U+200D) and variation
// selectors stay: emoji and Persian need them. On staff screens each becomes
// a visible marker such as ⟨U+202E⟩, so what an agent reads is what the customer sent.
const INVISIBLE =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u061c\u115f\u1160\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\u3164\ufeff\ufff9-\ufffb]/gu;

const marker = (ch: string) => `⟨U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}⟩`;

/** Customer-supplied text for display to staff: invisible control characters shown as markers. */
export function visibleText(text: string): string {
  return text.replace(INVISIBLE, marker);
}
