import { join } from "node:path";
import { readProfileFile } from "../../src/adapters/kb/profile-file.js";
import { ProfileInput, type WorkspaceProfile } from "../../src/core/profile/schema.js";
import { repoRoot } from "./harness.js";

/** The demo company's profile (knowledge/profile.yaml), as the store would hand it to a turn. */
export function demoProfile(over: Partial<WorkspaceProfile> = {}): WorkspaceProfile {
  const { version: _v, ...data } = ProfileInput.parse(readProfileFile(join(repoRoot, "knowledge")));
  return { ...data, version: 1, updatedAt: 0, updatedBy: "seed", ...over };
}
