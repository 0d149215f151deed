import type { ProfileRecord, ProfileStore } from "../../ports/profile-store.js";
import { badRequest, conflict, notFound } from "../errors.js";
import { newId } from "../ids.js";
import type { StaffMember } from "../types.js";
import { FALLBACK_PROFILE, type ProfileData, ProfileInput, type WorkspaceProfile } from "./schema.js";

/** A stored record as the profile in force; a record that no longer validates (older schema) is reported, not used. */
function fromRecord(record: ProfileRecord): WorkspaceProfile {
  const parsed = ProfileInput.safeParse(record.data);
  if (!parsed.success) throw new Error(`stored profile version ${record.version} does not validate: ${parsed.error.issues[0]?.message}`);
  const { version: _v, ...data } = parsed.data;
  return { ...data, version: record.version, updatedAt: record.createdAt, updatedBy: record.createdBy };
}

/** The profile in force: read on every turn, so a change applies to the next turn without a restart. */
export async function loadProfile(store: ProfileStore): Promise<WorkspaceProfile> {
  const record = await store.currentProfile();
  return record ? fromRecord(record) : FALLBACK_PROFILE;
}

/** Top-level fields whose value differs: the audit says what an edit touched, not the text itself. */
function changedFields(before: ProfileData | null, after: ProfileData): string[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after)]) as Set<keyof ProfileData>;
  return [...keys].filter((k) => JSON.stringify(before?.[k] ?? null) !== JSON.stringify(after[k] ?? null)).sort();
}

async function writeVersion(store: ProfileStore, actor: string, data: ProfileData, action: string, now: number, extra: Record<string, unknown> = {}) {
  const current = await store.currentProfile();
  const previous = current ? fromRecord(current) : null;
  const version = (current?.version ?? 0) + 1;
  const audit = {
    id: newId(),
    actor,
    action,
    entity: "profile",
    entityId: "workspace",
    detail: { version, changed: changedFields(previous, data), ...extra },
  };
  if (!(await store.saveProfile({ version, data, createdBy: actor, createdAt: now }, audit)))
    throw conflict("The profile was changed by someone else meanwhile; reload it and apply your edit again.");
  return fromRecord({ version, data, createdBy: actor, createdAt: now });
}

/** PUT /api/admin/profile: a full replace, conditional on `version` when given (409 when stale). */
export async function saveProfile(store: ProfileStore, staff: Pick<StaffMember, "id">, input: ProfileInput, now: number): Promise<WorkspaceProfile> {
  const parsed = ProfileInput.safeParse(input);
  if (!parsed.success) throw badRequest(parsed.error.issues[0]?.message ?? "Invalid profile.", { field: parsed.error.issues[0]?.path.join(".") });
  const { version: expected, ...data } = parsed.data;
  const current = await store.currentProfile();
  if (expected !== undefined && expected !== (current?.version ?? 0))
    throw conflict(`The profile is at version ${current?.version ?? 0}, not ${expected}; reload it and apply your edit again.`);
  return writeVersion(store, staff.id, data, "profile.update", now);
}

/** Makes an earlier version the current one, as a new version (history is never rewritten). */
export async function restoreProfile(store: ProfileStore, staff: Pick<StaffMember, "id">, version: number, now: number): Promise<WorkspaceProfile> {
  const record = await store.getProfileVersion(version);
  if (!record) throw notFound(`Profile version ${version}`);
  const { version: _v, updatedAt: _a, updatedBy: _b, ...data } = fromRecord(record);
  return writeVersion(store, staff.id, data, "profile.restore", now, { restoredFrom: version });
}

/** First start: the profile from knowledge/profile.yaml, unless one is stored (the console wins afterwards). */
export async function seedProfile(store: ProfileStore, input: unknown, now: number): Promise<"seeded" | "kept"> {
  if (await store.currentProfile()) return "kept";
  const parsed = ProfileInput.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw badRequest(`profile.yaml: ${issue?.path.join(".") || "(root)"}: ${issue?.message}`, { field: issue?.path.join(".") });
  }
  const { version: _v, ...data } = parsed.data;
  await writeVersion(store, "seed", data, "profile.seed", now);
  return "seeded";
}

export const profileJson = (p: WorkspaceProfile) => ({ ...p, updatedAt: new Date(p.updatedAt).toISOString() });
