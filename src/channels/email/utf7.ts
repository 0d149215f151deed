// UTF-7 (RFC 2152) is not in the WHATWG Encoding Standard, so TextDecoder cannot read it; old
// Outlook versions still sent it. A run "+<modified base64>-" is UTF-16BE; "+-" is a plain "+".
export function decodeUtf7(input: string): string {
  return input.replace(/\+([A-Za-z0-9+/]*)-?/g, (match, b64: string) => {
    if (b64 === "") return match === "+-" ? "+" : match;
    const padded = b64 + "===".slice((b64.length + 3) % 4);
    let binary: string;
    try {
      binary = atob(padded);
    } catch {
      return match;
    }
    let out = "";
    for (let i = 0; i + 1 < binary.length; i += 2) out += String.fromCharCode((binary.charCodeAt(i) << 8) | binary.charCodeAt(i + 1));
    return out;
  });
}
