import { describe, expect, it } from "vitest";
import { textFieldStreamer } from "../../src/core/llm/stream-text.js";

function feed(pieces: string[]) {
  const out: string[] = [];
  const push = textFieldStreamer("text", (t) => out.push(t));
  for (const p of pieces) push(p);
  return out.join("");
}

describe("streaming the text field of a JSON answer", () => {
  it("emits only the decoded text, even when escapes are split across chunks", () => {
    const json = JSON.stringify({ text: 'Line one\nSay "hi" — café \\ done', citations: ["x"], confidence: 1 });
    const pieces = json.match(/.{1,3}/gs) ?? [];
    expect(feed(pieces)).toBe('Line one\nSay "hi" — café \\ done');
  });

  it("decodes \\u escapes", () => {
    expect(feed(['{"text":"caf', "\\u00", 'e9!","x":1}'])).toBe("café!");
  });

  it("shows nothing when the text field is not first, rather than the wrong field", () => {
    expect(feed(['{"citations":["a"],', '"text":"hello"}'])).toBe("");
  });
});
