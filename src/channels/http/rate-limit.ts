import type { Context, MiddlewareHandler } from "hono";
import { rateLimiter } from "hono-rate-limiter";
import { errorBody } from "./errors.js";
import { bearer } from "./validate.js";

export type RateLimits = {
  /** Requests per minute from one client address on the public routes. */
  perIpPerMinute: number;
  /** Requests per minute with one customer token (one conversation). */
  perTokenPerMinute: number;
  clientIp: (c: Context) => string;
};

const tooMany = (c: Context) => c.json(errorBody(c, "rate_limited", "Too many requests. Wait a moment and try again."), 429);

/**
 * Per-address and per-token limits for the public routes (429 with Retry-After). The counters are
 * in memory, per process (on Workers, per isolate): a ceiling against bursts, not a global quota.
 */
export function publicRateLimits(limits: RateLimits): { perIp: MiddlewareHandler; perToken: MiddlewareHandler } {
  return {
    perIp: rateLimiter({ windowMs: 60_000, limit: limits.perIpPerMinute, keyGenerator: (c) => `ip:${limits.clientIp(c)}`, handler: tooMany }),
    perToken: rateLimiter({
      windowMs: 60_000,
      limit: limits.perTokenPerMinute,
      keyGenerator: (c) => `token:${bearer(c) ?? c.req.query("token") ?? limits.clientIp(c)}`,
      handler: tooMany,
    }),
  };
}
