import type { Context, MiddlewareHandler } from "hono";
import type { CoreDeps } from "../../core/deps.js";
import { newId } from "../../core/ids.js";
import type { FailureLimiter } from "../../ports/failure-limiter.js";
import { errorBody } from "./errors.js";

/** Where a failure happened: each credential has its own count per client address. */
export type AuthScope = "console_sign_in" | "staff_key" | "email_inbound" | "webhook";

/**
 * Limits on failed authentication per client address, apart from the public rate limits: guessing
 * keys at ~60 a second stops after a few failures. Only failures (401) count.
 */
export function authFailureLimits(deps: Pick<CoreDeps, "store" | "clock" | "logger">, limiter: FailureLimiter, clientIp: (c: Context) => string) {
  const key = (c: Context, scope: AuthScope) => `${scope}:${clientIp(c)}`;
  const tooMany = (c: Context, retryAfterMs: number) => {
    c.header("retry-after", String(Math.ceil(retryAfterMs / 1000)));
    return c.json(errorBody(c, "rate_limited", "Too many failed sign-in attempts from your address. Wait and try again."), 429);
  };

  /** Counts a failure; the one that trips the limit leaves a note in the audit log. */
  const recordFailure = async (c: Context, scope: AuthScope) => {
    const now = deps.clock.now();
    const result = await limiter.fail(key(c, scope), now);
    if (result.tripped) {
      const ip = clientIp(c);
      deps.logger.warn("auth.failures_limited", { scope, retryAfterMs: result.retryAfterMs });
      await deps.store
        .appendAudit({ id: newId(), actor: "system", action: "auth.failures_limited", entity: "client", entityId: ip, detail: { scope } }, now)
        .catch((error) => deps.logger.error("auth.audit_failed", { error: String(error) }));
    }
    return result;
  };
  const blockedFor = async (c: Context, scope: AuthScope) => limiter.blocked(key(c, scope), deps.clock.now());

  return {
    recordFailure,
    blockedFor,
    tooMany,
    /** Staff keys, the inbound-mail secret: a blocked address is refused before its key is looked at. */
    guard(scope: AuthScope): MiddlewareHandler {
      return async (c, next) => {
        const state = await blockedFor(c, scope);
        if (state.blocked) return tooMany(c, state.retryAfterMs);
        await next();
        if (c.res.status === 401) await recordFailure(c, scope);
      };
    },
    /**
     * Signed webhooks: a correctly signed request is never refused (the sender is the platform, and
     * losing its events loses customer messages); only failed signatures count and get the 429.
     */
    failuresOnly(scope: AuthScope): MiddlewareHandler {
      return async (c, next) => {
        await next();
        if (c.res.status !== 401) return;
        const state = await recordFailure(c, scope);
        if (state.blocked) c.res = tooMany(c, state.retryAfterMs);
      };
    },
  };
}

export type AuthFailureLimits = ReturnType<typeof authFailureLimits>;
