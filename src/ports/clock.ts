/** Time and ids, injected so tests can control them. */
export interface Clock {
  now(): number;
}
export const systemClock: Clock = { now: () => Date.now() };
