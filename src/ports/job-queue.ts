/**
 * The doorbell for jobs: after a write that created jobs commits, the core names them here. The jobs
 * table stays the source of truth; Node wakes its in-process runner, Workers send the ids to a Queue.
 */
export interface JobQueue {
  notify(jobIds: string[]): void | Promise<void>;
}

/** For tools that write jobs and let the poll loop find them. */
export const silentJobQueue: JobQueue = { notify: () => {} };
