import { and, eq, isNotNull } from "drizzle-orm";
import type { IdentityRepo } from "../../ports/identity-repo.js";
import type { Db } from "./db.js";
import * as s from "./schema.js";

export function identityRepo(db: Db): IdentityRepo {
  const i = s.channelIdentities;
  return {
    listIdentities: (contactId) =>
      db.select({ channel: i.channel, externalId: i.externalId, verifiedAt: i.verifiedAt }).from(i).where(eq(i.contactId, contactId)).orderBy(i.createdAt),
    async findVerifiedContact(channel, externalId) {
      const [row] = await db
        .select({ contactId: i.contactId })
        .from(i)
        .where(and(eq(i.channel, channel), eq(i.externalId, externalId), isNotNull(i.verifiedAt)));
      return row?.contactId ?? null;
    },
  };
}
