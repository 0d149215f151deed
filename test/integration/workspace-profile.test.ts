import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type FakeRequest, startFakeOpenAI } from "../helpers/fake-openai.js";
import { call, eventually, openChat, startTestServer } from "../helpers/harness.js";
import { ADMIN_KEY } from "../helpers/staff.js";
import { triageFields } from "../helpers/triage-fixture.js";

type Server = Awaited<ReturnType<typeof startTestServer>>;
type Profile = Record<string, unknown> & { version: number; companyName: string };

// A company that has nothing to do with the demo one: every trace of it must come from the profile.
const LUMEN = {
  companyName: "Lumen Bikes",
  productDescription: "an e-bike subscription with home service",
  guidance: "Sign every answer as the Lumen crew. Never mention competitors.",
  languages: ["en", "es", "de"],
  categories: [
    { name: "frames", description: "Frame sizes, damage, theft" },
    { name: "delivery", description: "Getting the bike to the door" },
  ],
  businessHours: {
    timezone: "Europe/Berlin",
    weekly: {
      mon: [["09:00", "17:00"]],
      tue: [["09:00", "17:00"]],
      wed: [
        ["09:00", "12:00"],
        ["13:00", "17:00"],
      ],
      thu: [["09:00", "17:00"]],
      fri: [["09:00", "17:00"]],
    },
    holidays: ["2026-12-24"],
  },
  replyTime: { withinHours: 30, outsideHours: 45 },
};

const admin = (s: Server, method: string, path: string, body?: unknown) => call(s.url, method, path, { token: ADMIN_KEY, body });
const putProfile = async (s: Server, body: Record<string, unknown>) => {
  const res = await admin(s, "PUT", "/api/admin/profile", body);
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  return (res.json as { profile: Profile }).profile;
};
// Past instants (jobs are due at the injected time, so it must not be in the future of the job runner).
/** Wednesday 25 November 2026, 11:00 in Berlin (10:00 UTC): the team is in. */
const WED_11_BERLIN = Date.parse("2026-11-25T10:00:00Z");
/** Saturday 28 November 2026, 13:00 in Berlin: closed until Monday 09:00. */
const SAT_13_BERLIN = Date.parse("2026-11-28T12:00:00Z");

async function systemNotice(s: Server, locale: string, text: string) {
  const chat = await openChat(s.url, { locale });
  await chat.send(text);
  const notice = await eventually(async () => (await chat.messages()).messages.find((m) => m.role === "system"));
  const view = await admin(s, "GET", `/api/agent/conversations/${chat.conversationId}`);
  return { text: notice.text, conversation: (view.json as { conversation: Record<string, unknown> }).conversation };
}

describe("the workspace profile, offline", () => {
  let server: Server;
  beforeAll(async () => {
    server = await startTestServer({ ADMIN_API_KEY: ADMIN_KEY, CUSTOMER_TOKEN_TTL_HOURS: "100000" });
  });
  afterAll(async () => server?.stop());

  it("is seeded from knowledge/profile.yaml and validated on PUT with the field named", async () => {
    const seeded = (await admin(server, "GET", "/api/admin/profile")).json as { profile: Profile };
    expect(seeded.profile).toMatchObject({ version: 1, updatedBy: "seed", languages: ["en", "es", "fr", "de"] });
    const bad = async (patch: Record<string, unknown>) => {
      const res = await admin(server, "PUT", "/api/admin/profile", { ...LUMEN, ...patch });
      expect(res.status).toBe(400);
      return (res.json as { error: { details: { field: string } } }).error.details.field;
    };
    expect(await bad({ companyName: "  " })).toBe("companyName");
    expect(await bad({ businessHours: { ...LUMEN.businessHours, timezone: "Europe/Atlantis" } })).toBe("businessHours.timezone");
    expect(
      await bad({
        businessHours: {
          ...LUMEN.businessHours,
          weekly: {
            mon: [
              ["09:00", "13:00"],
              ["12:00", "17:00"],
            ],
          },
        },
      }),
    ).toBe("businessHours.weekly.mon.1");
    expect(await bad({ businessHours: { ...LUMEN.businessHours, weekly: { mon: [["9am", "17:00"]] } } })).toBe("businessHours.weekly.mon.0.0");
    expect(await bad({ businessHours: { ...LUMEN.businessHours, weekly: { mon: [["17:00", "09:00"]] } } })).toBe("businessHours.weekly.mon.0");
    expect(await bad({ businessHours: { ...LUMEN.businessHours, holidays: ["2026-02-30"] } })).toBe("businessHours.holidays.0");
    expect(((await admin(server, "GET", "/api/admin/profile")).json as { profile: Profile }).profile.version).toBe(1);
  });

  it("keeps every version, refuses a stale edit and restores an old one as a new version", async () => {
    const saved = await putProfile(server, { ...LUMEN, version: 1 });
    expect(saved).toMatchObject({ version: 2, companyName: "Lumen Bikes" });
    expect((await admin(server, "PUT", "/api/admin/profile", { ...LUMEN, companyName: "Late", version: 1 })).status).toBe(409);
    const restored = await admin(server, "POST", "/api/admin/profile/restore", { version: 1 });
    expect((restored.json as { profile: Profile }).profile).toMatchObject({ version: 3, companyName: "Tallybird" });
    const history = (await admin(server, "GET", "/api/admin/profile/versions")).json as { versions: { version: number }[]; audit: { action: string }[] };
    expect(history.versions.map((v) => v.version)).toEqual([3, 2, 1]);
    expect(history.audit.map((a) => a.action)).toEqual(["profile.restore", "profile.update", "profile.seed"]);
  });

  it("frames the offline answer with the profile's company, in the customer's language, from the next turn on", async () => {
    await putProfile(server, LUMEN);
    const ask = async (locale: string) => {
      const chat = await openChat(server.url, { locale });
      await chat.send("How do I reset my password?");
      return (await eventually(async () => (await chat.messages()).messages.find((m) => m.role === "assistant"))).text;
    };
    expect(await ask("en-GB")).toMatch(/^This is an automated answer from Lumen Bikes's help center article "/);
    // The language the customer writes in wins over the page's locale (conversations issue).
    expect(await ask("es-ES")).toMatch(/^This is an automated answer from Lumen Bikes's help center article "/);
    // French is shipped but this workspace does not offer it: the profile's first language answers.
    expect(await ask("fr")).toMatch(/^This is an automated answer from Lumen Bikes/);
  });

  it("outside business hours names the day and time the team is back, in the customer's language", async () => {
    await putProfile(server, LUMEN);
    server.deps.clock = { now: () => SAT_13_BERLIN };
    try {
      const de = await systemNotice(server, "de-DE", "Ich möchte mit einem Menschen sprechen");
      expect(de.text).toContain("Unser Team ist gerade nicht erreichbar und ab Montag um 09:00 Uhr (MEZ) wieder da");
      const en = await systemNotice(server, "en-US", "I want to talk to a person");
      expect(en.text).toContain("Our team is away right now and back on Monday at 09:00 (CET)");
      // Due 45 business minutes after Monday 09:00 Berlin (08:00 UTC).
      expect(en.conversation.firstResponseDueAt).toBe("2026-11-30T08:45:00.000Z");
    } finally {
      server.deps.clock = { now: () => Date.now() };
    }
  });

  it("inside business hours promises the configured reply time, and the due time counts only open hours", async () => {
    await putProfile(server, LUMEN);
    server.deps.clock = { now: () => WED_11_BERLIN + 45 * 60_000 };
    try {
      const es = await systemNotice(server, "es", "quiero hablar con una persona");
      expect(es.text).toContain("Una persona te responderá aquí mismo, normalmente en menos de 30 minutos.");
      // 11:45 Berlin + 30 open minutes, with the 12:00–13:00 lunch break skipped: 13:15 Berlin.
      expect(es.conversation.firstResponseDueAt).toBe("2026-11-25T12:15:00.000Z");
      // A person answers ten minutes later, well before the due time.
      server.deps.clock = { now: () => WED_11_BERLIN + 55 * 60_000 };
      expect((await admin(server, "POST", `/api/agent/conversations/${es.conversation.id}/messages`, { text: "Hola, soy Ana." })).status).toBe(201);
    } finally {
      server.deps.clock = { now: () => Date.now() };
    }
    // The two Saturday handoffs were never answered and are past due; the Wednesday one was answered in time.
    const stats = (await admin(server, "GET", "/api/admin/stats?from=2026-11-25&to=2026-11-29")).json as { firstResponse: Record<string, number> };
    expect(stats.firstResponse).toMatchObject({ measured: 1, medianMinutes: 10, withDueTime: 3, breaches: 2 });
  });
});

describe("the workspace profile in model prompts", () => {
  let server: Server;
  let fake: Awaited<ReturnType<typeof startFakeOpenAI>>;
  beforeAll(async () => {
    fake = await startFakeOpenAI();
    server = await startTestServer({ ADMIN_API_KEY: ADMIN_KEY, OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: fake.url, RETRIEVAL_MIN_SCORE: "2" });
  });
  afterAll(async () => {
    await server?.stop();
    await fake?.close();
  });
  beforeEach(() => fake.reset());

  const instructionsOf = (r: FakeRequest) => String(r.body.instructions ?? "");
  const categoryEnum = (r: FakeRequest) => {
    const format = (r.body.text as { format: { schema: { properties: { category: { enum: string[] } } } } }).format;
    return format.schema.properties.category.enum;
  };
  async function askOnce(): Promise<FakeRequest[]> {
    fake.queue("triage", { json: triageFields({ category: "other" }) });
    fake.queue("answer", (req) => ({
      json: { text: "Use Forgot password.", citations: [/id="([^"]+)"/.exec(req.prompt)?.[1] ?? ""], confidence: 0.95, fully_answered: true, language: "en" },
    }));
    const chat = await openChat(server.url);
    await chat.send("How do I reset my password?");
    await eventually(async () => (await chat.messages()).messages.find((m) => m.role === "assistant" || m.role === "system"));
    return fake.accepted();
  }

  it("sends the new company, guidance and categories in the very next request, and a stable prefix until then", async () => {
    const before = await askOnce();
    const triageBefore = before.find((r) => r.format === "triage");
    expect(triageBefore && instructionsOf(triageBefore)).toContain("Tallybird");
    expect(triageBefore && categoryEnum(triageBefore)).toContain("hardware");
    const again = await askOnce();
    expect(instructionsOf(again.find((r) => r.format === "triage")!)).toBe(instructionsOf(triageBefore!));
    fake.reset();

    await putProfile(server, LUMEN);
    const after = await askOnce();
    const triage = after.find((r) => r.format === "triage")!;
    const answer = after.find((r) => r.format === "answer")!;
    expect(instructionsOf(triage)).toContain("Lumen Bikes, an e-bike subscription with home service");
    expect(instructionsOf(triage)).toContain("frames: Frame sizes, damage, theft");
    expect(categoryEnum(triage)).toEqual(["frames", "delivery", "other"]);
    expect(instructionsOf(answer)).toContain("You are the support assistant for Lumen Bikes");
    expect(instructionsOf(answer)).toContain("Sign every answer as the Lumen crew.");
    expect(instructionsOf(answer)).not.toContain("assistant for Tallybird");
  });
});
