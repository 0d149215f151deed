/** Domain errors carry a stable code; the HTTP layer maps codes to statuses in one place. */
export type ErrorCode =
  | "bad_request"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "payload_too_large"
  | "unsupported_media_type"
  | "rate_limited"
  | "unavailable"
  | "internal";

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const badRequest = (message: string, details?: unknown) => new AppError("bad_request", message, details);
export const unauthorized = (message = "Missing or invalid credentials.") => new AppError("unauthorized", message);
export const forbidden = (message = "You are not allowed to do this.") => new AppError("forbidden", message);
export const notFound = (what: string) => new AppError("not_found", `${what} not found.`);
export const conflict = (message: string) => new AppError("conflict", message);
