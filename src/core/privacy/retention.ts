import type { CoreDeps } from "../deps.js";

const DAY_MS = 24 * 3600_000;

/** The `retention` job: attachments older than the setting lose their bytes and extracted text. */
export async function purgeOldAttachments(deps: CoreDeps, retentionDays: number | undefined): Promise<number> {
  if (!retentionDays) return 0;
  const purged = await deps.store.purgeAttachmentsBefore(deps.clock.now() - retentionDays * DAY_MS);
  if (purged > 0) deps.logger.info("retention.purged", { attachments: purged, retentionDays });
  return purged;
}

/** One retention job per UTC day: the dedupe key makes repeated enqueues a no-op. */
export function retentionJobKey(now: number): string {
  return `retention:${new Date(now).toISOString().slice(0, 10)}`;
}
