import type { ActionDefinition, StoredAction } from "../core/actions/definition.js";
import type { NewAudit } from "./store.js";

export type ActionStats = Record<string, { calls: number; failures: number }>;

/** Admin-defined actions; every change and every call lands in the audit log in the same write. */
export interface ActionRepo {
  listActions(): Promise<StoredAction[]>;
  getAction(id: string): Promise<StoredAction | null>;
  createAction(action: StoredAction, audit: NewAudit): Promise<"created" | "duplicate">;
  updateAction(id: string, def: ActionDefinition, now: number, audit: NewAudit): Promise<"updated" | "missing" | "duplicate">;
  deleteAction(id: string, audit: NewAudit): Promise<boolean>;
  /** One call's audit entry (arguments with secrets masked, status, latency, size). */
  recordActionCall(audit: NewAudit, now: number): Promise<void>;
  /** Calls and failures per action name, from the audit log. */
  actionStats(): Promise<ActionStats>;
}
