import type { GuardedFetch } from "../../ports/guarded-fetch.js";
import { sha256Hex } from "../security/tokens.js";
import { type ActionDefinition, argumentProblems } from "./definition.js";
import { type ActionCustomer, renderRequest, TemplateError } from "./template.js";

/** What every action call needs from the runtime; built once from settings in src/entry. */
export type ActionsRuntime = {
  /** The guarded fetch; private targets are already allowed or refused by how it was built. */
  http: GuardedFetch;
  /** The value of an allow-listed secret (ACTIONS_SECRETS), read at call time; undefined for any other name. */
  secret(name: string): string | undefined;
  allowedSecrets: readonly string[];
  timeoutMs: number;
  /** Bytes read from a response at most; a larger response is a failure. */
  maxResponseBytes: number;
  /** Characters of a result the model sees; the rest is cut and the cut marked. */
  maxResultChars: number;
  /** Whether a saved URL's literal host is private/loopback/link-local (refused unless allowed). */
  refusesHost(host: string): boolean;
};

export type ActionCallResult =
  | { ok: true; status: number; result: string; truncated: boolean; bytes: number; latencyMs: number }
  | { ok: false; code: string; message: string; status?: number; latencyMs: number; retryable: boolean };

export type ActionCall = {
  def: ActionDefinition;
  args: Record<string, unknown>;
  customer: ActionCustomer;
  /** Stable per turn and call: a retried turn sends the same key, so the company's API acts once. */
  idempotencySeed?: string;
};

const TEXTY = /^(application\/(.+\+)?json|text\/)/i;

/** Calls one action: arguments checked, templates filled at call time, the guarded fetch, the result bounded. */
export async function callAction(rt: ActionsRuntime, call: ActionCall, now: () => number): Promise<ActionCallResult> {
  const started = now();
  const failed = (code: string, message: string, retryable = false, status?: number): ActionCallResult => ({
    ok: false,
    code,
    message,
    retryable,
    latencyMs: now() - started,
    ...(status !== undefined ? { status } : {}),
  });
  const problems = argumentProblems(call.def, call.args);
  if (problems.length) return failed("bad_arguments", problems.join("; "));
  const secret = (name: string) => (rt.allowedSecrets.includes(name) ? rt.secret(name) : undefined);
  let req: ReturnType<typeof renderRequest>;
  try {
    req = renderRequest(call.def, { args: call.args, customer: call.customer, secret });
  } catch (error) {
    if (error instanceof TemplateError) return failed(error.code, error.message);
    throw error;
  }
  if (req.method !== "GET" && call.idempotencySeed)
    req.headers["idempotency-key"] = (await sha256Hex(`${call.idempotencySeed}\n${call.def.name}\n${JSON.stringify(call.args)}`)).slice(0, 48);
  const res = await rt.http.fetch({ ...req, credentialHosts: [hostOf(req.url)], maxBytes: rt.maxResponseBytes, timeoutMs: rt.timeoutMs, maxRedirects: 3 });
  if (!res.ok) return failed(res.code, res.message, res.retryable);
  if (res.status >= 400) return failed(`http_${res.status}`, `The service answered HTTP ${res.status}.`, res.status >= 500 || res.status === 429, res.status);
  const type = res.headers.get("content-type") ?? "";
  let text: string;
  let truncated = false;
  if (/json/i.test(type)) {
    const raw = new TextDecoder().decode(res.body);
    try {
      text = JSON.stringify(JSON.parse(raw));
    } catch {
      text = raw;
    }
  } else if (TEXTY.test(type) || type === "") text = new TextDecoder().decode(res.body);
  else
    return {
      ok: true,
      status: res.status,
      result: `[non-text response: ${type.slice(0, 60)}, ${res.body.byteLength} bytes, not shown]`,
      truncated: true,
      bytes: res.body.byteLength,
      latencyMs: now() - started,
    };
  if (text.length > rt.maxResultChars) {
    text = `${text.slice(0, rt.maxResultChars)}\n[cut: ${rt.maxResultChars} of ${text.length} characters shown]`;
    truncated = true;
  }
  return { ok: true, status: res.status, result: text, truncated, bytes: res.body.byteLength, latencyMs: now() - started };
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return "";
  }
}

/** Masks every allow-listed secret's value in text bound for a trace, the audit log or a log line. */
export function maskSecrets(rt: Pick<ActionsRuntime, "secret" | "allowedSecrets">, value: unknown): unknown {
  const values = rt.allowedSecrets.map((n) => rt.secret(n)).filter((v): v is string => typeof v === "string" && v.length >= 4);
  const mask = (s: string) => values.reduce((acc, v) => acc.split(v).join("***"), s);
  return JSON.parse(mask(JSON.stringify(value ?? null)));
}
