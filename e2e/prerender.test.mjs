// The start page before the wasm (issue 11): scripts/prerender.mjs writes it into the built
// index.html from the catalog and clinic.json; src/ui/mod.rs start() swaps the app in for it.
//
// - the raw index.html (no script run) holds the start page's texts, the clinic's name, the Start
//   link and the meta description;
// - with JavaScript off, that page shows (with the <noscript> message);
// - while the wasm is held back the prerendered page shows; when it arrives, the app's start page
//   takes its place with every element at the same position (phone and desktop sizes), no
//   layout shift (PerformanceObserver 'layout-shift'), exactly one start page, no error;
// - Start clicked before the wasm lands on step 1; focus on a prerendered control moves to its
//   twin in the app; a deep link never shows the prerendered start page.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DIST, PHONE, setupE2E } from "./lib/env.mjs";
import { APP_MAIN, newAppPage, t } from "./lib/app.mjs";

let env;
before(async () => {
  env = await setupE2E();
});
after(async () => {
  await env?.close();
});

const clinicName = () => JSON.parse(readFileSync(join(DIST, "clinic.json"), "utf8")).name;
const escapeHtml = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** The texts the prerendered start page must carry, from the catalog. */
const START_TEXTS = ["app.title", "app.purpose", "app.time_needed", "app.privacy", "app.not_emergency", "disclaimer", "app.start", "nav.saved", "nav.about"];

// Pairs of (prerendered element, the app's element) that must not move at the hand-over.
const TWINS = [
  ["#prerender .site-header", ".site-header"],
  ["#prerender .site-header-name", ".site-header-name"],
  ["#prerender .site-header-nav", ".site-header-nav"],
  ["#prerender .language-picker-select", "#language-picker"],
  ["#prerender .start-page-title", "[data-testid=start-page] h1"],
  ["#prerender .start-page-clinic", "[data-testid=start-page] .start-page-clinic"],
  ["#prerender .start-page-purpose", "[data-testid=start-page] .start-page-purpose"],
  ["#prerender .start-page-facts", "[data-testid=start-page] .start-page-facts"],
  ["#prerender .start-page-disclaimer", "[data-testid=disclaimer]"],
  ["#prerender .start-page-actions .button", "[data-testid=start-button]"],
  ["#prerender .start-page-links", "[data-testid=start-page] .start-page-links"],
  ["#prerender .app-footer", ".app-footer"],
];

/** Records layout shifts from the very start of the page (before any of its scripts). */
function recordLayoutShifts() {
  window.__shifts = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      window.__shifts.push({ value: e.value, recent: e.hadRecentInput, sources: (e.sources ?? []).map((s) => s.node?.nodeName ?? "?") });
    }
  }).observe({ type: "layout-shift", buffered: true });
}

/** Opens #/ with the wasm held back until `release()` is called. */
async function openHeld(context, hash = "#/") {
  const page = await newAppPage(context, env.baseUrl);
  await page.addInitScript(recordLayoutShifts);
  let release;
  const held = new Promise((ok) => (release = ok));
  await page.route(/_bg\.wasm$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(new URL(hash, env.baseUrl).href, { waitUntil: "domcontentloaded" });
  return { page, release };
}

/** Whether the prerendered page is hidden (or already gone). */
const prerenderHidden = (page) => page.evaluate(() => document.getElementById("prerender")?.hidden ?? true);

function rects(page, selectors) {
  return page.evaluate(
    (selectors) =>
      selectors.map((s) => {
        const e = document.querySelector(s);
        if (!e) return null;
        const r = e.getBoundingClientRect();
        return { x: r.x, y: r.y, width: r.width, height: r.height };
      }),
    selectors,
  );
}

test("the built index.html carries the start page, the clinic's name and the meta description before any script runs", async () => {
  const html = await (await fetch(env.baseUrl)).text();
  const block = /<div id="prerender"[^>]*>([\s\S]*?)<\/div><script>/.exec(html);
  assert.ok(block, "a #prerender block, followed by its inline script");
  for (const key of START_TEXTS) {
    assert.ok(block[1].includes(escapeHtml(t(key))), `the prerendered page shows ${key}: ${t(key)}`);
  }
  assert.ok(block[1].includes(`>${escapeHtml(clinicName())}<`), "the clinic's name");
  assert.match(block[1], /<a class="button button--primary" href="#\/step\/1"[^>]*>/, "Start is a link to step 1");
  assert.doesNotMatch(block[1], /\s(id="(main|page-heading|language-picker)"|data-testid=)/, "none of the app's ids or test ids");
  const description = /<meta name="description" content="([^"]*)">/.exec(html);
  assert.equal(description?.[1], escapeHtml(t("app.purpose")), "meta description from the catalog");
  assert.match(html, /<title>[^<]+<\/title>/);
  assert.match(html, /<noscript>/, "the <noscript> message is kept");
});

test("with JavaScript off, the start page and the noscript message show", async () => {
  const context = await env.browser.newContext({ javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    await page.goto(env.baseUrl);
    assert.equal((await page.locator("#prerender h1").textContent()).trim(), t("app.title"));
    assert.ok(await page.locator("#prerender h1").isVisible());
    assert.ok(await page.locator(".noscript").isVisible(), "the noscript message");
  } finally {
    await context.close();
  }
});

for (const [size, options] of [
  ["phone", PHONE],
  ["desktop", { viewport: { width: 1280, height: 900 } }],
]) {
  test(`at ${size} size the app takes over the prerendered start page without moving anything`, async () => {
    const context = await env.browser.newContext({ serviceWorkers: "block", ...options });
    try {
      const { page, release } = await openHeld(context);
      // Before the wasm: the prerendered page, with the clinic's accent colour.
      await page.locator("#prerender h1").waitFor();
      assert.equal((await page.locator("#prerender h1").textContent()).trim(), t("app.title"));
      assert.equal(await page.locator("#prerender .start-page-clinic").textContent(), clinicName());
      const accent = JSON.parse(readFileSync(join(DIST, "clinic.json"), "utf8")).accent_colour ?? "#0b7285";
      assert.equal(await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue("--color-accent").trim()), accent.toLowerCase());
      const pre = await rects(page, TWINS.map(([p]) => p));
      pre.forEach((r, i) => assert.ok(r, `prerendered ${TWINS[i][0]}`));

      release();
      await page.getByTestId("start-page").waitFor();
      const app = await rects(page, TWINS.map(([, a]) => a));
      const moved = [];
      TWINS.forEach(([p, a], i) => {
        const [x, y] = [pre[i], app[i]];
        if (!y) moved.push(`${a}: missing in the app`);
        else if (["x", "y", "width", "height"].some((k) => Math.abs(x[k] - y[k]) > 0.5)) {
          moved.push(`${p} ${JSON.stringify(x)} → ${a} ${JSON.stringify(y)}`);
        }
      });
      assert.deepEqual(moved, [], "elements that moved or changed size at the hand-over");

      // One start page, the prerendered one gone, the description still there.
      assert.equal(await page.locator("#prerender").count(), 0);
      assert.equal(await page.locator(".start-page").count(), 1);
      assert.equal(await page.getByTestId("start-page").count(), 1);
      assert.equal(await page.locator('meta[name="description"]').getAttribute("content"), t("app.purpose"));

      // No layout shift, from the first paint until after the hand-over (two frames later).
      await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
      const shifts = await page.evaluate(() => window.__shifts);
      const cls = shifts.filter((s) => !s.recent).reduce((sum, s) => sum + s.value, 0);
      assert.equal(cls, 0, `layout shifts: ${JSON.stringify(shifts)}`);
      assert.deepEqual(page.problems, [], "errors, CSP violations or foreign requests");
    } finally {
      await context.close();
    }
  });
}

test("Start clicked before the wasm arrives lands on step 1 once the app loads", async () => {
  const context = await env.browser.newContext({ serviceWorkers: "block" });
  try {
    const { page, release } = await openHeld(context);
    await page.locator("#prerender .start-page-actions a").click();
    assert.equal(new URL(page.url()).hash, "#/step/1");
    assert.equal(await page.locator("#prerender").isVisible(), false, "the prerendered start page hides");
    release();
    await page.getByTestId("step-1").waitFor();
    assert.equal(await page.locator("#prerender").count(), 0);
    assert.equal(await page.locator(".start-page").count(), 0);
    assert.deepEqual(page.problems, []);
  } finally {
    await context.close();
  }
});

test("keyboard focus on a prerendered control moves to the app's same control", async () => {
  const context = await env.browser.newContext({ serviceWorkers: "block" });
  try {
    const { page, release } = await openHeld(context);
    await page.locator("#prerender .start-page-actions a").focus();
    release();
    await page.getByTestId("start-page").waitFor();
    await page.waitForFunction(() => document.activeElement?.dataset?.testid === "start-button");
    assert.deepEqual(page.problems, []);
  } finally {
    await context.close();
  }
});

test("a deep link never shows the prerendered start page", async () => {
  const context = await env.browser.newContext({ serviceWorkers: "block" });
  try {
    const { page, release } = await openHeld(context, "#/about");
    assert.equal(await page.locator("#prerender").isVisible(), false);
    release();
    await page.locator(`${APP_MAIN} h1`).waitFor();
    assert.equal(await page.locator("#prerender").count(), 0);
    assert.equal(await page.locator(".start-page").count(), 0);
    assert.deepEqual(page.problems, []);
  } finally {
    await context.close();
  }
});

test("a remembered other language or a questionnaire in progress hides the prerendered page", async () => {
  const context = await env.browser.newContext({ serviceWorkers: "block" });
  try {
    const page = await newAppPage(context, env.baseUrl);
    await page.goto(env.baseUrl);
    await page.getByTestId("start-page").waitFor();
    await page.evaluate(() => localStorage.setItem("meso-advisor/lang", "es"));
    await page.reload({ waitUntil: "domcontentloaded" });
    assert.equal(await prerenderHidden(page), true, "hidden for a Spanish visitor");
    await page.getByTestId("start-page").waitFor();
    assert.equal(await page.locator("html").getAttribute("lang"), "es");
    await page.evaluate(() => {
      localStorage.removeItem("meso-advisor/lang");
      sessionStorage.setItem("meso-advisor/draft", "{}");
    });
    await page.reload({ waitUntil: "domcontentloaded" });
    assert.equal(await prerenderHidden(page), true, "hidden with a draft");
    await page.locator(APP_MAIN).waitFor();
    assert.equal(await page.locator("#prerender").count(), 0);
  } finally {
    await context.close();
  }
});
