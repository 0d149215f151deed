import { sql } from "drizzle-orm";
import type { Store } from "../../ports/store.js";
import { articleRepo } from "./article-repo.js";
import { conversationRepo } from "./conversation-repo.js";
import type { Db, RunBatch } from "./db.js";
import { emailRepo } from "./email-repo.js";
import { insightsRepo } from "./insights-repo.js";
import { jobRepo } from "./job-repo.js";
import { privacyRepo } from "./privacy-repo.js";
import { profileRepo } from "./profile-repo.js";
import { staffRepo } from "./staff-repo.js";

/** The Store port over drizzle, for either driver. */
export function createStore(db: Db, runBatch: RunBatch): Store {
  return {
    ...conversationRepo(db, runBatch),
    ...jobRepo(db),
    ...articleRepo(db, runBatch),
    ...staffRepo(db, runBatch),
    ...privacyRepo(db, runBatch),
    ...emailRepo(db, runBatch),
    ...profileRepo(db, runBatch),
    ...insightsRepo(db),
    async ping() {
      await db.run(sql`select 1`);
      return true;
    },
  };
}
