// The environment of the end-to-end tests: the served release build and one Chromium per test
// file. Under scripts/test.sh, dist/ is already built and served at $E2E_BASE_URL; a test file
// run alone (`node --test e2e/x.test.mjs`) serves dist/ itself on 127.0.0.1 (and builds it with
// `trunk build --release` first when dist/index.html is missing, or always with E2E_BUILD=1).
//
//   import { setupE2E } from "./lib/env.mjs";
//   const env = await setupE2E();   // env.baseUrl, env.browser, env.root; await env.close()

import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { launchChromium } from "../../scripts/lib/browser.mjs";
import { startStaticServer } from "../../scripts/lib/static-server.mjs";

/** The repository root. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const DIST = join(ROOT, "dist");
export const SCREENSHOTS = join(ROOT, "screenshots");

/** Same PATH as scripts/setup.sh gives Trunk: wasm-opt from node_modules, cargo tools. */
export function toolPath() {
  const home = process.env.CARGO_HOME || join(process.env.HOME || "/root", ".cargo");
  return [join(ROOT, "node_modules/.bin"), join(home, "bin"), process.env.PATH].join(":");
}

function ensureBuilt() {
  if (existsSync(join(DIST, "index.html")) && process.env.E2E_BUILD !== "1") return;
  execFileSync("trunk", ["build", "--release"], {
    cwd: ROOT,
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, PATH: toolPath() },
  });
}

/**
 * The base URL of the app under test (ending in `/`), and one headless Chromium. Call once per
 * test file (in `before`), close in `after`.
 */
export async function setupE2E() {
  let server = null;
  let baseUrl = process.env.E2E_BASE_URL;
  if (!baseUrl) {
    ensureBuilt();
    server = await startStaticServer(DIST);
    baseUrl = server.url;
  }
  if (!baseUrl.endsWith("/")) baseUrl += "/";
  const browser = await launchChromium();
  return {
    root: ROOT,
    baseUrl,
    browser,
    async close() {
      await browser.close().catch(() => {});
      if (server) await server.close();
    },
  };
}

/** Browser context options for a phone (iPhone 12-ish) and a tablet (landscape). */
export const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
export const TABLET = { viewport: { width: 1024, height: 768 }, deviceScaleFactor: 1, hasTouch: true };
