import { z } from "zod";
import { CATALOGUE_LANGUAGES, TEXT_KEYS } from "../texts/catalogue.js";

/**
 * The workspace profile: who the company is, what the bot may say, when people answer. It is data
 * (API.md "Workspace profile"): everything company-specific the prompts, notices and pages use
 * comes from here, never from the source.
 */

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const clock = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'Use "HH:MM", 24-hour, from 00:00 to 24:00.');
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** One day's opening slots: each starts before it ends, and none overlaps another. */
const daySlots = z
  .array(z.tuple([clock, clock]))
  .max(6)
  .superRefine((slots, ctx) => {
    slots.forEach(([start, end], i) => {
      if (minutesOf(start) >= minutesOf(end)) ctx.addIssue({ code: "custom", path: [i], message: `${start}–${end}: the start must be before the end.` });
    });
    const sorted = slots.map(([s, e], i) => ({ s: minutesOf(s), e: minutesOf(e), i })).sort((a, b) => a.s - b.s);
    for (let k = 1; k < sorted.length; k++) {
      const [prev, cur] = [sorted[k - 1], sorted[k]];
      if (prev && cur && cur.s < prev.e) ctx.addIssue({ code: "custom", path: [cur.i], message: "This slot overlaps another slot of the same day." });
    }
  });

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return zone.length > 0;
  } catch {
    return false;
  }
}

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use "YYYY-MM-DD".')
  .refine((d) => new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), "Not a calendar date.");

export const BusinessHours = z.object({
  timezone: z.string().min(1).max(64).refine(isTimeZone, "Unknown time zone: use an IANA name such as Europe/Berlin."),
  weekly: z.partialRecord(z.enum(WEEKDAYS), daySlots).default({}),
  holidays: z.array(isoDate).max(366).default([]),
});
export type BusinessHours = z.infer<typeof BusinessHours>;

const category = z.object({
  name: z.string().regex(/^[a-z0-9_]{1,40}$/, "Lower-case letters, digits and _ (at most 40): it is what triage stores and filters use."),
  description: z.string().trim().max(300).default(""),
});

const language = z.string().regex(/^[a-z]{2}$/, "An ISO 639-1 code such as en, es or de.");

const textKey = z.enum(TEXT_KEYS as [string, ...string[]]);
const overrides = z.partialRecord(z.enum(CATALOGUE_LANGUAGES), z.partialRecord(textKey, z.string().max(2000)));

export const ProfileInput = z
  .object({
    companyName: z.string().trim().min(1, "The company name cannot be empty.").max(100),
    productDescription: z.string().trim().max(1000).default(""),
    guidance: z.string().trim().max(6000).default(""),
    languages: z
      .array(language)
      .min(1)
      .max(20)
      .refine((l) => new Set(l).size === l.length, "Each language once."),
    categories: z
      .array(category)
      .min(1)
      .max(50)
      .refine((c) => new Set(c.map((x) => x.name)).size === c.length, "Each category name once."),
    businessHours: BusinessHours,
    /** Minutes: the usual first reply while open, and after opening for what came in while closed. */
    replyTime: z
      .object({ withinHours: z.number().int().min(1).max(10_080), outsideHours: z.number().int().min(1).max(10_080) })
      .strict()
      .optional(),
    texts: overrides.optional(),
    branding: z
      .object({
        name: z.string().trim().max(60).optional(),
        color: z
          .string()
          .regex(/^#[0-9a-fA-F]{6}$/, 'A colour as "#RRGGBB".')
          .optional(),
        launcherText: z.string().trim().max(40).optional(),
        greeting: z.string().trim().max(500).optional(),
      })
      .strict()
      .optional(),
    /** The version the edit started from; a PUT with a stale one is 409. */
    version: z.number().int().positive().optional(),
  })
  .strict();
export type ProfileInput = z.input<typeof ProfileInput>;
export type ProfileData = Omit<z.output<typeof ProfileInput>, "version">;
export type WorkspaceProfile = ProfileData & { version: number; updatedAt: number; updatedBy: string };

/** Only until a profile is stored (a fresh Workers database): neutral, and it names no company. */
export const FALLBACK_PROFILE: WorkspaceProfile = {
  companyName: "our company",
  productDescription: "",
  guidance: "",
  languages: ["en"],
  categories: [{ name: "other", description: "" }],
  businessHours: { timezone: "UTC", weekly: {}, holidays: [] },
  version: 0,
  updatedAt: 0,
  updatedBy: "default",
};

/** The triage category enum: the profile's names, with "other" so nothing is forced into a wrong one. */
export function categoryNames(profile: Pick<ProfileData, "categories">): [string, ...string[]] {
  const names = profile.categories.map((c) => c.name);
  return (names.includes("other") ? names : [...names, "other"]) as [string, ...string[]];
}
