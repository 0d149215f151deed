// Authentication-Results (RFC 8601) is an ordinary header: anyone can write one into a mail. Only
// the one our own receiving MTA prepends counts, and it is found by its authserv-id
// (EMAIL_TRUSTED_AUTHSERV_ID). The MTA prepends, so its header is the topmost with that id; copies
// further down (a forger writing our id, or another hop's results) are ignored.

export type AuthResult = "pass" | "fail" | "none" | "neutral" | "softfail" | "temperror" | "permerror" | "policy";

export type EmailAuthentication = {
  authservId: string;
  /** The DMARC result for the From domain, or null when the MTA reported none for it. */
  dmarc: AuthResult | null;
  spf: AuthResult | null;
  dkim: AuthResult | null;
};

const RESULTS = new Set<AuthResult>(["pass", "fail", "none", "neutral", "softfail", "temperror", "permerror", "policy"]);

/** Drops RFC 5322 comments "(…)", nested ones included, and folds whitespace. */
function withoutComments(value: string): string {
  let out = "";
  let depth = 0;
  for (const ch of value) {
    if (ch === "(") depth++;
    else if (ch === ")" && depth > 0) depth--;
    else if (depth === 0) out += ch;
  }
  return out.replace(/\s+/g, " ").trim();
}

type Resinfo = { method: string; result: string; props: Record<string, string> };

function parseHeader(value: string): { authservId: string; results: Resinfo[] } | null {
  const [head, ...rest] = withoutComments(value).split(";");
  const authservId = (head ?? "").trim().split(" ")[0]?.replace(/^"|"$/g, "").toLowerCase();
  if (!authservId) return null;
  const results: Resinfo[] = [];
  for (const part of rest) {
    const tokens = part.trim().split(" ").filter(Boolean);
    const [method, result] = (tokens[0] ?? "").split("=");
    if (!method || !result) continue;
    const props: Record<string, string> = {};
    for (const t of tokens.slice(1)) {
      const eq = t.indexOf("=");
      if (eq > 0) props[t.slice(0, eq).toLowerCase()] = t.slice(eq + 1).replace(/^"|"$/g, "");
    }
    results.push({ method: method.toLowerCase().split("/")[0] ?? "", result: result.toLowerCase(), props });
  }
  return { authservId, results };
}

const asResult = (r: string | undefined): AuthResult | null => (r && RESULTS.has(r as AuthResult) ? (r as AuthResult) : null);
const domainOf = (address: string) => address.split("@").pop()?.toLowerCase() ?? "";
/** DKIM/DMARC "header.from=example.com" may be a domain or an address. */
const sameDomain = (claimed: string | undefined, fromDomain: string) => !claimed || domainOf(claimed) === fromDomain;

/**
 * What our trusted MTA said about this mail's From address, or null when no header of ours is
 * there (or no authserv-id is configured): then nothing about the sender is proven either way.
 */
export function trustedAuthentication(headerValues: readonly string[], trustedAuthservId: string | undefined, fromAddress: string): EmailAuthentication | null {
  if (!trustedAuthservId) return null;
  const trusted = trustedAuthservId.toLowerCase();
  const header = headerValues.map(parseHeader).find((h) => h?.authservId === trusted);
  if (!header) return null;
  const fromDomain = domainOf(fromAddress);
  const first = (method: string, prop?: string) =>
    asResult(header.results.find((r) => r.method === method && (!prop || sameDomain(r.props[prop], fromDomain)))?.result);
  // A DMARC result for another domain than the one in From says nothing about this sender.
  return { authservId: trusted, dmarc: first("dmarc", "header.from"), spf: first("spf"), dkim: first("dkim", "header.d") };
}
