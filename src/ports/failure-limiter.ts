/**
 * Counts failed authentications per key (a client address and what it tried: console sign-in,
 * staff keys, a webhook secret) and says when a key has had too many. Node keeps the counts in
 * memory; Workers can back the same port with a rate-limit binding or a Durable Object.
 */
export interface FailureLimiter {
  /** Whether the key is blocked now, and for how much longer. */
  blocked(key: string, now: number): Promise<{ blocked: boolean; retryAfterMs: number }>;
  /** Counts one failure; `tripped` is true for the failure that crossed the limit (once per block). */
  fail(key: string, now: number): Promise<{ blocked: boolean; tripped: boolean; retryAfterMs: number }>;
}
