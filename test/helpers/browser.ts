import { existsSync } from "node:fs";
import { chromium } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
// Without Debian's chromium the browser tests cannot run; in CI (.ci/run installs it) they must.
export const canRunBrowser = existsSync(CHROMIUM) || process.env.CI === "true";

/** Debian's chromium driven by playwright-core, headless, with nothing reaching out to the network. */
export function launchChromium(profileDir: string) {
  return chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
