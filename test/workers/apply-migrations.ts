import { applyD1Migrations, env } from "cloudflare:test";

// The same migrations `wrangler d1 migrations apply` runs, FTS5 virtual table and triggers included.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
