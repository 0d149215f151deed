// Pushes knowledge/*.md to a running frontdesk (Workers has no file system to import from):
//   FRONTDESK_URL=https://frontdesk.<you>.workers.dev ADMIN_API_KEY=... npm run kb:push
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArticleMarkdown } from "../src/adapters/kb/markdown.js";
import { MAX_SEED_ARTICLES } from "../src/channels/http/routes/kb-seed.js";

const url = process.env.FRONTDESK_URL;
const key = process.env.ADMIN_API_KEY;
const dir = process.env.KNOWLEDGE_DIR ?? "./knowledge";
if (!url || !key) {
  console.error("Set FRONTDESK_URL and ADMIN_API_KEY.");
  process.exit(2);
}
const articles = readdirSync(dir)
  .filter((f) => f.endsWith(".md") && f.toLowerCase() !== "readme.md")
  .sort()
  .map((f) => parseArticleMarkdown(readFileSync(join(dir, f), "utf8"), f));
const totals = { created: 0, updated: 0, unchanged: 0, keptConsoleEdits: [] as string[] };
for (let i = 0; i < articles.length; i += MAX_SEED_ARTICLES) {
  const res = await fetch(new URL("/api/admin/kb/seed", url), {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({ articles: articles.slice(i, i + MAX_SEED_ARTICLES) }),
  });
  if (!res.ok) {
    console.error(`kb:push failed at article ${i}: HTTP ${res.status} ${await res.text()}`);
    process.exit(1);
  }
  const r = (await res.json()) as typeof totals;
  totals.created += r.created;
  totals.updated += r.updated;
  totals.unchanged += r.unchanged;
  totals.keptConsoleEdits.push(...r.keptConsoleEdits);
}
console.log(`kb:push: ${articles.length} articles: ${JSON.stringify(totals)}`);
