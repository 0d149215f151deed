import { z } from "zod";
import { detectLanguage } from "../../core/text/language.js";
import { CATALOGUE_LANGUAGES, systemText } from "../../core/texts/catalogue.js";

/**
 * The cases file of `npm run eval:conversations` (docs/conversations-eval.md): conversations a
 * company writes the way its customers do, with what must hold after a turn and at the end.
 */
const Priority = z.enum(["low", "normal", "high", "urgent"]);
export const Expect = z
  .object({
    /** An assistant answer after the last customer message citing an article: true for any, or a word of its slug or title. */
    answered: z.union([z.boolean(), z.string().min(1)]).optional(),
    /** Something (answer, greeting, notice) came back after the last customer message. */
    reply: z.boolean().optional(),
    /** `person`: handed off with the notice that a person will reply; true/false: handed off or not. */
    handoff: z.union([z.boolean(), z.literal("person")]).optional(),
    /** The conversation's detected language, and a reply written in it. */
    language: z
      .string()
      .regex(/^[a-z]{2}$/, "an ISO 639-1 code such as es")
      .optional(),
    priority: z.union([Priority, z.array(Priority).min(1)]).optional(),
    sentiment: z.enum(["negative", "neutral", "positive"]).optional(),
    category: z.string().min(1).optional(),
    status: z.enum(["open", "waiting", "handed_off", "resolved"]).optional(),
    /** Quick replies offered: true when two or more choices came with a reply. */
    choices: z.boolean().optional(),
    /** At most this many cited answers in the whole conversation (a burst gets one). */
    max_answers: z.number().int().min(0).optional(),
    /** Words that must appear in the replies after the last customer message (case-insensitive). */
    contains: z.union([z.string().min(1), z.array(z.string().min(1))]).optional(),
  })
  .strict();
export type Expect = z.infer<typeof Expect>;

const Step = z.union([
  z.string().min(1),
  z.object({ say: z.string().min(1), expect: Expect.optional() }).strict(),
  z.object({ burst: z.array(z.string().min(1)).min(2), expect: Expect.optional() }).strict(),
  z.object({ release: z.literal(true), expect: Expect.optional() }).strict(),
]);
export type Step = z.infer<typeof Step>;

export const CasesFile = z
  .object({
    cases: z
      .array(
        z
          .object({
            id: z.string().regex(/^[\w.-]+$/, "letters, digits, dots and dashes"),
            description: z.string().optional(),
            turns: z.array(Step).min(1),
            expect: Expect.optional(),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();
export type Case = z.infer<typeof CasesFile>["cases"][number];

export type SeenMessage = { role: string; text: string; citations: { slug: string; title: string }[]; choices?: unknown[] };
/** What the runner saw when it checks: the conversation as agents see it and the replies after the last customer message. */
export type Seen = {
  status: string;
  conversation: { priority?: string; language?: string | null; sentiment?: string | null; category?: string | null };
  messages: SeenMessage[];
  tail: SeenMessage[];
};

/** Every wording of "a person will reply" the catalogue ships: the notice a request for a person must get. */
const PERSON_NOTICES = CATALOGUE_LANGUAGES.map((l) => systemText("handoff.customer_asked", l));
const NO_ANSWER_NOTICES = CATALOGUE_LANGUAGES.map((l) => systemText("handoff.no_answer", l));

const short = (m: SeenMessage) => `${m.role}: ${m.text.replace(/\s+/g, " ").slice(0, 70)}`;

/** The reasons `expect` does not hold for what was seen; empty when it holds. */
export function check(expect: Expect, seen: Seen): string[] {
  const failures: string[] = [];
  const bot = seen.tail.filter((m) => m.role !== "customer");
  const described = bot.length ? bot.map(short).join(" | ") : "nothing came back";
  if (expect.reply && bot.length === 0) failures.push(`no reply (status ${seen.status})`);
  if (expect.answered !== undefined && expect.answered !== false) {
    const word = typeof expect.answered === "string" ? expect.answered.toLowerCase() : "";
    const cited = bot.filter((m) => m.role === "assistant" && m.citations.some((c) => `${c.slug} ${c.title}`.toLowerCase().includes(word)));
    if (cited.length === 0) failures.push(`no answer citing ${word ? `"${word}"` : "an article"} (status ${seen.status}; ${described})`);
  }
  if (expect.answered === false && bot.some((m) => m.role === "assistant" && m.citations.length > 0)) failures.push("answered from an article");
  if (expect.handoff === true || expect.handoff === "person") {
    if (seen.status !== "handed_off") failures.push(`not handed off (status ${seen.status}; ${described})`);
    else if (bot.length === 0) failures.push("handed off silently");
  }
  if (expect.handoff === "person" && seen.status === "handed_off") {
    if (!bot.some((m) => PERSON_NOTICES.some((n) => m.text.includes(n)))) {
      const wrong = bot.some((m) => NO_ANSWER_NOTICES.some((n) => m.text.includes(n)));
      failures.push(wrong ? "told the customer no answer was found instead of that a person will reply" : `no "a person will reply" notice (${described})`);
    }
  }
  if (expect.handoff === false && seen.status === "handed_off") failures.push(`handed off (${described})`);
  if (expect.status && seen.status !== expect.status) failures.push(`status ${seen.status}, expected ${expect.status}`);
  if (expect.language) {
    if (seen.conversation.language !== expect.language) failures.push(`language ${seen.conversation.language ?? "unknown"}, expected ${expect.language}`);
    if (!bot.some((m) => detectLanguage(m.text)?.language === expect.language)) failures.push(`no reply in ${expect.language} (${described})`);
  }
  if (expect.priority) {
    const wanted = Array.isArray(expect.priority) ? expect.priority : [expect.priority];
    if (!wanted.includes(seen.conversation.priority as never)) failures.push(`priority ${seen.conversation.priority}, expected ${wanted.join(" or ")}`);
  }
  if (expect.sentiment && seen.conversation.sentiment !== expect.sentiment)
    failures.push(`sentiment ${seen.conversation.sentiment ?? "unknown"}, expected ${expect.sentiment}`);
  if (expect.category && seen.conversation.category !== expect.category)
    failures.push(`category ${seen.conversation.category ?? "none"}, expected ${expect.category}`);
  if (expect.choices !== undefined) {
    const offered = bot.some((m) => (m.choices?.length ?? 0) >= 2);
    if (offered !== expect.choices) failures.push(expect.choices ? `no choices offered (${described})` : "choices offered");
  }
  if (expect.max_answers !== undefined) {
    const answers = seen.messages.filter((m) => m.role === "assistant" && m.citations.length > 0).length;
    if (answers > expect.max_answers) failures.push(`${answers} cited answers, at most ${expect.max_answers} expected`);
  }
  for (const word of expect.contains === undefined ? [] : [expect.contains].flat()) {
    if (!bot.some((m) => m.text.toLowerCase().includes(word.toLowerCase()))) failures.push(`no reply contains "${word}" (${described})`);
  }
  return failures;
}
