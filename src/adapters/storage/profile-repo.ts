import { desc, eq } from "drizzle-orm";
import type { ProfileStore } from "../../ports/profile-store.js";
import type { Db, RunBatch } from "./db.js";
import * as s from "./schema.js";

export function profileRepo(db: Db, runBatch: RunBatch): ProfileStore {
  return {
    async currentProfile() {
      const [row] = await db.select().from(s.profileVersions).orderBy(desc(s.profileVersions.version)).limit(1);
      return row ?? null;
    },
    async listProfileVersions(limit = 50) {
      return db.select().from(s.profileVersions).orderBy(desc(s.profileVersions.version)).limit(limit);
    },
    async getProfileVersion(version) {
      const [row] = await db.select().from(s.profileVersions).where(eq(s.profileVersions.version, version));
      return row ?? null;
    },
    async saveProfile(record, audit) {
      // The version is the primary key: of two saves from the same version, the second fails here.
      const inserted = await db.insert(s.profileVersions).values(record).onConflictDoNothing().returning({ version: s.profileVersions.version });
      if (inserted.length === 0) return false;
      await runBatch([db.insert(s.auditLog).values({ ...audit, detail: audit.detail ?? null, createdAt: record.createdAt })]);
      return true;
    },
  };
}
