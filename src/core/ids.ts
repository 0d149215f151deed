import { monotonicFactory } from "ulidx";

// Random bits drawn in bulk: ulidx asks Web Crypto once per character otherwise, and that call
// was a few percent of a customer request (bench/ingest.ts). Still cryptographic randomness.
const pool = new Uint32Array(1024);
let next = pool.length;
const random = (): number => {
  if (next === pool.length) {
    crypto.getRandomValues(pool);
    next = 0;
  }
  return (pool[next++] as number) / 2 ** 32;
};

// ULIDs sort by creation time, so "messages after X" is a plain id comparison.
const ulid = monotonicFactory(random);
export const newId = (): string => ulid();
