// The benchmark behind scripts/bench.sh (not a test: it prints figures and fails only when it
// cannot measure). On a built dist/, served compressed as a web host would (gzip-server.mjs):
//
//   (a) first-load bytes, gzip and Brotli, per file and in total (first-load.mjs, shared with the size gate
//       of scripts/test.sh);
//   (b) Lighthouse 12, mobile and desktop: the four category scores, FCP, LCP, TBT, CLS;
//   (c) interaction latency under 4x CPU throttling (CDP Emulation.setCPUThrottlingRate): from
//       the click on Next to the next step's heading having focus (and to the next frame), p50 and
//       p95 over RUNS questionnaires (5 step changes each), and from the last step's "See my
//       result" to the result page, and from "See the plan" to the plan page; beside the step
//       changes, the browser's floor: the same changes with no app code (each step's markup as
//       the app drew it, swapped in by innerHTML and its heading focused);
//   (d) growth: the saved-plans page (#/saved) and the staff patient list (#/staff, clinic.json
//       served with kiosk.staff_passcode false) with 10, 100 and 1,000 stored plans, cloned from a
//       plan the real app saved: load + render time (4x throttling) and storage bytes per plan,
//       and render time alone: the list shown again in the same page (route away and back).
//
// Times are stamped in the page (event.timeStamp of the click, performance.now() in focusin and
// MutationObserver callbacks): Node only waits for the stamps, never sleeps.
//
//   node scripts/lib/bench.mjs [dist]      environment: BENCH_RUNS (questionnaires, default 10),
//                                          BENCH_SKIP=lighthouse,latency,growth (comma list)

import { randomBytes } from "node:crypto";
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { firstLoad, formatFirstLoad } from "./first-load.mjs";
import { startGzipServer } from "./gzip-server.mjs";
import { launchChromium } from "./browser.mjs";
import { CATEGORIES, formatRun, lighthouse } from "./lighthouse.mjs";
import { VISITORS } from "../../e2e/lib/answers.mjs";
import { answerStep, t } from "../../e2e/lib/app.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const DIST = resolve(process.argv[2] ?? join(ROOT, "dist"));
const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const SKIP = new Set((process.env.BENCH_SKIP ?? "").split(",").filter(Boolean));
const THROTTLE = 4;
const PLANS_KEY = "meso-advisor/plans";
// Rows the staff patient list shows at once (src/ui/pages/staff/patient_list.rs `PAGE`).
const STAFF_PAGE = Number(/const PAGE: usize = (\d+);/.exec(readFileSync(join(ROOT, "src/ui/pages/staff/patient_list.rs"), "utf8"))?.[1] ?? Infinity);
const SAVED_PAGE = Number(/const PAGE: usize = (\d+);/.exec(readFileSync(join(ROOT, "src/ui/pages/saved_list_page.rs"), "utf8"))?.[1] ?? Infinity);

const say = (s) => console.log(`==> ${s}`);
const ms = (v) => (v === null || v === undefined ? "–" : `${Math.round(v)} ms`);
const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return null;
  const i = (s.length - 1) * q;
  const lo = Math.floor(i);
  return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (i - lo);
};

/** A table with a header row, columns padded (numbers right-aligned). */
function table(header, rows) {
  const all = [header, ...rows].map((r) => r.map(String));
  const width = header.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  const line = (r) => "  " + r.map((c, i) => (i === 0 ? c.padEnd(width[i]) : c.padStart(width[i]))).join("  ");
  return [line(all[0]), "  " + width.map((w) => "-".repeat(w)).join("  "), ...all.slice(1).map(line)].join("\n");
}

// ---------------------------------------------------------------------------------------------
// (c) Interaction latency
// ---------------------------------------------------------------------------------------------

/** Page-side stamps: clicks on Next/See the plan, focus on a page heading, the frame after it. */
function installStamps() {
  window.__bench = { clicks: [], focus: [] };
  addEventListener(
    "click",
    (e) => {
      const b = e.target instanceof Element ? e.target.closest("[data-testid=next],[data-testid=see-plan]") : null;
      if (b) window.__bench.clicks.push({ t: e.timeStamp, what: b.dataset.testid });
    },
    true,
  );
  addEventListener(
    "focusin",
    (e) => {
      if (!(e.target instanceof Element) || e.target.id !== "page-heading") return;
      const stamp = { t: performance.now(), hash: location.hash, frame: null };
      window.__bench.focus.push(stamp);
      // The frame that shows it: a message posted from the next animation frame runs after it.
      requestAnimationFrame(() => {
        const ch = new MessageChannel();
        ch.port1.onmessage = () => (stamp.frame = performance.now());
        ch.port2.postMessage(null);
      });
    },
    true,
  );
}

async function throttledPage(context) {
  const page = await context.newPage();
  page.problems = [];
  page.on("pageerror", (err) => page.problems.push(err.message));
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: THROTTLE });
  return page;
}

/** Clicks `locator` and waits until the page has stamped the heading focus that follows. */
async function clickAndStamp(page, locator) {
  const before = await page.evaluate(() => window.__bench.focus.length);
  await locator.click();
  await page.waitForFunction((n) => window.__bench.focus.length > n && window.__bench.focus[n].frame !== null, before, {
    timeout: 60_000,
    polling: 100,
  });
  return page.evaluate((n) => {
    const click = window.__bench.clicks.at(-1);
    const focus = window.__bench.focus[n];
    return { focus: focus.t - click.t, frame: focus.frame - click.t, hash: focus.hash };
  }, before);
}

/**
 * In the page: puts `from` into <main>, waits for a frame, then swaps in `to`, scrolls to the
 * top and focuses #page-heading, as the app does on a step change but with no app code at all
 * (innerHTML). Returns [ms to focus, ms to the next frame].
 */
function swapMarkup([from, to]) {
  return new Promise((resolve) => {
    const main = document.querySelector("main");
    main.innerHTML = from;
    requestAnimationFrame(() =>
      setTimeout(() => {
        const t0 = performance.now();
        main.innerHTML = to;
        scrollTo(0, 0);
        document.getElementById("page-heading").focus({ preventScroll: true });
        const focused = performance.now() - t0;
        requestAnimationFrame(() => {
          const ch = new MessageChannel();
          ch.port1.onmessage = () => resolve([focused, performance.now() - t0]);
          ch.port2.postMessage(null);
        });
      }),
    );
  });
}

export async function latency(browser, baseUrl, runs) {
  const context = await browser.newContext({ serviceWorkers: "block", viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const samples = { step: [], result: [], plan: [], floor: [] };
  try {
    await context.addInitScript(installStamps);
    const page = await throttledPage(context);
    const answers = VISITORS.suitable();
    await page.goto(new URL("#/", baseUrl).href);
    // Each step's markup as the app drew it (answered), for the browser's floor below.
    const markup = [];
    for (let run = 0; run < runs; run++) {
      await page.getByTestId("start-button").waitFor();
      await page.getByTestId("start-button").click();
      await page.getByTestId("step-1").waitFor();
      for (let step = 1; step <= 6; step++) {
        await answerStep(page, step, answers);
        if (run === 0) markup.push(await page.evaluate(() => document.querySelector("main").innerHTML));
        const s = await clickAndStamp(page, page.getByTestId("next"));
        const expected = step < 6 ? `#/step/${step + 1}` : "#/result";
        if (s.hash !== expected) throw new Error(`after Next on step ${step}: focus on ${s.hash}, expected ${expected}`);
        (step < 6 ? samples.step : samples.result).push(s);
      }
      const p = await clickAndStamp(page, page.getByTestId("see-plan"));
      if (p.hash !== "#/plan") throw new Error(`after See the plan: focus on ${p.hash}`);
      samples.plan.push(p);
      await page.evaluate(() => (location.hash = "#/"));
    }
    if (page.problems.length) throw new Error(`errors in the page: ${page.problems.join("; ")}`);
    // The browser's floor on this machine: the same step changes with no app code, only the
    // new step's markup swapped in (style, layout, focus, paint). What the app adds is the rest.
    await page.getByTestId("start-button").waitFor();
    for (let run = 0; run < runs; run++) {
      for (let step = 1; step < 6; step++) {
        const [focus, frame] = await page.evaluate(swapMarkup, [markup[step - 1], markup[step]]);
        samples.floor.push({ focus, frame });
      }
    }
  } finally {
    await context.close();
  }
  return samples;
}

// ---------------------------------------------------------------------------------------------
// (d) Growth
// ---------------------------------------------------------------------------------------------

/** Runs the real app once (a suitable visitor, plan saved) and returns the stored envelope text. */
async function oneRealPlan(browser, baseUrl) {
  const context = await browser.newContext({ serviceWorkers: "block" });
  try {
    const page = await context.newPage();
    await page.goto(new URL("#/", baseUrl).href);
    await page.getByTestId("start-button").click();
    const answers = VISITORS.suitable();
    for (let step = 1; step <= 6; step++) {
      await page.getByTestId(`step-${step}`).waitFor();
      await answerStep(page, step, answers);
      await page.getByTestId("next").click();
    }
    await page.getByTestId("see-plan").click();
    // The plan page's own form (the result page has one too, until the plan replaces it).
    await page.getByTestId("plan").waitFor();
    const form = page.getByTestId("save-form");
    await form.getByLabel(t("save.label"), { exact: true }).fill("Bench patient");
    await form.getByRole("button", { name: t("save.button"), exact: true }).click();
    await page.getByTestId("saved-status").waitFor();
    return await page.evaluate((key) => localStorage.getItem(key), PLANS_KEY);
  } finally {
    await context.close();
  }
}

/** The envelope with `n` copies of its first plan, each with its own id, nickname and times. */
function envelopeWith(envelope, n) {
  const [plan] = envelope.plans;
  const base = Date.parse(plan.created_at) || Date.now();
  const plans = Array.from({ length: n }, (_, i) => {
    const at = new Date(base - i * 3_600_000).toISOString();
    return { ...plan, id: randomBytes(8).toString("hex"), label: `Patient ${String(i + 1).padStart(4, "0")}`, created_at: at, updated_at: at };
  });
  return JSON.stringify({ ...envelope, plans });
}

/** Stamps (in the page) when `selector` matches `want` elements: load + render time. */
function watchCount({ selector, want }) {
  window.__rendered = null;
  const check = () => {
    if (window.__rendered === null && document.querySelectorAll(selector).length >= want) {
      window.__rendered = performance.now();
      return true;
    }
    return false;
  };
  new MutationObserver((_, observer) => check() && observer.disconnect()).observe(document, { childList: true, subtree: true });
}

/** How many times each list is shown again within the page (render only), for a median. */
const RERENDERS = 5;

/**
 * In the page, the list already shown at `hash`: goes to `away` (a page without the list:
 * About in the results build, an unknown patient in staff mode), waits a frame, goes back to `hash`, and returns the ms from that route change to
 * the frame after `want` elements matching `selector` are in the page: the list rendered from
 * the plans the app already holds, with no load, no storage read and no parse.
 */
function rerender({ hash, away, selector, want }) {
  const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  const count = () => document.querySelectorAll(selector).length;
  return new Promise((resolve, reject) => {
    const gone = () => new Promise((done) => {
      const check = () => (count() === 0 ? done() : requestAnimationFrame(check));
      check();
    });
    location.hash = away;
    gone()
      .then(frame)
      .then(() => {
        const start = performance.now();
        const shown = new Promise((done) => {
          if (count() >= want) return done();
          new MutationObserver((_, o) => count() >= want && (o.disconnect(), done())).observe(document, { childList: true, subtree: true });
        });
        location.hash = hash;
        return shown.then(() => new Promise((r) => requestAnimationFrame(() => setTimeout(() => r(performance.now() - start), 0))));
      })
      .then(resolve, reject)
      .finally(() => clearTimeout(timeout));
    const timeout = setTimeout(() => reject(new Error(`${hash}: not shown again within 60 s`)), 60_000);
  });
}

/**
 * Stores `text` as the saved plans, loads `hash` fresh and returns the time (from navigation
 * start) at which `want` elements matching `selector` are in the page. With `rewrite`, then
 * renames the first plan in the list, so the app writes the envelope itself (large envelopes are
 * stored gzip-sealed), and also returns the characters it then takes in localStorage.
 */
async function timePage(browser, baseUrl, hash, text, selector, want, rewrite = false) {
  const context = await browser.newContext({ serviceWorkers: "block" });
  try {
    // First visit: store the plans on this origin, then load the page fresh and time it.
    const page = await context.newPage();
    await page.goto(new URL("/#/about", baseUrl).href);
    await page.locator("main#main:visible").waitFor();
    await page.evaluate(([key, value]) => localStorage.setItem(key, value), [PLANS_KEY, text]);
    await page.addInitScript(watchCount, { selector, want });
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: THROTTLE });
    await page.goto(new URL(`?bench=${want}${hash}`, baseUrl).href);
    await page.waitForFunction(() => window.__rendered !== null, null, { timeout: 180_000, polling: 200 }).catch(async (err) => {
      const seen = await page.evaluate((s) => `${document.querySelectorAll(s).length} × ${s}; ${document.querySelector("main")?.innerText.slice(0, 200)}`, selector);
      throw new Error(`${hash} with ${want} plans never rendered them all (${seen}): ${err.message}`);
    });
    const rendered = await page.evaluate(() => window.__rendered);
    const again = [];
    for (let i = 0; i < RERENDERS; i++) again.push(await page.evaluate(rerender, { hash, away: hash === "#/staff" ? "#/staff/p/0000000000000000" : "#/about", selector, want }));
    if (!rewrite) return { rendered, again };
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });
    const item = page.locator(selector).first();
    const id = await item.getAttribute("data-id");
    await page.locator(`[id="rename-button-${id}"]`).click();
    await page.locator(`[id="rename-${id}"]`).fill("Renamed by the bench");
    await page.getByTestId("rename-form").getByRole("button", { name: t("saved.rename_save"), exact: true }).click();
    await page.waitForFunction(([key, before]) => localStorage.getItem(key) !== before, [PLANS_KEY, text], { timeout: 60_000, polling: 100 });
    const stored = await page.evaluate((key) => localStorage.getItem(key), PLANS_KEY);
    return { rendered, again, storedChars: stored.length, sealed: stored.startsWith('{"schema":"meso-advisor/sealed@') };
  } finally {
    await context.close();
  }
}

export async function growth(browser, baseUrl, staffUrl) {
  const text = await oneRealPlan(browser, baseUrl);
  let envelope;
  try {
    envelope = JSON.parse(text);
  } catch {
    return { skipped: `the stored plans (${PLANS_KEY}) are not plain JSON (encrypted?): growth not measured` };
  }
  if (!/^meso-advisor\/plans@\d+$/.test(envelope?.schema ?? "") || !envelope.plans?.length) {
    return { skipped: `unexpected stored envelope (${String(text).slice(0, 60)}…): growth not measured` };
  }
  const rows = [];
  for (const n of [10, 100, 1000]) {
    const stored = envelopeWith(envelope, n);
    const bytes = Buffer.byteLength(stored, "utf8");
    const saved = await timePage(browser, baseUrl, "#/saved", stored, "[data-testid=saved-item]", Math.min(n, SAVED_PAGE), true);
    // Staff mode is its own page (staff/).
    const staff = staffUrl ? await timePage(browser, new URL("staff/", staffUrl).href, "#/staff", stored, "[data-testid=staff-patient]", Math.min(n, STAFF_PAGE)) : null;
    rows.push({
      n,
      bytes,
      perPlan: bytes / n,
      saved: saved.rendered,
      savedAgain: quantile(saved.again, 0.5),
      storedChars: saved.storedChars,
      sealed: saved.sealed,
      staff: staff?.rendered ?? null,
      staffAgain: staff ? quantile(staff.again, 0.5) : null,
    });
  }
  return { schema: envelope.schema, rows };
}

// ---------------------------------------------------------------------------------------------
// The run
// ---------------------------------------------------------------------------------------------

async function main() {
  const started = Date.now();
  // Measure a snapshot: a build into dist/ while the bench runs must not change what it serves.
  const snapshot = mkdtempSync(join(tmpdir(), "meso-bench-dist-"));
  cpSync(DIST, snapshot, { recursive: true, filter: (src) => !src.split("/").includes(".stage") });
  try {
    await bench(snapshot, started);
  } finally {
    rmSync(snapshot, { recursive: true, force: true });
  }
}

async function bench(dist, started) {
  say(`(a) first load of ${DIST} (gzip -9, as served)`);
  const load = firstLoad(dist);
  console.log(formatFirstLoad(load));

  const server = await startGzipServer(dist);
  const clinic = JSON.parse(readFileSync(join(dist, "clinic.json"), "utf8"));
  const staffServer = await startGzipServer(dist, {
    overrides: { "clinic.json": JSON.stringify({ ...clinic, kiosk: { ...(clinic.kiosk ?? {}), staff_passcode: false } }) },
  });
  const results = { load };
  try {
    // The bytes Chromium is sent are the ones counted: check once on the wasm.
    const wasm = load.files.find((f) => f.path.endsWith(".wasm"));
    if (wasm) {
      const res = await fetch(new URL(wasm.path, server.url), { headers: { "accept-encoding": "gzip" } });
      const sent = Number(res.headers.get("content-length"));
      await res.arrayBuffer();
      console.log(`  served as counted: ${wasm.path} ${res.headers.get("content-type")}, ${res.headers.get("content-encoding")}, ${sent} bytes`);
      if (sent !== wasm.gzip) throw new Error(`the server sent ${sent} bytes of ${wasm.path}, counted ${wasm.gzip}`);
    }

    if (!SKIP.has("lighthouse")) {
      results.lighthouse = [];
      // Lighthouse's default mobile and desktop runs estimate FCP/LCP from an unthrottled load
      // (simulated throttling); the third run throttles the load itself (DevTools: slow 4G, 4x CPU).
      for (const [name, args] of [
        ["mobile", []],
        ["desktop", ["--preset=desktop"]],
        ["mobile, applied throttling", ["--throttling-method=devtools"]],
      ]) {
        say(`(b) Lighthouse 12, ${name}`);
        const r = await lighthouse(server.url, name, args);
        results.lighthouse.push(r);
        console.log(`  ${formatRun(r)}`);
        for (const f of r.failed) console.log(`  not passed: ${f}`);
        for (const w of r.warnings) console.log(`  warning: ${w}`);
      }
    }

    const browser = await launchChromium();
    try {
      if (!SKIP.has("latency")) {
        say(`(c) interaction latency, CPU throttled ${THROTTLE}x, ${RUNS} questionnaires`);
        results.latency = await latency(browser, server.url, RUNS);
        console.log(`  ${results.latency.step.length} step changes, ${results.latency.result.length} results, ${results.latency.plan.length} plans`);
      }
      if (!SKIP.has("growth")) {
        say(`(d) growth: saved plans and staff list with 10, 100, 1000 plans, CPU throttled ${THROTTLE}x`);
        results.growth = await growth(browser, server.url, staffServer.url);
        if (results.growth.skipped) console.log(`  ${results.growth.skipped}`);
      }
    } finally {
      await browser.close();
    }
  } finally {
    await server.close();
    await staffServer.close();
  }

  // The summary.
  console.log();
  say("summary");
  console.log(`\n(a) first load: ${load.files.length} files, ${load.gzip} bytes gzip (${(load.gzip / 1024).toFixed(1)} KiB), ${load.raw} bytes raw`);
  console.log(table(["file", "raw", "gzip"], [...load.files.map((f) => [f.path, f.raw, f.gzip]), ["total", load.raw, load.gzip]]));
  if (results.lighthouse) {
    console.log("\n(b) Lighthouse 12 (Debian Chromium, headless; mobile = simulated slow 4G and 4x CPU)");
    console.log(
      table(
        ["", "perf", "a11y", "best-pr.", "SEO", "FCP", "LCP", "TBT", "CLS"],
        results.lighthouse.map((r) => [
          r.name,
          r.scores.performance,
          r.scores.accessibility,
          r.scores["best-practices"],
          r.scores.seo,
          ms(r.fcp),
          ms(r.lcp),
          ms(r.tbt),
          r.cls?.toFixed(3) ?? "–",
        ]),
      ),
    );
  }
  if (results.latency) {
    const l = results.latency;
    console.log(`\n(c) interaction latency, CPU ${THROTTLE}x slower, phone viewport (click → heading focused; → next frame)`);
    const row = (name, xs) => [name, xs.length, ms(quantile(xs.map((s) => s.focus), 0.5)), ms(quantile(xs.map((s) => s.focus), 0.95)), ms(quantile(xs.map((s) => s.frame), 0.5)), ms(quantile(xs.map((s) => s.frame), 0.95))];
    console.log(
      table(
        ["interaction", "n", "focus p50", "focus p95", "frame p50", "frame p95"],
        [
          row("Next: step → next step", l.step),
          row("  the first questionnaire", l.step.slice(0, 5)),
          row("  the later ones", l.step.slice(5)),
          row("  the browser's floor", l.floor),
          row("See my result: step 6 → result", l.result),
          row("  the first (results build)", l.result.slice(0, 1)),
          row("  the later ones", l.result.slice(1)),
          row("See the plan: result → plan", l.plan),
        ],
      ),
    );
    console.log("  the browser's floor: the same step changes with no app code (the next step's markup, as the app drew it, put in");
    console.log("  by innerHTML, scrolled to the top, heading focused): the style, layout and paint any implementation pays here;");
    console.log("  the first questionnaire: a visitor's (the browser compiles each wasm function when first called); the first result");
    console.log("  also waits for the results build to start (here loaded during step 6, as the page does; a visitor takes longer)");
  }
  if (results.growth) {
    console.log(`\n(d) growth (load + render from navigation start, CPU ${THROTTLE}x slower)`);
    if (results.growth.skipped) console.log(`  ${results.growth.skipped}`);
    else {
      console.log(
        table(
          ["plans", "JSON bytes", "bytes/plan", "as the app stores it", "chars/plan", "#/saved", "again", "#/staff", "again"],
          results.growth.rows.map((r) => [
            r.n,
            r.bytes,
            Math.round(r.perPlan),
            `${r.storedChars} chars${r.sealed ? " (sealed)" : ""}`,
            Math.round(r.storedChars / r.n),
            ms(r.saved),
            ms(r.savedAgain),
            r.staff === null ? "skipped" : ms(r.staff),
            ms(r.staffAgain),
          ]),
        ),
      );
      console.log("  JSON bytes: the plans@2 envelope as plain JSON (UTF-8); as the app stores it: localStorage characters after the");
      console.log("  app itself rewrote it (one plan renamed; large envelopes are gzip-sealed); times: navigation start → every row rendered;");
      console.log(`  again: the list rendered once more in the same page (route away and back: no load, no read), to the next frame, median of ${RERENDERS}`);
      console.log(
        `  (${results.growth.schema}; #/staff served with kiosk.staff_passcode false, so no passcode prompt; #/saved shows ${SAVED_PAGE} rows at a time and #/staff ${STAFF_PAGE}: the time is to the first page of rows)`,
      );
    }
  }
  console.log(`\nbench done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    console.error(`bench: ${err.stack ?? err}`);
    process.exit(1);
  });
}
