// Reply and forward prefixes as mail clients in many languages write them, e.g. "Re:", "AW:",
// "Fwd:", "SV:", "RE[2]:", "Re^3:", "回复:", and list tags like "[support]" in front of them.
const PREFIX =
  /^\s*(?:\[[^\]]{1,40}\]\s*)?(?:re|aw|sv|vs|fw|fwd|wg|tr|rv|ri|r|enc|antw|antwort|odp|res|ynt|vl|ref|réf|rif|doorst|πρθ|απ|σχετ|回复|回覆|答复|转发|轉寄|返信|転送|fw?d?)\s*(?:\[\d+\]|\^\d+|\(\d+\))?\s*[:：]\s*/iu;

/** The subject without reply/forward prefixes, whitespace folded and lower-cased: a threading key. */
export function normalizeSubject(subject: string | null | undefined): string {
  let s = (subject ?? "").replace(/\s+/g, " ").trim();
  for (let i = 0; i < 20; i++) {
    const next = s.replace(PREFIX, "").trim();
    if (next === s) break;
    s = next;
  }
  return s.replace(/^\[[^\]]{1,40}\]\s*/, "").toLowerCase();
}

/** "Re: <original>", keeping the customer's wording but never stacking prefixes. */
export function replySubject(subject: string | null | undefined): string {
  let s = (subject ?? "").replace(/\s+/g, " ").trim();
  for (let i = 0; i < 20; i++) {
    const next = s.replace(PREFIX, "").trim();
    if (next === s) break;
    s = next;
  }
  return s ? `Re: ${s}` : "Re: your message";
}
