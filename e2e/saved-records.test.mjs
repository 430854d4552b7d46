// Saved plans are typed records (spec §9), seen as a visitor would:
//  - a saved plan keeps the after-care it was computed with after clinic.json changes, while a
//    new assessment follows the new settings;
//  - plans@1 data written by the previous build (tests/fixtures/plans_v1) is migrated when the
//    app starts with the shipped clinic.json: every plan listed and shown, nothing lost;
//  - "Not sure" on the smooth-area question shows a note (and is kept with the saved plan);
//  - the plan page carries the safety information.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { setupE2E, ROOT } from "./lib/env.mjs";
import { completeQuestionnaire, gotoApp, option, storedChars, storedPlans, storeManyPlans, t, withFreshPage } from "./lib/app.mjs";
import { VISITORS } from "./lib/answers.mjs";

let env;
before(async () => {
  env = await setupE2E();
});
after(async () => {
  await env?.close();
});

const shippedClinic = JSON.parse(readFileSync(join(ROOT, "clinic.json"), "utf8"));

/** Serves this clinic.json instead of the shipped one (the page fetches it on every start). */
async function serveClinic(page, clinic) {
  await page.unroute("**/clinic.json").catch(() => {});
  await page.route("**/clinic.json", (route) =>
    route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify(clinic) }),
  );
}

const sunLine = (hours) => t("aftercare.no_sun", { hours: String(hours) });

test("a saved plan keeps its own after-care when the clinic's settings change", async () => {
  await withFreshPage(env, async (page) => {
    await serveClinic(page, shippedClinic);
    await completeQuestionnaire(page, env.baseUrl, VISITORS.suitable());
    await page.getByTestId("see-plan").click();
    const plan = page.getByTestId("plan");
    await plan.waitFor();
    assert.ok(await plan.getByText(sunLine(48), { exact: true }).isVisible(), "48 h today");
    const form = page.getByTestId("save-form");
    await form.getByLabel(t("save.label"), { exact: true }).fill("Before the change");
    await form.getByRole("button", { name: t("save.button"), exact: true }).click();
    await page.getByTestId("saved-status").waitFor();
    const stored = await storedPlans(page);
    assert.equal(stored.schema, "meso-advisor/plans@2");
    assert.equal(stored.plans[0].clinic.aftercare.no_sun_hours, 48);
    assert.equal(JSON.stringify(stored).includes(t("lifestyle.gentle_care")), false, "no rendered text is stored");

    // The clinic now asks for 96 hours out of the sun.
    await serveClinic(page, { ...shippedClinic, aftercare: { ...shippedClinic.aftercare, no_sun_hours: 96 } });
    await page.reload();
    await gotoApp(page, env.baseUrl, `#/saved/${stored.plans[0].id}`);
    const saved = page.getByTestId("saved-plan-page");
    await saved.waitFor();
    assert.ok(await saved.getByText(sunLine(48), { exact: true }).isVisible(), "the saved plan still says 48 h");
    assert.equal(await saved.getByText(sunLine(96), { exact: true }).count(), 0);
    // The plan of the current answers follows today's settings.
    await gotoApp(page, env.baseUrl, "#/plan");
    await page.getByTestId("plan").waitFor();
    assert.ok(await page.getByTestId("plan").getByText(sunLine(96), { exact: true }).isVisible(), "a new plan says 96 h");
  });
});

test("plans saved by the previous version (plans@1) are migrated with nothing lost", async () => {
  const v1 = readFileSync(join(ROOT, "tests/fixtures/plans_v1/shipped.json"), "utf8");
  const old = JSON.parse(v1);
  await withFreshPage(env, async (page) => {
    await serveClinic(page, shippedClinic);
    await page.addInitScript((text) => {
      if (!sessionStorage.getItem("e2e-seeded")) {
        localStorage.setItem("meso-advisor/plans", text);
        sessionStorage.setItem("e2e-seeded", "1");
      }
    }, v1);
    await gotoApp(page, env.baseUrl, "#/saved");
    const items = page.getByTestId("saved-item");
    await items.first().waitFor();
    assert.equal(await items.count(), old.plans.length);
    for (const p of old.plans) {
      assert.ok(await page.getByText(p.label, { exact: true }).first().isVisible(), `"${p.label}" is listed`);
    }
    const stored = await storedPlans(page);
    assert.equal(stored.schema, "meso-advisor/plans@2");
    assert.deepEqual(
      stored.plans.map((p) => p.id).sort(),
      old.plans.map((p) => p.id).sort(),
    );
    assert.equal(stored.unconverted, undefined, "every record converted");
    assert.equal(await page.evaluate(() => localStorage.getItem("meso-advisor/plans@1.backup")), null);
    // Each migrated plan shows the verdict and dates it was saved with.
    for (const p of old.plans) {
      await gotoApp(page, env.baseUrl, `#/saved/${p.id}`);
      const saved = page.getByTestId("saved-plan-page");
      await saved.waitFor();
      assert.equal(await saved.getByTestId("verdict").getAttribute("data-verdict"), p.outcome.verdict, p.label);
      if (p.outcome.plan) {
        const dates = await saved.getByTestId("plan-dates").locator("li[data-kind=session]").evaluateAll((els) => els.map((e) => e.dataset.date));
        assert.deepEqual(dates, p.outcome.plan.sessions.map((s) => s.date), `${p.label}: session dates`);
      }
    }
  });
});

test("'Not sure' about a smooth area shows a note, kept with the saved plan; the plan carries the safety information", async () => {
  await withFreshPage(env, async (page) => {
    await serveClinic(page, shippedClinic);
    await completeQuestionnaire(page, env.baseUrl, VISITORS.suitable());
    // Change the answer to "Not sure" on step 2.
    await gotoApp(page, env.baseUrl, "#/step/2");
    await option(page, "no_regrowth_visible", "unsure").check();
    await gotoApp(page, env.baseUrl, "#/result");
    const notes = page.getByTestId("notes");
    await notes.waitFor();
    assert.ok(await notes.getByText(t("note.smooth_unsure.title"), { exact: true }).isVisible());
    assert.ok(await page.getByTestId("safety-info").isVisible(), "safety information before booking");
    await page.getByTestId("see-plan").click();
    await page.getByTestId("plan").waitFor();
    const safety = page.getByTestId("plan").getByTestId("safety-info");
    assert.ok(await safety.isVisible(), "the plan carries the safety information");
    assert.match(await safety.textContent(), new RegExp(t("safety.emergency.title").slice(0, 12)));
    const form = page.getByTestId("save-form");
    await form.getByLabel(t("save.label"), { exact: true }).fill("Not sure");
    await form.getByRole("button", { name: t("save.button"), exact: true }).click();
    await page.getByTestId("saved-status").waitFor();
    const stored = await storedPlans(page);
    assert.equal(stored.plans[0].smooth_area_unsure, true);
    await gotoApp(page, env.baseUrl, `#/saved/${stored.plans[0].id}`);
    await page.getByTestId("saved-plan-page").waitFor();
    assert.ok(await page.getByTestId("notes").getByText(t("note.smooth_unsure.title"), { exact: true }).isVisible());
  });
});

test("many saved plans: the newest 100 are listed, with how many in all, and Show more lists the rest", async () => {
  await withFreshPage(env, async (page) => {
    await storeManyPlans(page, env.baseUrl, 150, "Plan");
    await gotoApp(page, env.baseUrl, "#/saved");
    const items = page.getByTestId("saved-item");
    await page.getByTestId("saved-shown").waitFor();
    assert.equal(await items.count(), 100);
    assert.equal((await page.getByTestId("saved-shown").textContent()).trim(), t("saved.shown", { shown: "100", total: "150" }));
    assert.equal((await page.getByTestId("saved-more").textContent()).trim(), t("saved.more", { n: "50" }));
    await page.getByTestId("saved-more").focus();
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.querySelectorAll("[data-testid=saved-item]").length === 150);
    assert.equal(await page.getByTestId("saved-shown").count(), 0);
    assert.equal(await page.getByTestId("saved-more").count(), 0);
    // The button went with the last page: focus is on the first plan it added, not lost.
    assert.equal(
      await page.evaluate(() => document.activeElement?.closest("[data-testid=saved-item]")?.dataset.id),
      await items.nth(100).getAttribute("data-id"),
    );
  });
});

test("the saved plans' share of the browser's space counts every stored character as the browser does (UTF-16)", async () => {
  await withFreshPage(env, async (page) => {
    await storeManyPlans(page, env.baseUrl, 150, "Plän");
    // Another item of this site, of 500,000 emoji: 1,000,000 UTF-16 code units (the browsers'
    // measure, 20% of the 5 million), 2,000,000 UTF-8 bytes, 500,000 Unicode characters.
    await page.evaluate(() => localStorage.setItem("meso-advisor/test-filler", "😀".repeat(500_000)));
    await gotoApp(page, env.baseUrl, "#/saved");
    const share = page.getByTestId("storage-plans-share");
    await share.waitFor();
    const chars = await storedChars(page);
    assert.ok(chars > 1_250_000 && chars < 1_500_000, `${chars} characters stored`);
    assert.equal((await share.textContent()).trim(), t("storage.plans_share", { percent: String(Math.round((100 * chars) / 5_000_000)) }));
  });
});
