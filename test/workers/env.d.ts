import type { D1Migration } from "cloudflare:test";
import type { WorkerEnv } from "../../src/entry/worker.js";

declare global {
  namespace Cloudflare {
    interface Env extends WorkerEnv {
      TEST_MIGRATIONS: D1Migration[];
    }
  }
}
