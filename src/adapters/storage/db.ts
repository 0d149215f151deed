import type { BatchItem } from "drizzle-orm/batch";
import type { BaseSQLiteDatabase } from "drizzle-orm/sqlite-core";
import type * as schema from "./schema.js";

/** Either driver: better-sqlite3 (sync, Node) or D1 (async, Workers). Shared code only awaits. */
// biome-ignore lint/suspicious/noExplicitAny: the run-result type differs per driver.
export type Db = BaseSQLiteDatabase<"sync" | "async", any, typeof schema>;

/**
 * Runs statements atomically. D1 has `db.batch()`; better-sqlite3 wraps them in a transaction.
 * Shared code never opens an interactive transaction (D1 has none), so each write is one batch.
 */
export type RunBatch = (statements: BatchItem<"sqlite">[]) => Promise<void>;
