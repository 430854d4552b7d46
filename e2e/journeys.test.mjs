// Whole journeys through the release build, as a visitor, with the app's CSP enforced:
//  (a) a suitable visitor gets a plan, saves it, reloads, finds it, renames, deletes, undoes;
//  (b) a visitor with round patches is referred to a dermatologist (RF-PATCHES);
//  (c) a pregnant visitor is deferred (DF-PREGNANT) with no plan and no recheck date.
// Each result and plan is cross-checked with the command line on the same answers.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { setupE2E } from "./lib/env.mjs";
import { completeQuestionnaire, escapeRe, gotoApp, newAppPage, readPlanDates, storedPlans, t, waitForFocus, withFreshPage } from "./lib/app.mjs";
import { VISITORS } from "./lib/answers.mjs";
import { expectOutcomeAsCli, expectPlanAsCli } from "./lib/crosscheck.mjs";

let env;
before(async () => {
  env = await setupE2E();
});
after(async () => {
  await env?.close();
});

const journey = (fn) => withFreshPage(env, fn);

const nav = (page) => page.getByRole("navigation", { name: t("nav.main"), exact: true });

test("(a) a suitable visitor saves the plan, reloads, renames, deletes and restores it with undo", async () => {
  await journey(async (page) => {
    const answers = VISITORS.suitable();
    await completeQuestionnaire(page, env.baseUrl, answers);

    // Result: suitable, as the CLI says, with the disclaimer.
    const verdict = page.getByTestId("verdict");
    assert.equal(await verdict.getAttribute("data-verdict"), "suitable");
    assert.equal((await page.getByRole("heading", { level: 1 }).textContent()).trim(), t("verdict.suitable.headline"));
    assert.ok(await page.getByTestId("outcome").getByTestId("disclaimer").filter({ hasText: t("disclaimer") }).isVisible());
    const cli = await expectOutcomeAsCli(page, answers);

    // Plan: labelled as proposed, dates as the CLI's.
    await page.getByTestId("see-plan").click();
    await page.getByTestId("plan-page").waitFor();
    assert.equal((await page.getByTestId("plan-label").textContent()).trim(), t("plan.label.proposed"));
    const planRows = await expectPlanAsCli(page, cli);

    // Save under a nickname that looks like markup: it must be shown as typed, never as HTML.
    const label = "Sam’s <b>plan</b>";
    const saveForm = page.getByTestId("save-form");
    await saveForm.getByLabel(t("save.label"), { exact: true }).fill(label);
    await saveForm.getByRole("button", { name: t("save.button"), exact: true }).click();
    const status = page.getByTestId("saved-status");
    await status.waitFor();
    assert.equal(await status.getAttribute("role"), "status");
    assert.match(await status.textContent(), new RegExp(escapeRe(t("save.done"))));
    let stored = await storedPlans(page);
    assert.match(stored?.schema ?? "", /^meso-advisor\/plans@\d+$/, "the stored envelope's schema");
    assert.equal(stored.plans.length, 1, "one plan stored");
    assert.equal(stored.plans[0].label, label);
    const id = stored.plans[0].id;

    // Reload: the plan page is still there (the draft is kept for the tab)…
    await page.reload();
    await page.getByTestId("plan-page").getByTestId("plan-dates").waitFor();
    assert.deepEqual(await readPlanDates(page), planRows, "the plan after a reload");
    // …and so is the saved plan, in the list, also after reloading the list.
    await nav(page).getByRole("link", { name: t("nav.saved"), exact: true }).click();
    await page.getByTestId("saved-page").waitFor();
    const item = page.getByTestId("saved-item");
    await item.filter({ hasText: label }).waitFor();
    await page.reload();
    await page.getByTestId("saved-page").waitFor();
    await item.filter({ hasText: label }).waitFor();
    assert.equal(await item.count(), 1);
    assert.equal(await item.getAttribute("data-id"), id);
    assert.equal(await page.locator("b", { hasText: "plan" }).count(), 0, "the nickname's markup is not rendered");
    assert.match(await item.textContent(), new RegExp(escapeRe(t("verdict.suitable.headline"))));

    // Its own page shows the stored plan with the same dates.
    await item.getByRole("link", { name: label, exact: true }).click();
    const savedPage = page.getByTestId("saved-plan-page");
    await savedPage.waitFor();
    assert.equal((await savedPage.getByRole("heading", { level: 1 }).textContent()).trim(), label);
    assert.equal(await savedPage.getByTestId("verdict").getAttribute("data-verdict"), "suitable");
    assert.equal((await savedPage.getByTestId("plan-label").textContent()).trim(), t("plan.label.proposed"));
    assert.deepEqual(await readPlanDates(savedPage), planRows, "the saved plan's dates");

    // Rename from the list: the field takes focus, the new name is shown and stored.
    await nav(page).getByRole("link", { name: t("nav.saved"), exact: true }).click();
    await page.getByTestId("saved-page").waitFor();
    await page.getByRole("button", { name: t("saved.rename_named", { label }), exact: true }).click();
    const renameForm = page.getByTestId("rename-form");
    await renameForm.waitFor();
    await waitForFocus(page, `rename-${id}`);
    const renamed = "Renamed plan";
    await renameForm.getByLabel(t("saved.rename_label"), { exact: true }).fill(renamed);
    await renameForm.getByRole("button", { name: t("saved.rename_save"), exact: true }).click();
    await item.getByRole("link", { name: renamed, exact: true }).waitFor();
    stored = await storedPlans(page);
    assert.deepEqual(stored.plans.map((p) => p.label), [renamed], "the stored label after renaming");
    await page.reload();
    await item.getByRole("link", { name: renamed, exact: true }).waitFor();

    // Delete: gone from the list and from storage, with an undo offer naming it.
    await page.getByRole("button", { name: t("saved.delete_named", { label: renamed }), exact: true }).click();
    const undoBar = page.getByTestId("undo-bar");
    await undoBar.waitFor();
    assert.equal((await undoBar.locator("span").first().textContent()).trim(), t("saved.deleted", { label: renamed }));
    await page.getByTestId("saved-empty").waitFor();
    assert.equal(await item.count(), 0, "no saved item after the delete");
    assert.deepEqual((await storedPlans(page)).plans, [], "nothing stored after the delete");

    // Undo: back in the list and in storage, and still there after a reload.
    await undoBar.getByRole("button", { name: t("saved.undo"), exact: true }).click();
    await item.getByRole("link", { name: renamed, exact: true }).waitFor();
    await undoBar.waitFor({ state: "detached" });
    stored = await storedPlans(page);
    assert.deepEqual(stored.plans.map((p) => [p.id, p.label]), [[id, renamed]], "the plan stored again after undo");
    await page.reload();
    await item.getByRole("link", { name: renamed, exact: true }).waitFor();
    assert.equal(await item.count(), 1);
  });
});

test("(b) a visitor with round patches is referred to a dermatologist (RF-PATCHES), with no plan", async () => {
  await journey(async (page) => {
    const answers = VISITORS.refer();
    await completeQuestionnaire(page, env.baseUrl, answers);
    const verdict = page.getByTestId("verdict");
    assert.equal(await verdict.getAttribute("data-verdict"), "refer");
    assert.equal((await page.getByRole("heading", { level: 1 }).textContent()).trim(), t("verdict.refer.headline"));
    const finding = page.locator('[data-testid=findings] li[data-rule="RF-PATCHES"]');
    assert.equal(await finding.count(), 1, "the RF-PATCHES finding");
    assert.match(await finding.textContent(), new RegExp(t("rule.RF-PATCHES.title")));
    assert.match(await finding.textContent(), /Rule RF-PATCHES/);
    const referral = t("referral.line", { to: t("referral.to.dermatologist"), urgency: t("referral.urgency.soon") });
    assert.ok(await finding.getByText(referral, { exact: true }).isVisible(), `the finding says "${referral}"`);
    const who = page.getByRole("region", { name: t("result.referrals"), exact: true });
    const whoText = (await who.textContent()).replace(/\s+/g, " ");
    assert.ok(whoText.includes(referral), `"${referral}" under who to see`);
    assert.ok(whoText.includes("(RF-PATCHES)"), "the rule behind it is named");
    assert.equal(await page.getByTestId("see-plan").count(), 0, "no plan offered");
    await expectOutcomeAsCli(page, answers);

    await gotoApp(page, env.baseUrl, "#/plan");
    await page.getByTestId("no-plan").waitFor();
    assert.equal(await page.getByTestId("plan-dates").count(), 0, "no dates on the plan page");
  });
});

test("(c) a pregnant visitor is deferred (DF-PREGNANT): no plan and no recheck date", async () => {
  await journey(async (page) => {
    const answers = VISITORS.defer();
    await completeQuestionnaire(page, env.baseUrl, answers);
    assert.equal(await page.getByTestId("verdict").getAttribute("data-verdict"), "defer");
    assert.equal((await page.getByRole("heading", { level: 1 }).textContent()).trim(), t("verdict.defer.headline"));
    assert.equal(await page.locator('[data-testid=findings] li[data-rule="DF-PREGNANT"]').count(), 1, "the DF-PREGNANT finding");
    assert.equal(await page.getByTestId("recheck").count(), 0, "no recheck date (pregnancy has none)");
    assert.equal(await page.getByTestId("see-plan").count(), 0, "no plan offered");
    const cli = await expectOutcomeAsCli(page, answers);
    assert.equal(cli.recheck_on, null);
    assert.equal(cli.plan, null);

    await gotoApp(page, env.baseUrl, "#/plan");
    await page.getByTestId("no-plan").waitFor();
    assert.equal(await page.getByTestId("plan-dates").count(), 0, "no dates on the plan page");
  });
});
