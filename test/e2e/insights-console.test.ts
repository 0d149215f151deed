import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canRunBrowser, launchChromium } from "../helpers/browser.js";
import { call, eventually, openChat, startTestServer, tempDir } from "../helpers/harness.js";
import { ADMIN_KEY } from "../helpers/staff.js";

const shots = process.env.CONSOLE_SCREENSHOTS;
const QUESTIONS = ["Can customers collect loyalty points?", "Is there a loyalty programme?", "How do loyalty rewards work for regulars?"];
const ANSWER = "Loyalty points are not built in yet; create a discount named Loyalty and apply it on every tenth visit.";

describe.skipIf(!canRunBrowser)("the Insights page in headless Chromium", () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: BrowserContext;
  const profile = tempDir("frontdesk-chromium-");

  beforeAll(async () => {
    server = await startTestServer({ ADMIN_API_KEY: ADMIN_KEY });
    const ids: string[] = [];
    for (const q of QUESTIONS) {
      const chat = await openChat(server.url);
      await chat.send(q);
      await eventually(async () => (await chat.messages()).status === "handed_off", 8000);
      ids.push(chat.conversationId);
    }
    await call(server.url, "POST", `/api/agent/conversations/${ids[0]}/messages`, { token: ADMIN_KEY, body: { text: `Hi,\n${ANSWER}\nThanks,\nAda` } });
    browser = await launchChromium(profile.dir);
    if (shots) mkdirSync(shots, { recursive: true });
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    profile.cleanup();
  });

  it("shows the gap with its chart and suggested article, and opens it as a draft article in one click", async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(`${server.url}/console`);
    await page.fill("#key", ADMIN_KEY);
    await page.click("button[type=submit]");
    await page.waitForURL(/\/console\/inbox$/);
    await page.click("nav >> text=Insights");
    await page.waitForURL(/\/console\/insights/);
    const card = page.locator(".card.gap");
    expect(await card.count()).toBe(1);
    expect(await card.locator("h3").innerText()).toMatch(/loyalty.*3 questions/);
    expect(await page.locator("svg.chart rect").count()).toBeGreaterThan(0);
    expect(await card.locator("pre.suggested").innerText()).toBe(ANSWER);
    if (shots) await page.screenshot({ path: join(shots, "insights.png"), fullPage: true });
    await card.locator("button", { hasText: "Open as draft article" }).click();
    await page.waitForURL(/\/console\/knowledge\/[^/]+$/);
    expect(await page.locator(".flash.ok").innerText()).toMatch(/Draft article created/);
    expect(errors).toEqual([]);
  });
});
