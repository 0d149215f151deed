import type { FailureLimiter } from "../../ports/failure-limiter.js";

/**
 * Failures in a sliding window, in memory: right for one Node process. Keys are capped so a flood
 * of fresh addresses cannot grow the map without bound (the oldest keys are forgotten first).
 */
export function memoryFailureLimiter(o: { maxFailures: number; windowMs: number; maxKeys?: number }): FailureLimiter {
  const failures = new Map<string, number[]>();
  const maxKeys = o.maxKeys ?? 50_000;
  const recent = (key: string, now: number) => (failures.get(key) ?? []).filter((t) => t > now - o.windowMs);
  const state = (times: number[], now: number) => {
    const blocked = times.length >= o.maxFailures;
    // Blocked until enough of the counted failures have aged out of the window.
    const retryAfterMs = blocked ? Math.max(1000, (times[times.length - o.maxFailures] ?? now) + o.windowMs - now) : 0;
    return { blocked, retryAfterMs };
  };
  return {
    async blocked(key, now) {
      return state(recent(key, now), now);
    },
    async fail(key, now) {
      const times = [...recent(key, now), now].slice(-o.maxFailures * 2);
      failures.delete(key);
      failures.set(key, times);
      if (failures.size > maxKeys) failures.delete(failures.keys().next().value as string);
      return { ...state(times, now), tripped: times.length === o.maxFailures };
    },
  };
}
