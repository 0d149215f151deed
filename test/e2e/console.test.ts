import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canRunBrowser, launchChromium } from "../helpers/browser.js";
import { tempDir } from "../helpers/harness.js";
import { ADMIN_KEY, startStaffServer } from "../helpers/staff.js";

const shots = process.env.CONSOLE_SCREENSHOTS;

describe.skipIf(!canRunBrowser)("the console in headless Chromium", () => {
  let env: Awaited<ReturnType<typeof startStaffServer>>;
  let browser: BrowserContext;
  const profile = tempDir("frontdesk-chromium-");

  beforeAll(async () => {
    env = await startStaffServer();
    browser = await launchChromium(profile.dir);
    if (shots) mkdirSync(shots, { recursive: true });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await env?.server.stop();
    profile.cleanup();
  });

  const snap = async (page: import("playwright-core").Page, name: string) => {
    if (shots) await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
  };

  it("an agent sees a held draft appear, edits and approves it, and the customer's chat shows the edited text", async () => {
    const console = await browser.newPage();
    const errors: string[] = [];
    console.on("pageerror", (e) => errors.push(String(e)));
    console.on("response", (r) => {
      if (r.status() >= 400 && !r.url().endsWith("/favicon.ico")) errors.push(`${r.status()} ${r.url()}`);
    });
    await console.goto(`${env.base}/console`);
    await console.fill("#key", env.agentKey);
    await console.click("button[type=submit]");
    await console.waitForURL(/\/console\/inbox$/);
    expect(await console.locator("[data-draft]").count()).toBe(0);

    const chat = await browser.newPage();
    await chat.goto(`${env.base}/`);
    await chat.fill("#text", "How do I reset my password?");
    await chat.click("#send");
    await chat.locator(".msg.system", { hasText: "teammate is checking" }).waitFor();

    // The inbox polls: the card arrives without a reload.
    const card = console.locator("[data-draft]").first();
    await card.waitFor({ timeout: 10_000 });
    expect(await console.locator("#pending-count").textContent()).toBe("1");
    await snap(console, "inbox");
    const edited = "Hi! Click Forgot password? on the sign-in page and follow the link we email you. (Checked by Ada.)";
    await card.locator("textarea[name=text]").fill(edited);
    await card.locator("button[data-action=approve]").click();
    await console.locator(".flash.ok", { hasText: "Approved with your edit" }).waitFor();

    await chat.locator(".msg.assistant", { hasText: "(Checked by Ada.)" }).waitFor({ timeout: 10_000 });
    const answers = await chat.locator(".msg.assistant").allTextContents();
    expect(answers).toHaveLength(1);
    expect(answers[0]).toContain(edited);

    expect(errors).toEqual([]);
    await console.close();
    await chat.close();
  });

  it("an admin edits and publishes an article, and the search API returns the new version", async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(`${env.base}/console/login`);
    await page.fill("#key", ADMIN_KEY);
    await page.click("button[type=submit]");
    await page.waitForURL(/\/console\/inbox$/);

    await page.goto(`${env.base}/console/knowledge`);
    await page.goto(`${env.base}/console/knowledge/reset-password`);
    const before = await (await fetch(`${env.base}/api/kb/search?q=password`)).json();
    const oldVersion = (before as { results: { slug: string; version: number }[] }).results.find((r) => r.slug === "reset-password")?.version;
    const body = page.locator("#article-body");
    const text = await body.inputValue();
    await body.fill(`${text}\n\n## Still stuck?\n\nAsk for a **quokkaphone** reset code at the front desk.`);
    // The preview follows the text, rendered (and escaped) by the server.
    await page.locator("#preview strong", { hasText: "quokkaphone" }).waitFor();
    await snap(page, "knowledge");
    await page.click("button[name=intent][value=publish]");
    await page.locator(".flash.ok", { hasText: "published" }).waitFor();

    const res = await fetch(`${env.base}/api/kb/search?q=quokkaphone`);
    const results = ((await res.json()) as { results: { slug: string; version: number }[] }).results;
    expect(results.map((r) => r.slug)).toEqual(["reset-password"]);
    expect(results[0]?.version).toBe((oldVersion ?? 0) + 1);

    await page.goto(`${env.base}/console/stats`);
    await page.locator("svg.chart").first().waitFor();
    await snap(page, "stats");
    const conversation = await (await fetch(`${env.base}/api/agent/conversations`, { headers: { authorization: `Bearer ${ADMIN_KEY}` } })).json();
    const id = (conversation as { conversations: { id: string }[] }).conversations[0]?.id;
    await page.goto(`${env.base}/console/conversations/${id}`);
    await page.locator(".trace").first().waitFor();
    await snap(page, "conversation");
    expect(errors).toEqual([]);
    await page.close();
  });
});
