import type { ActionRepo } from "../../ports/action-repo.js";
import type { Clock } from "../../ports/clock.js";
import { badRequest, conflict, notFound } from "../errors.js";
import { newId } from "../ids.js";
import { type ActionCallResult, type ActionsRuntime, callAction, maskSecrets } from "./call-action.js";
import { type ActionDefinition, definitionProblems, type StoredAction } from "./definition.js";
import type { ActionCustomer } from "./template.js";

export type ActionsDeps = { repo: ActionRepo; runtime: ActionsRuntime; clock: Clock };

/** Saving refuses what a call would refuse: bad templates, unlisted secrets, a private literal host. */
function checkDefinition(a: ActionsDeps, def: ActionDefinition) {
  const problems = definitionProblems(def, a.runtime.allowedSecrets);
  const host = literalHost(def.request.url);
  if (host && a.runtime.refusesHost(host))
    problems.push({ field: "request.url", message: `${host} is a private, loopback or link-local address (set ACTIONS_ALLOW_PRIVATE_NETWORK=true to allow)` });
  const first = problems[0];
  if (first) throw badRequest(`${first.field}: ${first.message}`, { field: first.field, issues: problems });
}

function literalHost(url: string): string | undefined {
  try {
    // Placeholders in the host cannot be checked now; the guarded fetch checks them at call time.
    return new URL(url.replace(/\{[^/]*\}/g, "x")).hostname;
  } catch {
    return undefined;
  }
}

export async function createAction(a: ActionsDeps, def: ActionDefinition, actor: string): Promise<StoredAction> {
  checkDefinition(a, def);
  const now = a.clock.now();
  const action: StoredAction = { ...def, id: newId(), createdAt: now, updatedAt: now };
  const done = await a.repo.createAction(action, {
    id: newId(),
    actor,
    action: "action.created",
    entity: "action",
    entityId: action.id,
    detail: { name: def.name, policy: def.policy },
  });
  if (done === "duplicate") throw conflict(`An action named ${def.name} exists already.`);
  return action;
}

export async function updateAction(a: ActionsDeps, id: string, def: ActionDefinition, actor: string): Promise<StoredAction> {
  checkDefinition(a, def);
  const now = a.clock.now();
  const done = await a.repo.updateAction(id, def, now, {
    id: newId(),
    actor,
    action: "action.updated",
    entity: "action",
    entityId: id,
    detail: { name: def.name, policy: def.policy },
  });
  if (done === "missing") throw notFound("Action");
  if (done === "duplicate") throw conflict(`An action named ${def.name} exists already.`);
  return (await a.repo.getAction(id)) as StoredAction;
}

export async function deleteAction(a: ActionsDeps, id: string, actor: string): Promise<void> {
  if (!(await a.repo.deleteAction(id, { id: newId(), actor, action: "action.deleted", entity: "action", entityId: id }))) throw notFound("Action");
}

export type CallContext = { actor: string; conversationId?: string; idempotencySeed?: string };

/** One audited call: the entry has the arguments (secrets masked), status, latency and result size, never the result. */
export async function runAction(
  a: ActionsDeps,
  action: StoredAction,
  args: Record<string, unknown>,
  customer: ActionCustomer,
  ctx: CallContext,
): Promise<ActionCallResult> {
  const result = await callAction(a.runtime, { def: action, args, customer, idempotencySeed: ctx.idempotencySeed }, () => a.clock.now());
  await a.repo.recordActionCall(
    {
      id: newId(),
      actor: ctx.actor,
      action: "action.called",
      entity: "action",
      entityId: action.id,
      detail: {
        name: action.name,
        ok: result.ok,
        arguments: maskSecrets(a.runtime, args),
        status: result.ok ? result.status : (result.status ?? null),
        code: result.ok ? null : result.code,
        latencyMs: result.latencyMs,
        bytes: result.ok ? result.bytes : 0,
        ...(ctx.conversationId ? { conversationId: ctx.conversationId } : {}),
      },
    },
    a.clock.now(),
  );
  return result;
}
