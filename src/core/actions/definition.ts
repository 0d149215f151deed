import { Validator } from "@cfworker/json-schema";
import { z } from "zod";

export const ACTION_POLICIES = ["auto", "confirm", "review", "off"] as const;
export type ActionPolicy = (typeof ACTION_POLICIES)[number];

const JsonValue: z.ZodType<unknown> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(JsonValue), z.record(z.string(), JsonValue)]),
);

/** What an admin saves: the contract in API.md ("Actions (admins)"). */
export const ActionInput = z.object({
  name: z
    .string()
    .regex(/^[a-z0-9_]{1,64}$/, "must be 1–64 characters of a-z, 0-9 and _")
    .refine((n) => !["search_knowledge_base", "get_attachment_details", "handoff_to_human"].includes(n), "is the name of a built-in tool"),
  description: z.string().trim().min(1).max(1000),
  parameters: z.record(z.string(), z.unknown()),
  request: z.object({
    method: z.enum(["GET", "POST", "PUT", "PATCH", "DELETE"]),
    url: z.string().min(1).max(2000),
    headers: z.record(z.string().regex(/^[A-Za-z0-9-]{1,100}$/, "is not a header name"), z.string().max(2000)).optional(),
    body: JsonValue.optional(),
  }),
  policy: z.enum(ACTION_POLICIES),
  requiresVerifiedCustomer: z.boolean(),
});
export type ActionDefinition = z.infer<typeof ActionInput>;
export type StoredAction = ActionDefinition & { id: string; createdAt: number; updatedAt: number };

/** `{param}` (an argument) and `{{customer.userId}}` / `{{customer.email}}` / `{{secret:NAME}}`. */
export const DOUBLE = /\{\{\s*([^{}]+?)\s*\}\}/g;
export const SINGLE = /(?<!\{)\{([a-zA-Z0-9_]+)\}(?!\})/g;

export type Placeholder = { kind: "param"; name: string } | { kind: "customer"; field: "userId" | "email" } | { kind: "secret"; name: string };

/** Every placeholder in one template string; an unknown `{{…}}` comes back as a problem. */
export function placeholdersIn(text: string): { found: Placeholder[]; unknown: string[] } {
  const found: Placeholder[] = [];
  const unknown: string[] = [];
  for (const m of text.matchAll(DOUBLE)) {
    const inner = m[1] as string;
    if (inner === "customer.userId" || inner === "customer.email") found.push({ kind: "customer", field: inner === "customer.userId" ? "userId" : "email" });
    else if (inner.startsWith("secret:")) found.push({ kind: "secret", name: inner.slice("secret:".length).trim() });
    else unknown.push(inner);
  }
  for (const m of text.replace(DOUBLE, "").matchAll(SINGLE)) found.push({ kind: "param", name: m[1] as string });
  return { found, unknown };
}

function stringsOf(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) for (const v of value) stringsOf(v, out);
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) stringsOf(v, stringsOf(k, out));
  return out;
}

/**
 * The checks a definition passes before it is saved: a JSON Schema object for the parameters, only
 * known placeholders, arguments the schema declares, secrets only from the `ACTIONS_SECRETS` list and
 * never in the URL (where they would land in the company's access logs), and an http(s) URL.
 * Returns problems as `{ field, message }`; empty means valid.
 */
export function definitionProblems(def: ActionDefinition, allowedSecrets: readonly string[]): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  const p = def.parameters;
  if (p.type !== "object") problems.push({ field: "parameters", message: 'must be a JSON Schema with "type": "object"' });
  try {
    new Validator(p as object, "2020-12");
  } catch (error) {
    problems.push({ field: "parameters", message: `is not a usable JSON Schema: ${(error as Error).message}`.slice(0, 200) });
  }
  const declared = new Set(Object.keys((p.properties as Record<string, unknown> | undefined) ?? {}));
  const check = (field: string, texts: string[], secretsAllowed: boolean) => {
    for (const t of texts) {
      const { found, unknown } = placeholdersIn(t);
      for (const u of unknown) problems.push({ field, message: `unknown placeholder {{${u}}}` });
      for (const ph of found) {
        if (ph.kind === "param" && !declared.has(ph.name)) problems.push({ field, message: `{${ph.name}} is not a declared parameter` });
        if (ph.kind === "secret" && !secretsAllowed) problems.push({ field, message: "secrets may appear only in headers and body" });
        else if (ph.kind === "secret" && !allowedSecrets.includes(ph.name))
          problems.push({ field, message: `secret ${ph.name} is not listed in ACTIONS_SECRETS` });
      }
    }
  };
  check("request.url", [def.request.url], false);
  check("request.headers", stringsOf(def.request.headers ?? {}), true);
  check("request.body", stringsOf(def.request.body ?? null), true);
  const sample = def.request.url.replace(DOUBLE, "x").replace(SINGLE, "x");
  try {
    const u = new URL(sample);
    if (u.protocol !== "https:" && u.protocol !== "http:") problems.push({ field: "request.url", message: "must be an http or https URL" });
  } catch {
    problems.push({ field: "request.url", message: "is not a URL" });
  }
  if (def.request.body !== undefined && def.request.method === "GET") problems.push({ field: "request.body", message: "a GET request has no body" });
  return problems;
}

/** The arguments' problems against the action's JSON Schema (the same check on Node and Workers). */
export function argumentProblems(def: Pick<ActionDefinition, "parameters">, args: unknown): string[] {
  const result = new Validator(def.parameters as object, "2020-12", false).validate(args);
  return result.valid ? [] : result.errors.map((e) => `${e.instanceLocation}: ${e.error}`.slice(0, 160));
}
