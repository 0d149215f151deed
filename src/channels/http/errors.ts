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

/** The one place where domain errors become HTTP statuses and the API.md error body. */
export function onError(logger: Logger) {
  return (err: Error, c: Context) => {
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
