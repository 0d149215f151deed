import type { BusinessHours, Weekday } from "./schema.js";

/**
 * Business hours in the profile's time zone, with nothing but Intl (runs on Node and Workers):
 * whether the team is in, when it is back, and when a first reply is due in business time.
 */

type LocalDate = { y: number; m: number; d: number };
const DAY_MS = 86_400_000;
const WEEKDAY_OF: Record<string, Weekday> = { Mon: "mon", Tue: "tue", Wed: "wed", Thu: "thu", Fri: "fri", Sat: "sat", Sun: "sun" };
const formatters = new Map<string, Intl.DateTimeFormat>();

function partsIn(zone: string, at: number) {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(zone, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(at)).map((x) => [x.type, x.value]));
  return { y: Number(p.year), m: Number(p.month), d: Number(p.day), h: Number(p.hour), min: Number(p.minute), s: Number(p.second) };
}

/** The UTC instant of a wall-clock time in `zone` (the zone's offset is read twice, for DST changes). */
function zonedToUtc(zone: string, date: LocalDate, minutes: number): number {
  const wall = Date.UTC(date.y, date.m - 1, date.d) + minutes * 60_000;
  let guess = wall;
  for (let i = 0; i < 2; i++) {
    const p = partsIn(zone, guess);
    const offset = Date.UTC(p.y, p.m - 1, p.d, p.h, p.min, p.s) - guess;
    guess = wall - offset;
  }
  return guess;
}

const addDays = (date: LocalDate, days: number): LocalDate => {
  const t = new Date(Date.UTC(date.y, date.m - 1, date.d) + days * DAY_MS);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
};
const isoOf = (date: LocalDate) => `${date.y}-${String(date.m).padStart(2, "0")}-${String(date.d).padStart(2, "0")}`;
const weekdayOf = (date: LocalDate): Weekday => WEEKDAY_OF[new Date(Date.UTC(date.y, date.m - 1, date.d)).toUTCString().slice(0, 3)] ?? "mon";
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The local calendar date of an instant in `zone`. */
export function localDate(zone: string, at: number): LocalDate {
  const p = partsIn(zone, at);
  return { y: p.y, m: p.m, d: p.d };
}

/** Open intervals [start, end) in UTC ms from `from` on, clipped to start no earlier than it; a year ahead at most. */
export function* openIntervals(hours: BusinessHours, from: number): Generator<[number, number]> {
  const today = localDate(hours.timezone, from);
  const holidays = new Set(hours.holidays);
  for (let k = 0; k <= 370; k++) {
    const date = addDays(today, k);
    if (holidays.has(isoOf(date))) continue;
    const slots = [...(hours.weekly[weekdayOf(date)] ?? [])].sort((a, b) => minutesOf(a[0]) - minutesOf(b[0]));
    for (const [start, end] of slots) {
      const s = zonedToUtc(hours.timezone, date, minutesOf(start));
      const e = zonedToUtc(hours.timezone, date, minutesOf(end));
      if (e > from) yield [Math.max(s, from), e];
    }
  }
}

export function isOpen(hours: BusinessHours, now: number): boolean {
  const first = openIntervals(hours, now).next();
  return !first.done && first.value[0] <= now;
}

/** When the team is next in (now, when open); null when the hours have no opening at all. */
export function nextOpening(hours: BusinessHours, now: number): number | null {
  const first = openIntervals(hours, now).next();
  return first.done ? null : first.value[0];
}

/** The instant `minutes` of open time after `from`: a reply due in 60 business minutes at 16:30 is due 09:30 next day. */
export function addBusinessMinutes(hours: BusinessHours, from: number, minutes: number): number | null {
  let left = minutes * 60_000;
  for (const [start, end] of openIntervals(hours, from)) {
    if (end - start >= left) return start + left;
    left -= end - start;
  }
  return null;
}

/** Days between two local dates (0 = same day). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return Math.round((Date.UTC(b.y, b.m - 1, b.d) - Date.UTC(a.y, a.m - 1, a.d)) / DAY_MS);
}
