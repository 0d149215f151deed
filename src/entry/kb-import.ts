import { importKnowledgeDir } from "../adapters/kb/import-dir.js";
import { readImportSource } from "../adapters/kb/import-source.js";
import { openSqlite } from "../adapters/storage/sqlite-node.js";
import { createStore } from "../adapters/storage/store.js";
import { ConfigError, parseSettings } from "../config/settings.js";
import { type ImportReport, syncImportedArticles } from "../core/knowledge/import-sync.js";

/**
 * `npm run kb:import [-- <export file or folder>] [--dry-run]`: without a source, knowledge/*.md as
 * at start-up; with one, a Zendesk/Intercom/Freshdesk JSON export or a folder of HTML or markdown
 * files, matched on each article's id there (docs/knowledge-import.md).
 */
const progress = (done: number, total: number) => {
  const width = 30;
  const filled = Math.round((done / Math.max(total, 1)) * width);
  process.stderr.write(`\r[${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total}`);
};

function printReport(r: ImportReport) {
  const would = r.dryRun ? "would be " : "";
  console.log(
    `${r.dryRun ? "Dry run of" : "Imported"} ${r.source}: ${r.created.length} ${would}new, ${r.updated.length} ${would}updated, ${r.unchanged} unchanged, ${r.archived.length} ${would}archived.`,
  );
  for (const [label, slugs] of [
    ["new", r.created],
    ["updated", r.updated],
    ["archived (gone from the source)", r.archived],
    ["kept console edits (source changes not applied)", r.keptConsoleEdits],
  ] as const)
    if (slugs.length) console.log(`  ${label}: ${slugs.join(", ")}`);
  for (const u of r.unreadable) console.error(`could not read ${u.item}: ${u.reason}`);
}

try {
  const settings = parseSettings(process.env);
  const args = process.argv.slice(2);
  const dryRun = args.includes("--dry-run");
  const path = args.find((a) => !a.startsWith("--"));
  const sqlite = openSqlite(settings.DATABASE_PATH);
  const store = createStore(sqlite.db, sqlite.runBatch);
  let failed: boolean;
  if (!path) {
    const report = await importKnowledgeDir(store, settings.KNOWLEDGE_DIR, progress);
    process.stderr.write("\n");
    console.log(`Imported ${settings.KNOWLEDGE_DIR}: ${report.created} new, ${report.updated} updated, ${report.unchanged} unchanged.`);
    if (report.keptConsoleEdits.length) console.log(`Kept console edits (file changes not applied): ${report.keptConsoleEdits.join(", ")}`);
    for (const error of report.errors) console.error(`error: ${error}`);
    failed = report.errors.length > 0;
  } else {
    const source = readImportSource(path);
    const report = await syncImportedArticles(store, { ...source, dryRun, now: Date.now() }, progress);
    process.stderr.write("\n");
    printReport(report);
    failed = source.articles.length === 0 && report.unreadable.length > 0;
  }
  sqlite.close();
  process.exit(failed ? 1 : 0);
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(2);
}
