import { monotonicFactory } from "ulidx";

// ULIDs sort by creation time, so "messages after X" is a plain id comparison.
const ulid = monotonicFactory();
export const newId = (): string => ulid();
