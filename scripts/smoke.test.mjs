// Smoke test of the release build in dist/, in headless Chromium (node --test, via scripts/test.sh):
// the page loads under its own strict Content-Security-Policy with no violation, no error and no
// request leaving 127.0.0.1, the wasm app renders its start page, and axe-core finds no serious
// accessibility problem on it.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { baseUrl, launchChromium } from "./lib/browser.mjs";

const require = createRequire(import.meta.url);
let browser;
let page;
let started = false;
const problems = [];
const foreignRequests = [];

before(async () => {
  browser = await launchChromium();
  page = await browser.newPage();
  const origin = new URL(baseUrl()).origin;
  // clinic.json beside index.html is optional (spec §8: the app has an embedded default), so
  // its 404 is expected; any other failed load or console error is a problem.
  const optional = (url) => new URL(url, origin).pathname.endsWith("/clinic.json");
  page.on("console", (msg) => {
    if (msg.type() === "error" && !optional(msg.location().url || "/")) {
      problems.push(`console error: ${msg.text()} (${msg.location().url})`);
    }
  });
  page.on("response", (res) => {
    if (res.status() >= 400 && !optional(res.url())) problems.push(`HTTP ${res.status()} for ${res.url()}`);
  });
  page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
  page.on("request", (req) => {
    const url = new URL(req.url());
    if (!["data:", "blob:"].includes(url.protocol) && url.origin !== origin) {
      foreignRequests.push(req.url());
    }
  });
  // Runs before the page's own scripts, outside its CSP: records every CSP violation.
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) => {
      window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"}`);
    });
  });
  await page.goto(baseUrl(), { waitUntil: "load" });
  // Don't throw here: a blank page is reported below, with the CSP violations that caused it.
  started = await page.waitForSelector("[data-testid=start-page]", { timeout: 15_000 }).then(
    () => true,
    (err) => {
      problems.push(`the start page never appeared: ${err.message.split("\n")[0]}`);
      return false;
    },
  );
});

after(async () => {
  await browser?.close();
});

test("the built index.html carries a strict CSP with the loader's hash", async () => {
  const html = await (await fetch(baseUrl())).text();
  const meta = /<meta\b[^>]*http-equiv=["']?Content-Security-Policy\b[^>]*>/i.exec(html)?.[0];
  assert.ok(meta, "a CSP meta tag");
  const csp = /\bcontent=(["'])(.*?)\1/i.exec(meta)?.[2];
  assert.ok(csp, "the CSP meta tag has a quoted content attribute");
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/=]+'/);
  assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'|__CSP_SCRIPT_HASHES__/);
});

test("the app starts under the CSP with no violation, error or foreign request", async () => {
  const violations = await page.evaluate(() => window.__cspViolations);
  assert.deepEqual(violations, [], "CSP violations");
  assert.deepEqual(problems, [], "errors in the page");
  assert.deepEqual(foreignRequests, [], "requests to other origins");
});

test("the start page shows a heading and the Start button", async () => {
  assert.ok(started, "the start page appeared");
  const heading = (await page.textContent("[data-testid=start-page] h1"))?.trim();
  assert.ok(heading, "a non-empty h1");
  const button = (await page.textContent("[data-testid=start-button]"))?.trim();
  assert.equal(button, "Start");
  assert.equal(await page.title(), "Hair mesotherapy advisor");
  assert.equal(await page.getAttribute("html", "lang"), "en");
});

test("axe-core finds no serious or critical accessibility issue on the start page", async () => {
  assert.ok(started, "the start page appeared");
  const source = await readFile(require.resolve("axe-core/axe.min.js"), "utf8");
  await page.evaluate(source); // evaluated by DevTools, not subject to the page's CSP
  const results = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
  const serious = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  assert.deepEqual(serious, []);
});

test("the visitor's and the results build's wasm and JS carry short import and export names", async () => {
  // scripts/minify-wasm-names.mjs (release builds): wasm-bindgen's hashed names are ~6 KB gzip.
  const base = baseUrl();
  const text = async (path) => (await fetch(new URL(path, base))).text();
  const html = await text("./");
  const start = await text("./results/start.js");
  const builds = [
    {
      js: /\bhref="?([^"\s>]+\.js)"?/.exec([...html.matchAll(/<link\b[^>]*>/g)].find((l) => /modulepreload/.test(l[0]))?.[0])?.[1],
      wasm: /\bhref="?([^"\s>]+_bg\.wasm)/.exec(html)?.[1],
    },
    { js: `results/${/from "\.\/([^"]+\.js)"/.exec(start)?.[1]}`, wasm: `results/${/\.\/([^"]+_bg\.wasm)/.exec(start)?.[1]}` },
  ];
  for (const { js, wasm } of builds) {
    assert.ok(js && wasm && !/undefined/.test(js + wasm), `found the JS and wasm (${js}, ${wasm})`);
    const module = await WebAssembly.compile(await (await fetch(new URL(wasm, base))).arrayBuffer());
    const long = [
      ...WebAssembly.Module.imports(module).flatMap((i) => [i.module, i.name]),
      ...WebAssembly.Module.exports(module).map((e) => e.name),
    ].filter((name) => !/^\$[A-Za-z]{1,2}$/.test(name) && name !== "memory" && name !== "main");
    assert.deepEqual(long, [], `${wasm}: names left long`);
    assert.doesNotMatch(await text(js), /__wbg_|__wbindgen_/, `${js} names no wasm-bindgen import`);
  }
});

test("the favicon is a PNG, not an SVG (browsers decode it again after every page change)", async () => {
  // An SVG favicon is parsed as a whole document on the page's main thread each time (traced:
  // ~10 ms a step change at 4x CPU); index.html says more.
  const html = await (await fetch(baseUrl())).text();
  const icons = [...html.matchAll(/<link\b[^>]*>/gi)].map((m) => m[0]).filter((tag) => /\brel="?(shortcut )?icon"?[\s>]/i.test(tag));
  assert.ok(icons.length > 0, "a <link rel=icon>");
  for (const tag of icons) assert.match(tag, /\bhref="?[^"\s>]+\.png"?[\s>]/i, tag);
});
