import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { AppError, type ErrorCode } from "../../core/errors.js";
import type { Logger } from "../../ports/logger.js";

const STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

const CODE_BY_STATUS: Record<number, ErrorCode> = Object.fromEntries(Object.entries(STATUS).map(([code, status]) => [status, code as ErrorCode]));

export function errorBody(c: Context, code: ErrorCode, message: string, details?: unknown) {
  return { error: { code, message, requestId: c.get("requestId") as string | undefined, ...(details ? { details } : {}) } };
}

/**
 * "locked" when another connection holds the write lock past the busy timeout, "full" when the disk (or
 * the page limit) is exhausted; null for everything else. Looks through wrappers (drizzle's
 * DrizzleQueryError keeps the driver error as `cause`) and matches D1's message text as well as SQLite codes.
 */
export function storageFault(err: unknown): "locked" | "full" | null {
  for (let e = err, depth = 0; e && typeof e === "object" && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = String((e as { code?: unknown }).code ?? "");
    const message = String((e as { message?: unknown }).message ?? "");
    if (/^SQLITE_(BUSY|LOCKED)/.test(code) || /database (table )?is locked|SQLITE_BUSY/i.test(message)) return "locked";
    if (/^SQLITE_FULL/.test(code) || /database or disk is full|SQLITE_FULL/i.test(message)) return "full";
  }
  return null;
}

/** The one place where domain errors become HTTP statuses and the API.md error body. */
export function onError(logger: Logger) {
  return (err: Error, c: Context) => {
    const fault = storageFault(err);
    if (fault) {
      // The write was one batch, so nothing of this request was stored; the client may simply retry.
      const fields = { reason: fault, requestId: c.get("requestId"), method: c.req.method, path: c.req.path };
      if (fault === "full") logger.error("storage.unavailable", fields);
      else logger.warn("storage.unavailable", fields);
      c.header("Retry-After", fault === "full" ? "30" : "2");
      const message =
        fault === "full" ? "We cannot store new messages right now. Please try again shortly." : "We are busy right now. Please try again in a moment.";
      return c.json(errorBody(c, "unavailable", message), 503);
    }
    if (err instanceof AppError) {
      if (err.code === "rate_limited" && typeof err.details === "object" && err.details && "retryAfterSeconds" in err.details)
        c.header("Retry-After", String((err.details as { retryAfterSeconds: number }).retryAfterSeconds));
      return c.json(errorBody(c, err.code, err.message, err.code === "rate_limited" ? undefined : err.details), STATUS[err.code]);
    }
    if (err instanceof HTTPException) {
      const status = err.status as ContentfulStatusCode;
      return c.json(errorBody(c, CODE_BY_STATUS[status] ?? (status < 500 ? "bad_request" : "internal"), err.message || "Request failed."), status);
    }
    logger.error("http.unhandled", { requestId: c.get("requestId"), path: c.req.path, error: err.stack ?? String(err) });
    return c.json(errorBody(c, "internal", "Something went wrong on our side."), 500);
  };
}

export function notFoundHandler(c: Context) {
  return c.json(errorBody(c, "not_found", `No route for ${c.req.method} ${c.req.path}.`), 404);
}
