import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";

// The same migrations `wrangler d1 migrations apply` runs, FTS5 virtual table and triggers included.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
