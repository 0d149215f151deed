import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import type { Db, RunBatch } from "./db.js";
import * as schema from "./schema.js";

export const migrationsFolder = resolve(dirname(fileURLToPath(import.meta.url)), "../../../drizzle");

/**
 * Opens (creating if needed) the SQLite file in WAL mode and applies pending migrations. The busy timeout
 * blocks the event loop while another connection holds the write lock, so it is short: past it the
 * request fails with SQLITE_BUSY (503) and jobs retry later.
 */
export function openSqlite(path: string, opts: { busyTimeoutMs?: number } = {}) {
  if (path !== ":memory:") mkdirSync(dirname(resolve(path)), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma(`busy_timeout = ${Math.max(0, Math.floor(opts.busyTimeoutMs ?? 5000))}`);
  cacheStatements(sqlite);
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder });
  const runBatch: RunBatch = async (statements) => {
    sqlite.transaction(() => {
      for (const statement of statements) (statement as unknown as { run(): unknown }).run();
    })();
  };
  return { sqlite, db: db as unknown as Db, runBatch, close: () => sqlite.close() };
}

/**
 * drizzle prepares every query anew, and compiling SQL is a good part of a small query's cost
 * (bench/ingest.ts). better-sqlite3 statements are reusable and run synchronously, so one cached
 * statement per SQL text is safe; raw mode, which drizzle switches on for some reads, is reset.
 */
function cacheStatements(sqlite: Database.Database, max = 1000) {
  const prepare = sqlite.prepare.bind(sqlite);
  const cache = new Map<string, Database.Statement>();
  sqlite.prepare = ((source: string) => {
    const cached = cache.get(source);
    if (cached) {
      if (cached.reader) cached.raw(false);
      return cached;
    }
    const statement = prepare(source);
    if (cache.size >= max) cache.delete(cache.keys().next().value as string);
    cache.set(source, statement);
    return statement;
  }) as typeof sqlite.prepare;
}
