import { type ActionDefinition, DOUBLE, SINGLE } from "./definition.js";

/** Who the action is for: only verified facts (an unverified customer has neither). */
export type ActionCustomer = { userId?: string; email?: string };

export type RenderedRequest = { method: ActionDefinition["request"]["method"]; url: string; headers: Record<string, string>; body?: string };

export class TemplateError extends Error {
  constructor(
    readonly code: "missing_customer" | "missing_secret" | "bad_template",
    message: string,
  ) {
    super(message);
    this.name = "TemplateError";
  }
}

type Values = { args: Record<string, unknown>; customer: ActionCustomer; secret: (name: string) => string | undefined };

const EXACT = /^\{([a-zA-Z0-9_]+)\}$/;

function double(inner: string, v: Values, allowSecret: boolean): string {
  if (inner === "customer.userId" || inner === "customer.email") {
    const field = inner === "customer.userId" ? "userId" : "email";
    const value = v.customer[field];
    if (!value) throw new TemplateError("missing_customer", `the action needs the verified customer's ${field}`);
    return value;
  }
  if (allowSecret && inner.startsWith("secret:")) {
    const value = v.secret(inner.slice(7).trim());
    if (value === undefined) throw new TemplateError("missing_secret", `secret ${inner.slice(7).trim()} is not set`);
    return value;
  }
  throw new TemplateError("bad_template", `unknown placeholder {{${inner}}}`);
}

// The schema already required what must be there; an optional argument left out is empty text.
function argText(name: string, v: Values): string {
  const value = v.args[name];
  if (value === undefined || value === null) return "";
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** One string: customer and secret placeholders first, then `{param}` as text (URL-encoded in the URL). */
function fill(text: string, v: Values, o: { encode: boolean; allowSecret: boolean }): string {
  const enc = (s: string) => (o.encode ? encodeURIComponent(s) : s);
  // One pass over both kinds, so a value that itself contains "{x}" is never expanded again.
  return text.replace(new RegExp(`${DOUBLE.source}|${SINGLE.source}`, "g"), (_m, dbl: string | undefined, single: string | undefined) =>
    dbl !== undefined ? enc(double(dbl, v, o.allowSecret)) : enc(argText(single as string, v)),
  );
}

/** Body values: exactly "{param}" keeps the argument's type; any other string is filled as text. */
function fillValue(value: unknown, v: Values): unknown {
  if (typeof value === "string") {
    const exact = EXACT.exec(value);
    // An optional argument left out leaves the key out of the body.
    if (exact) return v.args[exact[1] as string];
    return fill(value, v, { encode: false, allowSecret: true });
  }
  if (Array.isArray(value)) return value.map((x) => fillValue(x, v));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, x]) => [k, fillValue(x, v)]));
  return value;
}

/** The HTTP request one call makes, with arguments, the verified customer and secrets filled in. */
export function renderRequest(def: ActionDefinition, values: Values): RenderedRequest {
  const headers: Record<string, string> = {};
  for (const [k, h] of Object.entries(def.request.headers ?? {})) {
    const filled = fillValue(h, values);
    if (filled !== undefined && filled !== null) headers[k] = typeof filled === "string" ? filled : JSON.stringify(filled);
  }
  const out: RenderedRequest = { method: def.request.method, url: fill(def.request.url, values, { encode: true, allowSecret: false }), headers };
  if (def.request.body !== undefined) {
    out.body = JSON.stringify(fillValue(def.request.body, values));
    if (!Object.keys(headers).some((k) => k.toLowerCase() === "content-type")) headers["content-type"] = "application/json";
  }
  return out;
}
