import { drizzle } from "drizzle-orm/d1";
import type { Db, RunBatch } from "./db.js";
import * as schema from "./schema.js";

/** The structural D1 binding drizzle needs; keeps @cloudflare/workers-types out of shared code. */
export type D1Binding = Parameters<typeof drizzle>[0];

/**
 * D1 through drizzle. Migrations are not applied here: on Workers the deployer applies them with
 * `wrangler d1 migrations apply` (one applier per database, see README), never a request.
 */
export function openD1(binding: D1Binding): { db: Db; runBatch: RunBatch } {
  const db = drizzle(binding, { schema });
  const runBatch: RunBatch = async (statements) => {
    const [first, ...rest] = statements;
    if (!first) return;
    // db.batch() is D1's only atomic multi-statement write: one implicit transaction, all or nothing.
    await db.batch([first, ...rest]);
  };
  return { db: db as unknown as Db, runBatch };
}
