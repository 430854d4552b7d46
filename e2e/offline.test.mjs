// The clinic's tablet (spec §11), as a new user would try it on the release build:
//  - loaded once online, then the network cut (the server stopped): the app starts, a whole
//    assessment runs to a plan, the plan is saved and listed;
//  - clinic.json changes made while online are picked up on the next online start, and the
//    last one seen is used offline;
//  - a new version waits: a banner offers "Reload", the old version keeps running until then,
//    and no request fails in between; once the results build has taken the questionnaire's
//    place, it alone checks for a new version (once an hour) and shows the banner;
//  - Chromium finds the app installable (DevTools protocol);
//  - kiosk mode: idle → countdown → reset; "I'm still here" and Escape cancel; after a reset
//    Back, session storage, local storage and the page hold nothing of the previous visitor.
// Each test serves its own copy of dist/ (so it can change files and stop the server).

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setupE2E, DIST } from "./lib/env.mjs";
import { startStaticServer } from "../scripts/lib/static-server.mjs";
import { launchChromiumProfile } from "../scripts/lib/browser.mjs";
import { APP_MAIN, answerStep, completeQuestionnaire, gotoApp, newAppPage, next, setStaffPasscode, storedPlans, t } from "./lib/app.mjs";
import { VISITORS } from "./lib/answers.mjs";

let env;
before(async () => {
  env = await setupE2E();
});
after(async () => {
  await env?.close();
});

/** A copy of dist/ served on 127.0.0.1; `stop()` cuts the network, `start()` restores it. */
async function servedCopy() {
  const dir = mkdtempSync(join(tmpdir(), "meso-dist-"));
  cpSync(DIST, dir, { recursive: true });
  let server = await startStaticServer(dir);
  const port = new URL(server.url).port;
  return {
    dir,
    url: server.url,
    clinic: () => JSON.parse(readFileSync(join(dir, "clinic.json"), "utf8")),
    writeClinic: (c) => writeFileSync(join(dir, "clinic.json"), JSON.stringify(c)),
    async stop() {
      await server.close();
    },
    async start() {
      server = await startStaticServer(dir, Number(port));
    },
    async close() {
      await server.close().catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Waits until a service worker controls the page. */
async function controlled(page) {
  await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 15000 });
}

/** The build id of the worker controlling the page. */
function controllerBuild(page) {
  return page.evaluate(
    () =>
      new Promise((ok) => {
        const ch = new MessageChannel();
        ch.port1.onmessage = (e) => ok(e.data);
        navigator.serviceWorker.controller.postMessage("build-id", [ch.port2]);
      }),
  );
}

async function withServedPage(fn, contextOptions = {}) {
  const site = await servedCopy();
  const context = await env.browser.newContext(contextOptions);
  try {
    const page = await newAppPage(context, site.url);
    await fn(page, site, context);
    assert.deepEqual(page.problems, [], "errors, CSP violations, failed or foreign requests");
  } finally {
    await context.close();
    await site.close();
  }
}

/** Rewrites the served sw.js with another build id (a new version of the app, to the browser). */
function newWorker(swPath, buildId) {
  const before = readFileSync(swPath, "utf8");
  const after = before.replace(/BUILD_ID ?= ?"[0-9a-f]+"/, `BUILD_ID="${buildId}"`);
  assert.notEqual(after, before, "sw.js has a build id to change");
  writeFileSync(swPath, after);
}

test("after one online visit the app works with no network: an assessment, a plan, a save", async () => {
  await withServedPage(async (page, site) => {
    await gotoApp(page, site.url, "#/");
    await controlled(page);
    await site.stop();
    await page.reload();
    await page.getByTestId("start-page").waitFor();
    await completeQuestionnaire(page, site.url, VISITORS.suitable());
    await page.getByTestId("see-plan").click();
    await page.getByTestId("plan").waitFor();
    const form = page.getByTestId("save-form");
    await form.getByLabel(t("save.label"), { exact: true }).fill("Offline plan");
    await form.getByRole("button", { name: t("save.button"), exact: true }).click();
    await page.getByTestId("saved-status").waitFor();
    await gotoApp(page, site.url, "#/saved");
    assert.ok(await page.getByText("Offline plan", { exact: true }).isVisible());
    assert.equal((await storedPlans(page)).plans.length, 1);
  });
});

test("the setup page (its own document) opened online leaves the app's page as it was offline", async () => {
  await withServedPage(async (page, site) => {
    await gotoApp(page, site.url, "#/");
    await controlled(page);
    await page.goto(new URL("setup/", site.url).href);
    await page.getByTestId("setup-page").waitFor();
    await site.stop();
    // Offline, the app's address is still the app, and the setup page is still the setup page.
    await page.goto(site.url);
    await page.getByTestId("start-page").waitFor();
    assert.equal(await page.getByTestId("setup-page").count(), 0);
    await page.goto(new URL("setup/", site.url).href);
    await page.getByTestId("setup-page").waitFor();
    await site.start();
  });
});

/** In the page: whether one of the worker's caches holds this address (from the site root). */
async function inWorkerCache(path) {
  for (const name of await caches.keys()) {
    if (name.startsWith("meso-advisor-") && (await (await caches.open(name)).match(new URL(path, location.origin).href))) return true;
  }
  return false;
}

test("staff mode works offline on a device that has opened it, and only there", async () => {
  await withServedPage(async (page, site) => {
    await gotoApp(page, site.url, "#/");
    await controlled(page);
    assert.equal(await page.evaluate(inWorkerCache, "/staff/index.html"), false, "a visitor's device does not keep staff mode");
    await page.goto(new URL("staff/#/staff", site.url).href);
    await page.getByTestId("staff-unlock").waitFor();
    await page.waitForFunction(async () => (await caches.keys()).includes("meso-advisor-device-staff"));
    await page.waitForFunction(inWorkerCache, "/staff/index.html");
    // A new version installs staff mode too on this device (not only what a visit cached).
    const swPath = join(site.dir, "sw.js");
    const newBuild = "5afe5afe5afe5afe";
    newWorker(swPath, newBuild);
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
    await page.getByTestId("update-banner").waitFor();
    const installed = await page.evaluate(
      async (name) => (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname),
      `meso-advisor-${newBuild}`,
    );
    assert.ok(installed.includes("/staff/index.html"), installed.join(" "));
    assert.ok(installed.some((p) => /^\/staff\/staff-[0-9a-f]+_bg\.wasm$/.test(p)), "staff mode's wasm");
    await Promise.all([page.waitForEvent("load"), page.getByTestId("update-reload").click()]);
    await controlled(page);
    assert.equal(await controllerBuild(page), newBuild);
    await site.stop();
    await setStaffPasscode(page, site.url, "482913");
    // And the app's own page, offline too.
    await page.goto(site.url);
    await page.getByTestId("start-page").waitFor();
    await site.start();
  });
});

test("clinic.json changes are picked up online; offline the last one seen is used", async () => {
  await withServedPage(async (page, site) => {
    await gotoApp(page, site.url, "#/");
    await controlled(page);
    site.writeClinic({ ...site.clinic(), name: "Renamed Clinic" });
    await page.reload();
    await page.getByText("Renamed Clinic").first().waitFor();
    await site.stop();
    await page.reload();
    await page.getByTestId("start-page").waitFor();
    assert.ok(await page.getByText("Renamed Clinic").first().isVisible(), "the cached settings offline");
    await site.start();
  });
});

test("a new version waits for Reload, the old one runs until then, no request fails", async () => {
  await withServedPage(async (page, site) => {
    await gotoApp(page, site.url, "#/");
    await controlled(page);
    const oldBuild = await controllerBuild(page);
    // A visitor is half-way through an assessment.
    await page.getByTestId("start-button").click();
    await answerStep(page, 1, VISITORS.suitable());
    await next(page, 1);
    // A new build lands on the server (a new worker: same files, a new id).
    const swPath = join(site.dir, "sw.js");
    const newBuild = "feedfacecafebeef";
    newWorker(swPath, newBuild);
    // The tablet checks for it (a navigation would too); the visitor's page is not reloaded.
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
    const banner = page.getByTestId("update-banner");
    await banner.waitFor();
    assert.equal(await banner.getAttribute("role"), "status");
    assert.equal(await page.getByTestId("step-2").count(), 1, "still on step 2: nothing reloaded");
    assert.equal(await controllerBuild(page), oldBuild, "the old version still runs");
    await Promise.all([page.waitForEvent("load"), banner.getByTestId("update-reload").click()]);
    await controlled(page);
    assert.equal(await controllerBuild(page), newBuild, "the new version runs after Reload");
    const caches = await page.evaluate(() => caches.keys());
    assert.deepEqual(caches, [`meso-advisor-${newBuild}`], "old caches removed");
    // The draft survived the reload (same tab).
    await page.getByTestId("step-2").waitFor();
  });
});

/** In the page: `checkHourly()` runs every hourly check for a new version the app has set up
 * and returns how many asked the browser to look (`registration.update()`). */
function watchHourlyChecks() {
  const hourly = [];
  const setInterval = self.setInterval;
  self.setInterval = function (f, ms, ...rest) {
    if (ms === 3600000) hourly.push(f);
    return setInterval.call(self, f, ms, ...rest);
  };
  let updates = 0;
  const update = ServiceWorkerRegistration.prototype.update;
  ServiceWorkerRegistration.prototype.update = function () {
    updates += 1;
    return update.call(this);
  };
  self.hourlyChecks = () => hourly.length;
  self.checkHourly = () => {
    updates = 0;
    for (const f of hourly) f();
    return updates;
  };
}

test("once the results build has taken over, it alone checks for a new version, and hears one", async () => {
  await withServedPage(async (page, site) => {
    await page.addInitScript(watchHourlyChecks);
    await gotoApp(page, site.url, "#/");
    await controlled(page);
    await page.waitForFunction(() => self.hourlyChecks() === 1);
    assert.equal(await page.evaluate(() => self.checkHourly()), 1, "the questionnaire's build checks");
    await completeQuestionnaire(page, site.url, VISITORS.suitable());
    await page.getByTestId("outcome").waitFor();
    // The results build set up its own check; the questionnaire's app has unmounted, and its
    // check (still set: inert) no longer asks.
    await page.waitForFunction(() => self.hourlyChecks() === 2);
    assert.equal(await page.evaluate(() => self.checkHourly()), 1, "one check an hour, not two");
    newWorker(join(site.dir, "sw.js"), "0123456789abcdef");
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
    await page.getByTestId("update-banner").waitFor();
    assert.equal(await page.getByTestId("outcome").count(), 1, "still on the result");
  });
});

test("Chromium reports no installability errors", async () => {
  const site = await servedCopy();
  const profile = mkdtempSync(join(tmpdir(), "meso-profile-"));
  // A real profile: an incognito context is never installable.
  const context = await launchChromiumProfile(profile);
  try {
    const page = await newAppPage(context, site.url);
    await gotoApp(page, site.url, "#/");
    await controlled(page);
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
    assert.deepEqual(installabilityErrors, []);
    const manifest = await cdp.send("Page.getAppManifest");
    assert.deepEqual(manifest.errors, []);
    const m = JSON.parse(manifest.data);
    assert.equal(m.display, "standalone");
    assert.ok(m.icons.some((i) => i.purpose === "maskable" && i.sizes === "512x512"));
    assert.deepEqual(page.problems, []);
  } finally {
    await context.close();
    await site.close();
    rmSync(profile, { recursive: true, force: true });
  }
});

// ---------------------------------------------------------------------------------------------
// Kiosk mode, with the page's clock controlled (no real waiting).
// ---------------------------------------------------------------------------------------------

async function kioskPage(page, site) {
  site.writeClinic({ ...site.clinic(), kiosk: { idle_reset_seconds: 60, staff_passcode: true } });
  await page.clock.install();
  await gotoApp(page, site.url, "#/");
}

test("kiosk: idle → countdown → reset; nothing of the visitor remains", async () => {
  await withServedPage(
    async (page, site) => {
      await kioskPage(page, site);
      // The saved-plans list is not for visitors.
      assert.equal(await page.getByRole("link", { name: t("nav.saved"), exact: true }).count(), 0);
      await completeQuestionnaire(page, site.url, VISITORS.suitable());
      await page.getByTestId("see-plan").click();
      await page.getByTestId("plan").waitFor();
      const form = page.getByTestId("save-form");
      await form.getByLabel(t("save.label"), { exact: true }).fill("Kept for the clinic");
      await form.getByRole("button", { name: t("save.button"), exact: true }).click();
      assert.equal((await page.getByTestId("saved-status").textContent()).trim(), t("kiosk.saved_for_clinic"));
      const historyBefore = await page.evaluate(() => history.length);

      // Idle: the countdown appears, modal, focused on "I'm still here".
      await page.clock.runFor(61_000);
      const dialog = page.getByTestId("kiosk-dialog");
      await dialog.getByTestId("kiosk-still-here").waitFor();
      assert.equal(await page.evaluate(() => document.activeElement?.id), "kiosk-still-here");
      assert.ok(await dialog.evaluate((d) => d.open && d.matches(":modal")), "a modal dialog");
      assert.equal((await dialog.getByTestId("kiosk-seconds").textContent()).trim(), t("kiosk.seconds", { n: "30" }));
      // "I'm still here" cancels.
      await dialog.getByTestId("kiosk-still-here").click();
      await dialog.getByTestId("kiosk-still-here").waitFor({ state: "detached" });
      await page.getByTestId("plan").waitFor();
      // Idle again; Escape cancels too.
      await page.clock.runFor(61_000);
      await dialog.getByTestId("kiosk-still-here").waitFor();
      await page.keyboard.press("Escape");
      await dialog.getByTestId("kiosk-still-here").waitFor({ state: "detached" });
      // Idle again, and nobody answers: the visit is cleared.
      await page.clock.runFor(61_000);
      await dialog.getByTestId("kiosk-still-here").waitFor();
      await page.clock.runFor(31_000);
      await page.getByTestId("start-page").waitFor();
      assert.equal(await page.getByTestId("continue-button").count(), 0, "no answers in progress");
      assert.equal(await page.evaluate(() => sessionStorage.length), 0, "session storage empty");
      const localKeys = await page.evaluate(() => Object.keys(localStorage));
      assert.deepEqual(localKeys, ["meso-advisor/plans"], "only the saved plans stay on the device");
      assert.equal((await storedPlans(page)).plans[0].label, "Kept for the clinic");
      assert.ok(!(await page.content()).includes("Kept for the clinic"), "nothing of the visitor in the page");
      assert.ok(await page.evaluate(() => history.length) <= historyBefore, "no history entries added");
      // Back does not reveal the previous visitor's pages.
      await page.goBack().catch(() => {});
      const url = page.url();
      if (url.startsWith(site.url)) {
        await page.locator(APP_MAIN).waitFor();
        assert.equal(await page.getByTestId("plan").count(), 0, "no plan after Back");
        assert.equal(await page.getByTestId("result-page").count(), 0, "no result after Back");
      }
    },
    { serviceWorkers: "block" },
  );
});

test("kiosk: 'Finish and hand back' clears the visit at once", async () => {
  await withServedPage(
    async (page, site) => {
      await kioskPage(page, site);
      await completeQuestionnaire(page, site.url, VISITORS.suitable());
      await page.getByTestId("finish-visit").click();
      await page.getByTestId("start-page").waitFor();
      assert.equal(await page.evaluate(() => sessionStorage.length), 0);
      assert.equal(await page.getByTestId("continue-button").count(), 0);
      assert.equal(await page.evaluate(() => location.hash), "#/");
    },
    { serviceWorkers: "block" },
  );
});

test("kiosk: staff mode left alone goes back to the app's start page, and is locked again", async () => {
  await withServedPage(
    async (page, site) => {
      await kioskPage(page, site);
      await setStaffPasscode(page, site.url, "482913");
      // Nobody answers the countdown: the tablet is back on the app's start page.
      await page.clock.runFor(61_000);
      await page.getByTestId("kiosk-dialog").getByTestId("kiosk-still-here").waitFor();
      await page.clock.runFor(31_000);
      await page.waitForURL((u) => new URL(u).pathname === "/");
      await page.getByTestId("start-page").waitFor();
      // Staff mode is locked again: its page asks for the passcode.
      await page.goto(new URL("staff/#/staff", site.url).href);
      await page.getByTestId("staff-unlock").waitFor();
      assert.equal(await page.getByTestId("staff-patients").count(), 0);
    },
    { serviceWorkers: "block" },
  );
});
