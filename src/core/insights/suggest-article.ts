const GREETING = /^(hi|hello|hey|dear|good (morning|afternoon|evening))\b[^.?!\n]{0,40}[,!.]?\s*$/i;
const SIGN_OFF = /^(thanks|thank you|many thanks|best|best regards|kind regards|regards|cheers|all the best|sincerely)\b[^\n]{0,30}$/i;

/** An agent's reply without its greeting line and everything from the sign-off on: the answer itself. */
export function replyCore(text: string): string {
  const lines = text.replace(/\r\n/g, "\n").split("\n");
  while (lines.length && (lines[0]?.trim() === "" || GREETING.test(lines[0]?.trim() ?? ""))) lines.shift();
  const end = lines.findIndex((l) => SIGN_OFF.test(l.trim()));
  return (end >= 0 ? lines.slice(0, end) : lines).join("\n").trim();
}

const normal = (t: string) =>
  t
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();

/**
 * The offline suggestion for a gap: the agents' own answers, cleaned and deduplicated (an answer
 * repeated, or contained in a longer one, appears once), longest first. Null when no agent answered.
 */
export function suggestArticle(title: string, replies: string[]): { title: string; body: string } | null {
  const cores = [...new Set(replies.map(replyCore).filter((r) => r.length >= 20))].sort((a, b) => b.length - a.length);
  const kept: string[] = [];
  for (const c of cores) if (!kept.some((k) => normal(k).includes(normal(c)))) kept.push(c);
  if (kept.length === 0) return null;
  return { title, body: kept.join("\n\n") };
}
