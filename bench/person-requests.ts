import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { handoffNotice } from "../src/core/texts/notices.js";
import { triageRules } from "../src/core/triage/rules.js";

/**
 * `npx tsx bench/person-requests.ts <bitext.csv> [--show]`: how well requests for a person are told
 * apart from everything else, on a CSV with `instruction` and `intent` columns (bitext's layout).
 * A request for a person counts only when its handoff notice is the one that promises a person.
 */
const [file, ...flags] = process.argv.slice(2);
if (!file) {
  console.error("usage: tsx bench/person-requests.ts <file.csv> [--show]");
  process.exit(2);
}
const rows = parse(readFileSync(file), { columns: true, skip_empty_lines: true }) as { instruction: string; intent: string }[];
const PERSON_INTENT = "contact_human_agent";
const rightNotice = handoffNotice(["customer_asked_for_human"]);
const byIntent = new Map<string, { total: number; flagged: number; examples: string[] }>();
for (const row of rows) {
  const rules = triageRules(row.instruction);
  const flagged = rules.humanRequested && handoffNotice(rules.reasons) === rightNotice;
  const entry = byIntent.get(row.intent) ?? { total: 0, flagged: 0, examples: [] };
  entry.total++;
  if (flagged) entry.flagged++;
  if (flagged !== (row.intent === PERSON_INTENT)) entry.examples.push(row.instruction);
  byIntent.set(row.intent, entry);
}
const person = byIntent.get(PERSON_INTENT) ?? { total: 0, flagged: 0, examples: [] };
let otherTotal = 0;
let otherFlagged = 0;
for (const [intent, e] of byIntent) {
  if (intent === PERSON_INTENT) continue;
  otherTotal += e.total;
  otherFlagged += e.flagged;
}
console.log(`requests for a person handed off with the person notice: ${person.flagged}/${person.total} = ${(person.flagged / person.total).toFixed(3)}`);
console.log(`other intents flagged as a request for a person: ${otherFlagged}/${otherTotal} = ${(otherFlagged / otherTotal).toFixed(4)}`);
for (const [intent, e] of [...byIntent].sort((a, b) => b[1].flagged - a[1].flagged)) {
  if (intent !== PERSON_INTENT && e.flagged > 0) console.log(`  ${intent}: ${e.flagged}/${e.total}`);
}
if (flags.includes("--show"))
  for (const [intent, e] of byIntent) for (const x of e.examples) console.log(`${intent === PERSON_INTENT ? "MISSED" : "FALSE "} ${intent}\t${x}`);
