import type { Context } from "hono";
import type { z } from "zod";
import { AppError, badRequest } from "../../core/errors.js";

/** Reads a JSON body and validates it; non-JSON and schema failures are 400s with the field paths. */
export async function jsonBody<T extends z.ZodType>(c: Context, schema: T): Promise<z.infer<T>> {
  const type = c.req.header("content-type") ?? "";
  if (!type.toLowerCase().includes("application/json")) throw new AppError("unsupported_media_type", "Send a JSON body with Content-Type: application/json.");
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
    throw badRequest("The body is not valid JSON.");
  }
  return parseWith(schema, raw);
}

export function parseWith<T extends z.ZodType>(schema: T, raw: unknown): z.infer<T> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
    // `field` is the first offending field (API.md: validation errors name it); `issues` lists them all.
    throw badRequest(issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join("; "), { field: issues[0]?.path, issues });
  }
  return parsed.data;
}

export function bearer(c: Context): string | undefined {
  const header = c.req.header("authorization");
  const match = header ? /^Bearer\s+(.+)$/i.exec(header.trim()) : null;
  return match?.[1]?.trim();
}
