import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canRunBrowser, launchChromium } from "../helpers/browser.js";
import { startTestServer, tempDir } from "../helpers/harness.js";

describe.skipIf(!canRunBrowser)("the customer chat page in headless Chromium", () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: BrowserContext;
  const profile = tempDir("frontdesk-chromium-");
  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchChromium(profile.dir);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    profile.cleanup();
  });

  it("shows a question, its cited automated answer in order, then a handoff notice, with no page errors", async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    await page.goto(`${server.url}/`);
    await page.fill("#text", "How do I reset my password?");
    await page.click("#send");
    await page.waitForSelector(".msg.assistant", { timeout: 10_000 });
    await page.fill("#text", "I want to talk to a real person");
    await page.keyboard.press("Enter");
    await page.waitForSelector(".msg.system", { timeout: 10_000 });
    await page.waitForFunction(() => document.querySelectorAll(".messages > li").length === 4);
    const roles = await page.$$eval(".messages > li", (items) => items.map((li) => li.className.replace("msg ", "")));
    expect(roles).toEqual(["customer", "assistant", "customer", "system"]);
    expect(await page.textContent(".msg.assistant")).toContain("Source: How to reset your password");
    expect(await page.textContent("#status")).toBe("A teammate will reply here");
    // The conversation survives a reload: the token is kept in the browser.
    await page.reload();
    await page.waitForSelector(".msg.system");
    expect(await page.locator(".messages > li").count()).toBe(4);
    expect(errors).toEqual([]);
  });
});
