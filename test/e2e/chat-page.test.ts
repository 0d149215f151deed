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
    await page.waitForFunction(() => document.querySelectorAll(".messages > li").length === 5);
    const roles = await page.$$eval(".messages > li", (items) => items.map((li) => li.className.replace("msg ", "")));
    // The answer is followed by "Did this answer your question?", whose buttons go once the customer writes on.
    expect(roles).toEqual(["customer", "assistant", "assistant", "customer", "system"]);
    expect(await page.locator(".choices button").count()).toBe(0);
    expect(await page.textContent(".msg.assistant")).toContain("Source: How to reset your password");
    expect(await page.textContent("#status")).toBe("A teammate will reply here");
    // The conversation survives a reload: the token is kept in the browser.
    await page.reload();
    await page.waitForSelector(".msg.system");
    expect(await page.locator(".messages > li").count()).toBe(5);
    expect(errors).toEqual([]);
  });

  it("offers quick replies as buttons: a click sends the choice and the answer follows", async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/`);
    // A fresh conversation, not the one the test before left in this browser's storage.
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await page.fill("#text", "question about my bill");
    await page.click("#send");
    await page.waitForSelector(".choices button", { timeout: 10_000 });
    const labels = await page.$$eval(".choices button", (bs) => bs.map((b) => b.textContent));
    expect(labels.at(-1)).toBe("None of these");
    await page.click(".choices button >> nth=0");
    await page.waitForSelector(".msg.assistant .sources", { timeout: 10_000 });
    expect(await page.textContent(".msg.assistant .sources")).toContain(`Source: ${labels[0]}`);
    // Now "Did this answer your question?": yes resolves the conversation.
    await page.waitForSelector("text=Did this answer your question?", { timeout: 10_000 });
    await page.click(".choices button >> text=Yes, thanks");
    await page.waitForSelector("text=glad that helped", { timeout: 10_000 });
    await page.close();
  });
});
