import type { NewAudit } from "./store.js";

/** One saved version of the workspace profile: `data` is the validated profile without its version. */
export type ProfileRecord = { version: number; data: Record<string, unknown>; createdBy: string; createdAt: number };

/** The workspace profile's history; the highest version is the one in force. */
export interface ProfileStore {
  currentProfile(): Promise<ProfileRecord | null>;
  listProfileVersions(limit?: number): Promise<ProfileRecord[]>;
  getProfileVersion(version: number): Promise<ProfileRecord | null>;
  /** Writes version `expected + 1`; false when another save got there first (the version exists). */
  saveProfile(record: ProfileRecord, audit: NewAudit): Promise<boolean>;
}
