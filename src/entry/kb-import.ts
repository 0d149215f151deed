import { importKnowledgeDir } from "../adapters/kb/import-dir.js";
import { openSqlite } from "../adapters/storage/sqlite-node.js";
import { createStore } from "../adapters/storage/store.js";
import { ConfigError, parseSettings } from "../config/settings.js";

/** `npm run kb:import [-- <dir>]`: imports knowledge/*.md into the database, idempotently. */
try {
  const settings = parseSettings(process.env);
  const dir = process.argv[2] ?? settings.KNOWLEDGE_DIR;
  const sqlite = openSqlite(settings.DATABASE_PATH);
  const store = createStore(sqlite.db, sqlite.runBatch);
  const report = await importKnowledgeDir(store, dir, (done, total) => {
    const width = 30;
    const filled = Math.round((done / total) * width);
    process.stderr.write(`\r[${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total}`);
  });
  process.stderr.write("\n");
  console.log(`Imported ${dir}: ${report.created} new, ${report.updated} updated, ${report.unchanged} unchanged.`);
  if (report.keptConsoleEdits.length) console.log(`Kept console edits (file changes not applied): ${report.keptConsoleEdits.join(", ")}`);
  for (const error of report.errors) console.error(`error: ${error}`);
  sqlite.close();
  process.exit(report.errors.length ? 1 : 0);
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(2);
}
