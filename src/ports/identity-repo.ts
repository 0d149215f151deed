import type { Channel } from "../core/types.js";

export type StoredIdentity = { channel: Channel; externalId: string; verifiedAt: number | null };

/** A contact's identities on every channel, with whether the company vouched for each. */
export interface IdentityRepo {
  listIdentities(contactId: string): Promise<StoredIdentity[]>;
  findVerifiedContact(channel: Channel, externalId: string): Promise<string | null>;
}
