import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";

/** knowledge/profile.yaml as plain data (validated by the core), or null when the folder has none. */
export function readProfileFile(dir: string): unknown | null {
  const path = join(dir, "profile.yaml");
  if (!existsSync(path)) return null;
  return parse(readFileSync(path, "utf8"));
}
