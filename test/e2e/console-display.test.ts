import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canRunBrowser, launchChromium } from "../helpers/browser.js";
import { openChat, tempDir } from "../helpers/harness.js";
import { ADMIN_KEY, startStaffServer } from "../helpers/staff.js";

/** What an agent actually sees in Chromium when a customer plays with bidi overrides and markdown links. */
describe.skipIf(!canRunBrowser)("customer text in the console, in headless Chromium", () => {
  let env: Awaited<ReturnType<typeof startStaffServer>>;
  let browser: BrowserContext;
  const profile = tempDir("frontdesk-chromium-");

  beforeAll(async () => {
    env = await startStaffServer();
    browser = await launchChromium(profile.dir);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await env?.server.stop();
    profile.cleanup();
  });

  it("shows a bidi override as a marker, isolates the text, labels the chosen name, and signs out for real", async () => {
    const chat = await openChat(env.base, { name: "Support Team\u202E" });
    await chat.send("Open the file invoice\u202Efdp.exe please");
    const page = await browser.newPage();
    await page.goto(`${env.base}/console/login`);
    await page.fill("#key", ADMIN_KEY);
    await page.click("button[type=submit]");
    await page.waitForURL(/\/console\/inbox$/);
    await page.goto(`${env.base}/console/conversations/${chat.conversationId}`);

    const heading = (await page.locator("h1").innerText()).trim();
    expect(heading).toContain("Support Team⟨U+202E⟩");
    expect(heading).toContain("name given by the customer");
    const message = page.locator("li.msg.customer bdi").first();
    // innerText is what is rendered: the override is shown, not obeyed ("exe.pdf" never appears).
    expect(await message.innerText()).toBe("Open the file invoice⟨U+202E⟩fdp.exe please");
    expect(await page.locator("body").innerText()).not.toContain("\u202E");

    // Markdown preview: a protocol-relative link stays text.
    const preview = await page.evaluate(async () => {
      const csrf = document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content ?? "";
      const res = await fetch("/console/knowledge/preview", {
        method: "POST",
        headers: { "x-csrf-token": csrf, "content-type": "text/plain" },
        body: "[sign in](//evil.test/login)",
      });
      const div = document.createElement("div");
      div.innerHTML = await res.text();
      return { links: div.querySelectorAll("a").length, text: div.textContent };
    });
    expect(preview.links).toBe(0);

    // Signing out revokes the session: the cookie the browser had is dead even if replayed.
    const cookies = await browser.cookies(`${env.base}/console/inbox`);
    const session = cookies.find((c) => c.name === "fd_console");
    expect(session).toBeDefined();
    await page.click("form[action='/console/logout'] button");
    await page.waitForURL(/\/console\/login$/);
    const replay = await fetch(`${env.base}/console/inbox`, { headers: { cookie: `fd_console=${session!.value}`, accept: "text/html" }, redirect: "manual" });
    expect(replay.status).toBe(303);
    await page.close();
  });
});
