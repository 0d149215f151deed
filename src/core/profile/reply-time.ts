import { type CatalogueLanguage, systemText } from "../texts/catalogue.js";
import { addBusinessMinutes, daysBetween, isOpen, localDate, nextOpening } from "./hours.js";
import type { ProfileData } from "./schema.js";

type HoursProfile = Pick<ProfileData, "businessHours" | "replyTime" | "texts">;

/** "30 minutes", "2 Stunden", "1 día", in the customer's language. */
export function formatDuration(minutes: number, language: string): string {
  const [unit, value] = minutes < 60 ? ["minute", minutes] : minutes < 1440 ? ["hour", minutes / 60] : ["day", minutes / 1440];
  return new Intl.NumberFormat(language, { style: "unit", unit, unitDisplay: "long", maximumFractionDigits: 1 }).format(value);
}

/** A short zone name the customer can read: "CET", "MEZ", "UTC+1"; English prefers letters to offsets. */
export function zoneName(zone: string, language: string, at: number): string {
  const name = (locale: string) =>
    new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: "short" }).formatToParts(new Date(at)).find((p) => p.type === "timeZoneName")?.value ??
    zone;
  const own = name(language === "en" ? "en-GB" : language);
  return language === "en" && /^(GMT|UTC)[+-−]/.test(own) ? name("en-US") : own;
}

/**
 * The sentence that tells the customer when a person replies: inside hours the usual reply time,
 * outside "back on Monday at 09:00 (CET)" in the customer's language and the team's time zone.
 */
export function replyWhen(profile: HoursProfile, language: CatalogueLanguage, now: number): string {
  const hours = profile.businessHours;
  const text = (key: Parameters<typeof systemText>[0], vars?: Record<string, string>) => systemText(key, language, vars, profile.texts);
  if (isOpen(hours, now))
    return profile.replyTime ? text("hours.reply_within", { duration: formatDuration(profile.replyTime.withinHours, language) }) : text("hours.reply_soon");
  const back = nextOpening(hours, now);
  if (back === null) return text("hours.reply_soon");
  const zone = hours.timezone;
  const vars = {
    time: new Intl.DateTimeFormat(language, { timeZone: zone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(new Date(back)),
    zone: zoneName(zone, language, back),
    day: new Intl.DateTimeFormat(language, { timeZone: zone, weekday: "long" }).format(new Date(back)),
    date: new Intl.DateTimeFormat(language, { timeZone: zone, day: "numeric", month: "long" }).format(new Date(back)),
  };
  const days = daysBetween(localDate(zone, now), localDate(zone, back));
  return text(days === 0 ? "hours.back_today" : days === 1 ? "hours.back_tomorrow" : days < 7 ? "hours.back_weekday" : "hours.back_date", vars);
}

/** When the first reply from a person is due, in business time; null without reply times or hours. */
export function firstResponseDueAt(profile: HoursProfile, now: number): number | null {
  if (!profile.replyTime) return null;
  const minutes = isOpen(profile.businessHours, now) ? profile.replyTime.withinHours : profile.replyTime.outsideHours;
  return addBusinessMinutes(profile.businessHours, now, minutes);
}
