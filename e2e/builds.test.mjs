// The first load is the questionnaire; the results build comes into the same page when needed
// (src/ui/results_loader.rs). What each wasm carries, that the questionnaire's pages have every
// text they show, the hand-over itself (one app, same address, focus on the new heading, the
// answers carried through storage), and what a visitor sees when the results build cannot be
// loaded.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { setupE2E, DIST, ROOT } from "./lib/env.mjs";
import { VISITORS } from "./lib/answers.mjs";
import { APP_MAIN, answerStep, gotoApp, newAppPage, t, waitForFocus, withFreshPage } from "./lib/app.mjs";

let env;
before(async () => {
  env = await setupE2E();
});
after(async () => {
  await env?.close();
});

const built = existsSync(join(DIST, "results", "start.js"));
const shipped = JSON.parse(readFileSync(join(ROOT, "clinic.json"), "utf8"));

/** The wasm a built page or loader names. */
function wasmOf(dir, text) {
  const name = /([\w.-]+_bg\.wasm)/.exec(text)?.[1];
  assert.ok(name, `a wasm named in ${dir}`);
  return readFileSync(join(DIST, dir, name));
}

test("the questionnaire's wasm has the questionnaire's texts and not the result's; the results build has both", { skip: !built && "no dist/ yet" }, () => {
  const first = wasmOf("", readFileSync(join(DIST, "index.html"), "utf8"));
  const results = wasmOf("results", readFileSync(join(DIST, "results", "start.js"), "utf8"));
  const has = (wasm, key) => wasm.includes(Buffer.from(t(key)));
  for (const key of ["app.purpose", "question.age", "validation.missing", "results_loader.failed"]) {
    assert.ok(has(first, key), `the questionnaire's wasm shows ${key}`);
    assert.ok(has(results, key), `the results wasm shows ${key}`);
  }
  for (const key of ["verdict.suitable.headline", "plan.title", "staff.title", "letter.title"]) {
    assert.ok(!has(first, key), `the questionnaire's wasm carries no ${key}`);
    assert.ok(has(results, key) || key === "staff.title", `the results wasm shows ${key}`);
  }
  assert.ok(first.length < results.length * 0.6, `${first.length} bytes against ${results.length}`);
});

test("results/start.js names the results build's files; the build has no page of its own", { skip: !built && "no dist/ yet" }, () => {
  const loader = readFileSync(join(DIST, "results", "start.js"), "utf8");
  const files = readdirSync(join(DIST, "results"));
  for (const [, name] of loader.matchAll(/\.\/([\w.-]+\.(?:js|wasm))/g)) assert.ok(files.includes(name), `${name} exists`);
  assert.ok(!files.includes("index.html"), "no results/index.html");
  const sw = readFileSync(join(DIST, "sw.js"), "utf8");
  for (const f of files) assert.ok(sw.includes(`results/${f}`), `the service worker precaches results/${f}`);
});

test("the app's JS is minified (scripts/minify-js.mjs) and its preload's integrity hash is the file's", { skip: !built && "no dist/ yet" }, () => {
  const html = readFileSync(join(DIST, "index.html"), "utf8");
  const tag = /<link\b[^>]*\brel="?modulepreload"?[^>]*>/i.exec(html)?.[0];
  assert.ok(tag, "a modulepreload link");
  const js = readFileSync(join(DIST, /href="?\/?([^"\s>]+)/.exec(tag)[1]), "utf8");
  assert.equal(/integrity="?([^"\s>]+)/.exec(tag)[1], `sha384-${createHash("sha384").update(js).digest("base64")}`);
  assert.ok(js.split("\n").length < 20, `${js.split("\n").length} lines: not minified`);
});

test("every page and state of the questionnaire's build shows its texts (no ⟦key⟧)", async () => {
  await withFreshPage(env, async (page) => {
    // A kiosk clinic, so that the idle dialog shows too.
    await page.route("**/clinic.json", (route) =>
      route.fulfill({ contentType: "application/json", body: JSON.stringify({ ...shipped, kiosk: { idle_reset_seconds: 30, staff_passcode: true } }) }),
    );
    await page.clock.install();
    const seen = [];
    const check = async (name) => {
      const text = await page.locator("body").innerText();
      assert.ok(!text.includes("⟦"), `${name}: a missing text: ${text.slice(text.indexOf("⟦"), text.indexOf("⟦") + 60)}`);
      seen.push(name);
    };
    await gotoApp(page, env.baseUrl, "#/");
    await page.getByTestId("start-button").waitFor();
    await check("start");
    // The not-found page (About comes with the results build).
    await page.evaluate(() => (location.hash = "#/no-such-page"));
    await waitForFocus(page, "page-heading");
    await check("#/no-such-page");
    await page.evaluate(() => (location.hash = "#/"));
    await page.getByTestId("start-button").click();
    const answers = VISITORS.suitable();
    for (let step = 1; step <= 6; step++) {
      await page.getByTestId(`step-${step}`).waitFor();
      // Next with nothing answered: the problems are listed.
      await page.getByTestId("next").click();
      await check(`step ${step}, unanswered`);
      await answerStep(page, step, answers);
      await check(`step ${step}`);
      if (step < 6) await page.getByTestId("next").click();
    }
    // The kiosk's idle dialog.
    await page.clock.runFor(31_000);
    await page.getByTestId("kiosk-still-here").waitFor();
    await check("the kiosk's idle dialog");
    assert.equal(seen.length, 15);
  });
});

/**
 * In the page: after every batch of DOM changes, how many site headers and <main>s are shown
 * (not inside a hidden element), kept in window.__shown as [headers, mains] pairs.
 */
function watchShownApps() {
  window.__shown = [];
  const shown = (selector) => [...document.querySelectorAll(selector)].filter((el) => !el.closest("[hidden]")).length;
  new MutationObserver(() => window.__shown.push([shown("header.site-header"), shown("main")])).observe(document, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ["hidden"],
  });
}

test("the results build is prepared on the last step and opens in the same page: one app, the same address, focus on its heading, the answers carried", async () => {
  await withFreshPage(env, async (page) => {
    await page.addInitScript(watchShownApps);
    const loaded = [];
    page.on("request", (r) => {
      if (/\/results\//.test(new URL(r.url()).pathname)) loaded.push(new URL(r.url()).pathname);
    });
    await gotoApp(page, env.baseUrl, "#/");
    await page.getByTestId("start-button").click();
    const answers = VISITORS.suitable();
    let before;
    for (let step = 1; step <= 6; step++) {
      await answerStep(page, step, answers);
      if (step === 5) assert.deepEqual(loaded, [], "nothing of the results build before the last step");
      if (step === 6) {
        // The last step: fetched and compiled in the background, not started.
        await page.waitForFunction(() => performance.getEntriesByType("resource").some((e) => /\/results\/.*_bg\.wasm$/.test(e.name)));
        assert.ok(await page.getByTestId("step-6").isVisible());
        assert.equal(await page.locator("main").count(), 1);
        assert.equal(await page.locator("link[rel=stylesheet][href*='/results/']").count(), 0, "its stylesheet not added yet");
        before = await page.evaluate(() => window.__shown.length);
      }
      await page.getByTestId("next").click();
      if (step < 6) await page.getByTestId(`step-${step + 1}`).waitFor();
    }
    await page.getByTestId("result-page").waitFor();
    await waitForFocus(page, "page-heading");
    assert.equal((await page.locator("#page-heading").textContent()).trim(), t("verdict.suitable.headline"));
    assert.equal(await page.locator("main").count(), 1, "one app in the page");
    // The hand-over: the questionnaire's app showed until the results build had drawn its page,
    // then that one; never a page without its header, never two.
    const during = await page.evaluate((n) => window.__shown.slice(n), before);
    assert.ok(during.length > 0);
    assert.deepEqual(
      during.filter(([headers, mains]) => headers !== 1 || mains !== 1),
      [],
      "every state of the page during the hand-over shows one header and one main",
    );
    assert.equal(await page.evaluate(() => location.pathname + location.hash), "/#/result");
    assert.equal(new Set(loaded).size, loaded.length, `each file once: ${loaded.join(", ")}`);
    assert.ok(loaded.some((p) => p.endsWith(".wasm")));
    // Back to a step and forward again: the results build shows both, nothing more is loaded.
    const count = loaded.length;
    await page.goBack();
    await page.getByTestId("step-6").waitFor();
    await page.getByTestId("next").click();
    await page.getByTestId("result-page").waitFor();
    assert.equal(loaded.length, count);
    assert.equal(await page.locator("main").count(), 1);
  });
});

test("a saved-plans link opens straight in the results build", async () => {
  await withFreshPage(env, async (page) => {
    await gotoApp(page, env.baseUrl, "#/saved");
    await page.getByRole("heading", { level: 1, name: t("saved.title") }).waitFor();
    assert.equal(await page.locator("main").count(), 1);
  });
});

test("a link to a results page starts fetching the results build while the page loads; the questionnaire's pages do not", { skip: !built && "no dist/ yet" }, async () => {
  await withFreshPage(env, async (page) => {
    // Whether the page itself (its inline script, before any wasm has run) added the loader.
    await page.addInitScript(() =>
      document.addEventListener("DOMContentLoaded", () => {
        window.__loaderAtParse = document.querySelector('script[src="results/start.js"]') !== null;
      }),
    );
    const expected = {
      "#/saved": true,
      "#/saved/0123abcd": true,
      "#/s/ABC-def_1": true,
      "#/result": true,
      "#/plan": true,
      "#/letter": true,
      "#/": false,
      "": false,
      "#/step/1": false,
      "#/step/6": false,
      "#/about": true,
    };
    const seen = {};
    let n = 0;
    for (const hash of Object.keys(expected)) {
      // A new document each time (a query), not a hash change in this one.
      await page.goto(new URL(`?load=${n++}${hash}`, env.baseUrl).href);
      await page.locator(APP_MAIN).waitFor();
      seen[hash] = await page.evaluate(() => window.__loaderAtParse);
    }
    assert.deepEqual(seen, expected);
  });
});

/**
 * Runs `fn` on a fresh page where requests matching `blocked` fail as if offline, after a
 * whole questionnaire and "See my result"; then checks the page had no other problem than that
 * failure (`expected`: what the page's own reports of it match).
 */
async function withResultsBlocked(blocked, expected, fn) {
  const context = await env.browser.newContext({ serviceWorkers: "block" });
  try {
    const page = await newAppPage(context, env.baseUrl);
    await page.route(blocked, (route) => route.abort("internetdisconnected"));
    await gotoApp(page, env.baseUrl, "#/");
    await page.getByTestId("start-button").click();
    const answers = VISITORS.suitable();
    for (let step = 1; step <= 6; step++) {
      await answerStep(page, step, answers);
      await page.getByTestId("next").click();
      if (step < 6) await page.getByTestId(`step-${step + 1}`).waitFor();
    }
    await fn(page);
    const unexpected = page.problems.filter((p) => !expected.test(p) && !/Failed to load resource|ERR_INTERNET_DISCONNECTED/.test(p));
    assert.deepEqual(unexpected, []);
  } finally {
    await context.close();
  }
}

test("when the results build cannot be loaded the visitor is told, the answers are kept, and Try again works", async () => {
  await withResultsBlocked("**/results/start.js", /results\/start\.js/, async (page) => {
    const failed = page.getByTestId("results-failed");
    await failed.waitFor();
    assert.equal((await failed.getByRole("heading", { level: 1 }).textContent()).trim(), t("results_loader.failed_title"));
    assert.equal((await failed.getByRole("alert").textContent()).trim(), t("results_loader.failed"));
    const draft = await page.evaluate(() => sessionStorage.getItem("meso-advisor/draft") ?? localStorage.getItem("meso-advisor/draft"));
    assert.ok(draft && draft.includes("age"), "the answers are still stored");
    // The connection is back.
    await page.unroute("**/results/start.js");
    await page.getByTestId("results-retry").click();
    await page.getByTestId("result-page").waitFor();
    assert.equal((await page.locator("#page-heading").textContent()).trim(), t("verdict.suitable.headline"));
  });
});

test("a results build whose wasm cannot be loaded: told at once every time, and Try again works once it can", async () => {
  await withResultsBlocked("**/results/*_bg.wasm", /_bg\.wasm|could not be started/, async (page) => {
    await page.getByTestId("results-failed").waitFor();
    // Back to the last step and on again: the failure is remembered, not a spinner for ever.
    await page.goBack();
    await page.getByTestId("step-6").waitFor();
    await page.getByTestId("next").click();
    await page.getByTestId("results-failed").waitFor();
    assert.equal(await page.getByTestId("results-loading").count(), 0);
    await page.unroute("**/results/*_bg.wasm");
    await page.getByTestId("results-retry").click();
    await page.getByTestId("result-page").waitFor();
  });
});
