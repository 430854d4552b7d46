// Launches the system Chromium (Debian's, installed by scripts/setup.sh) with Playwright,
// headless and sandbox-free (we run as root), for the smoke test and the e2e tests.
//
//   import { launchChromium } from "../scripts/lib/browser.mjs";
//   const browser = await launchChromium();

import { chromium } from "playwright-core";

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
];

export function launchChromium(options = {}) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: CHROMIUM_ARGS,
    ...options,
  });
}

/**
 * A Chromium with a real (non-incognito) profile in `userDataDir`: what installability checks
 * need (an incognito context is never installable). Returns the BrowserContext.
 */
export function launchChromiumProfile(userDataDir, options = {}) {
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: CHROMIUM_ARGS,
    ...options,
  });
}

/** The URL of the built app under test (test.sh serves dist/ and sets E2E_BASE_URL). */
export function baseUrl() {
  const url = process.env.E2E_BASE_URL;
  if (!url) throw new Error("E2E_BASE_URL is not set: run the browser tests through scripts/test.sh");
  return url;
}
