/**
 * The answer arrives as structured JSON; customers should see only its "text" field, as it grows.
 * This follows the raw JSON stream and emits decoded characters of the first top-level "text" string.
 * Strict structured output keeps the schema's key order, and the schema puts "text" first.
 */
export function textFieldStreamer(field: string, emit: (text: string) => void): (rawDelta: string) => void {
  let raw = "";
  let start = -1;
  let pos = 0;
  let done = false;
  const opener = new RegExp(`^\\s*\\{\\s*"${field}"\\s*:\\s*"`);
  return (delta: string) => {
    if (done) return;
    raw += delta;
    if (start < 0) {
      const m = opener.exec(raw);
      if (!m) {
        // The field is not first: give up streaming rather than show the wrong thing.
        if (raw.length > field.length + 16 && !/^\s*\{\s*"?[a-z_]*"?\s*:?\s*$/i.test(raw)) done = true;
        return;
      }
      start = m[0].length;
      pos = start;
    }
    let out = "";
    while (pos < raw.length) {
      const c = raw[pos]!;
      if (c === '"') {
        done = true;
        break;
      }
      if (c !== "\\") {
        out += c;
        pos++;
        continue;
      }
      const next = raw[pos + 1];
      if (next === undefined) break;
      if (next === "u") {
        const hex = raw.slice(pos + 2, pos + 6);
        if (hex.length < 4) break;
        out += String.fromCharCode(Number.parseInt(hex, 16));
        pos += 6;
        continue;
      }
      out += ({ n: "\n", t: "\t", r: "\r", b: "\b", f: "\f" } as Record<string, string>)[next] ?? next;
      pos += 2;
    }
    if (out) emit(out);
  };
}
