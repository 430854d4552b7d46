// Staff mode (spec §11) as clinic staff would use it on a tablet, by visible labels:
//  - a passcode set on first use (twice), wrong tries back off with a countdown, lock/unlock;
//  - a patient's whole course: assessment, save, staff unlock, confirm, adjust one session,
//    record three sessions with lots, a review with scores, chart shown, export, clear
//    storage, import, everything back;
//  - the passcode is never stored, only its PBKDF2 hash.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { setupE2E, TABLET } from "./lib/env.mjs";
import { launchChromium, CHROMIUM_ARGS } from "../scripts/lib/browser.mjs";
import { APP_MAIN, completeQuestionnaire, gotoApp, newAppPage, setStaffPasscode, storedPlans, storeManyPlans, t } from "./lib/app.mjs";
import { VISITORS } from "./lib/answers.mjs";

let env;
before(async () => {
  env = await setupE2E();
});
after(async () => {
  await env?.close();
});

const PASSCODE = "482913";

async function withTablet(fn) {
  const context = await env.browser.newContext({ ...TABLET, serviceWorkers: "block", acceptDownloads: true });
  try {
    const page = await newAppPage(context, env.baseUrl);
    await fn(page);
    assert.deepEqual(page.problems, [], "errors, CSP violations or foreign requests");
  } finally {
    await context.close();
  }
}

async function setPasscode(page) {
  await setStaffPasscode(page, env.baseUrl, PASSCODE);
}

async function unlock(page, code = PASSCODE) {
  await page.getByLabel(t("staff.passcode.label"), { exact: true }).fill(code);
  await page.getByRole("button", { name: t("staff.passcode.unlock"), exact: true }).click();
}

test("a passcode is set twice, never stored in clear; wrong tries back off; lock and unlock", async () => {
  await withTablet(async (page) => {
    await gotoApp(page, env.baseUrl, "staff/#/staff");
    await page.getByLabel(t("staff.passcode.new"), { exact: true }).fill("123");
    await page.getByLabel(t("staff.passcode.again"), { exact: true }).fill("123");
    await page.getByRole("button", { name: t("staff.passcode.set"), exact: true }).click();
    assert.equal((await page.getByTestId("staff-message").textContent()).trim(), t("staff.passcode.too_short"));
    await page.getByLabel(t("staff.passcode.new"), { exact: true }).fill(PASSCODE);
    await page.getByLabel(t("staff.passcode.again"), { exact: true }).fill("482914");
    await page.getByRole("button", { name: t("staff.passcode.set"), exact: true }).click();
    assert.equal((await page.getByTestId("staff-message").textContent()).trim(), t("staff.passcode.mismatch"));
    await setPasscode(page);
    const stored = await page.evaluate(() => localStorage.getItem("meso-advisor/staff"));
    assert.ok(!stored.includes(PASSCODE), "the passcode itself is not stored");
    const secret = JSON.parse(stored);
    assert.match(secret.hash, /^[0-9a-f]{64}$/);
    assert.match(secret.salt, /^[0-9a-f]{32}$/);
    assert.ok(secret.iterations >= 100000);

    await page.getByTestId("staff-lock").click();
    await page.getByTestId("staff-unlock").waitFor();
    await unlock(page, "000000");
    await page.getByTestId("staff-message").filter({ hasText: /\d/ }).waitFor();
    const waitText = (await page.getByTestId("staff-message").textContent()).trim();
    assert.ok(
      [t("staff.passcode.wrong"), t("staff.passcode.wait.one")].includes(waitText),
      `a wrong passcode is said, then the wait: ${waitText}`,
    );
    assert.ok(await page.getByTestId("staff-submit").isDisabled(), "no try during the back-off");
    await page.getByTestId("staff-submit").waitFor({ state: "attached" });
    await page.waitForFunction(() => !document.querySelector("[data-testid=staff-submit]").disabled, null, { timeout: 5000 });
    await unlock(page, "111111");
    await page.waitForFunction(() => /2/.test(document.querySelector("[data-testid=staff-message]").textContent), null, { timeout: 5000 });
    await page.waitForFunction(() => !document.querySelector("[data-testid=staff-submit]").disabled, null, { timeout: 5000 });
    await unlock(page);
    await page.getByTestId("staff-patients").waitFor();
  });
});

test("a patient's whole course, then export, clear, import: everything back", async () => {
  await withTablet(async (page) => {
    // The visitor's assessment, saved.
    await completeQuestionnaire(page, env.baseUrl, VISITORS.suitable());
    await page.getByTestId("see-plan").click();
    const form = page.getByTestId("save-form");
    await form.getByLabel(t("save.label"), { exact: true }).fill("Jordan");
    await form.getByRole("button", { name: t("save.button"), exact: true }).click();
    await page.getByTestId("saved-status").waitFor();

    // Staff: unlock, find the patient.
    await setPasscode(page);
    await page.getByLabel(t("staff.search"), { exact: true }).fill("jor");
    const row = page.getByTestId("staff-patient");
    assert.equal(await row.count(), 1);
    assert.equal(await row.getAttribute("data-status"), "proposed");
    await row.getByRole("link", { name: "Jordan" }).click();
    await page.getByTestId("staff-patient-page").waitFor();

    // Confirm.
    await page.getByLabel(t("staff.confirm.by"), { exact: true }).fill("Dr Ana Ruiz");
    await page.getByRole("button", { name: t("staff.confirm.button"), exact: true }).click();
    const label = page.getByTestId("plan-label");
    await label.filter({ hasText: "Dr Ana Ruiz" }).waitFor();
    assert.equal(await page.getByTestId("staff-status").textContent(), t("staff.status.confirmed"));

    // Adjust: move session 2 to a Sunday (closed): refused without a reason, saved with one.
    const stored0 = await storedPlans(page);
    const plan0 = stored0.plans[0].evaluation.plan;
    const s2 = new Date(`${plan0.sessions[1].date}T00:00:00Z`);
    const sunday = new Date(s2.getTime() + ((7 - s2.getUTCDay()) % 7 || 7) * 86400000).toISOString().slice(0, 10);
    const adjust = page.getByTestId("adjust-form");
    await adjust.getByLabel(t("staff.adjust.session"), { exact: true }).selectOption("2");
    await adjust.getByLabel(t("staff.adjust.date"), { exact: true }).fill(sunday);
    await adjust.getByLabel(t("staff.adjust.who"), { exact: true }).fill("Dr Ana Ruiz");
    await adjust.getByTestId("adjust-submit").click();
    await page.getByTestId("adjust-issues").getByText(t("staff.issue.closed_day")).waitFor();
    assert.equal((await storedPlans(page)).plans[0].staff.adjustments.length, 0, "refused without a reason");
    await adjust.getByLabel(t("staff.adjust.reason_needed"), { exact: true }).fill("Patient works every weekday");
    await adjust.getByTestId("adjust-submit").click();
    await page.getByTestId("original-proposal").waitFor();
    const adj = (await storedPlans(page)).plans[0].staff.adjustments;
    assert.equal(adj.length, 1);
    assert.deepEqual(adj[0].change, { move_session: { number: 2, from: plan0.sessions[1].date, to: sunday } });
    assert.equal(adj[0].reason, "Patient works every weekday");

    // Three sessions with lots.
    for (const n of [1, 2, 3]) {
      const s = page.getByTestId("session-form");
      await s.getByLabel(t("staff.adjust.session"), { exact: true }).selectOption(String(n));
      await s.getByLabel(t("staff.sessions.product"), { exact: true }).fill("Hair cocktail A");
      await s.getByLabel(t("staff.sessions.lot"), { exact: true }).fill(`LOT-${n}00`);
      await s.getByTestId("session-submit").click();
      await page.locator(`[data-testid=sessions-done] li[data-number="${n}"]`).waitFor();
    }
    assert.equal(await page.getByTestId("staff-status").textContent(), t("staff.status.in_progress"));

    // A review with scores: the chart and its table.
    const r = page.getByTestId("review-form");
    await r.getByLabel(t("staff.progress.clinician"), { exact: true }).selectOption("1");
    await r.getByLabel(t("staff.progress.patient"), { exact: true }).selectOption("7");
    await r.getByLabel(t("staff.review.pull_test"), { exact: true }).fill("6");
    await r.getByTestId("review-submit").click();
    await page.getByTestId("progress-chart").waitFor();
    const cells = await page.getByTestId("progress-table").locator("tbody td").allTextContents();
    assert.deepEqual(cells, ["+1", "7", "6"]);

    // Export, clear storage, import: everything back.
    await gotoApp(page, env.baseUrl, "staff/#/staff");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("backup-export").click()]);
    const backup = readFileSync(await download.path(), "utf8");
    const before = await storedPlans(page);
    assert.deepEqual(JSON.parse(backup), before);
    await page.evaluate(() => localStorage.removeItem("meso-advisor/plans"));
    await page.reload();
    await page.locator(APP_MAIN).waitFor();
    if (await page.getByTestId("staff-unlock").count()) await unlock(page);
    await page.getByTestId("staff-empty").waitFor();
    await page.getByTestId("backup-import").setInputFiles({ name: "backup.json", mimeType: "application/json", buffer: Buffer.from(backup) });
    const preview = page.getByTestId("import-preview");
    await preview.waitFor();
    assert.equal((await preview.getByTestId("import-add").textContent()).trim(), t("backup.add.one"));
    await preview.getByTestId("import-confirm").click();
    await page.getByTestId("staff-patient").waitFor();
    await page.waitForFunction(() => localStorage.getItem("meso-advisor/plans") !== null);
    assert.deepEqual((await storedPlans(page)).plans, before.plans, "every record back, exactly");

    // Importing the same file again changes nothing.
    await page.getByTestId("backup-import").setInputFiles({ name: "backup.json", mimeType: "application/json", buffer: Buffer.from(backup) });
    await preview.waitFor();
    assert.ok(await preview.getByTestId("import-confirm").isDisabled());
    // A damaged file is refused and nothing changes.
    await page.getByTestId("backup-import").setInputFiles({ name: "x.json", mimeType: "application/json", buffer: Buffer.from("{damaged") });
    await page.getByTestId("import-error").waitFor();
    assert.equal((await page.getByTestId("import-error").textContent()).trim(), t("backup.not_a_backup"));
    assert.deepEqual((await storedPlans(page)).plans, before.plans);
  });
});

test("encryption at rest: on after the warning, nothing readable while locked, off again", async () => {
  await withTablet(async (page) => {
    await completeQuestionnaire(page, env.baseUrl, VISITORS.suitable());
    await page.getByTestId("see-plan").click();
    const form = page.getByTestId("save-form");
    await form.getByLabel(t("save.label"), { exact: true }).fill("Jordan Encrypted");
    await form.getByRole("button", { name: t("save.button"), exact: true }).click();
    await page.getByTestId("saved-status").waitFor();
    const plain = await storedPlans(page);
    const answers = plain.plans[0].answers;

    await setPasscode(page);
    const section = page.getByTestId("encryption");
    assert.equal(await section.getAttribute("data-on"), "false");
    await section.getByRole("button", { name: t("encryption.turn_on_ellipsis"), exact: true }).click();
    // The warning and the offer of a backup come before anything changes.
    await section.getByText(t("encryption.warning")).waitFor();
    const [download] = await Promise.all([page.waitForEvent("download"), section.getByTestId("encryption-backup").click()]);
    assert.deepEqual(JSON.parse(readFileSync(await download.path(), "utf8")).plans, plain.plans);
    // A wrong passcode changes nothing.
    await section.getByLabel(t("encryption.passcode"), { exact: true }).fill("000000");
    await section.getByTestId("encryption-confirm").click();
    await section.getByTestId("encryption-message").filter({ hasText: t("staff.passcode.wrong") }).waitFor();
    assert.deepEqual(await storedPlans(page), plain);
    await section.getByLabel(t("encryption.passcode"), { exact: true }).fill(PASSCODE);
    await section.getByTestId("encryption-confirm").click();
    await section.getByTestId("encryption-message").filter({ hasText: t("encryption.turned_on") }).waitFor();
    assert.equal(await section.getAttribute("data-on"), "true");

    // In storage: none of the nickname, answers or dates in plain text.
    const raw = await page.evaluate(() => localStorage.getItem("meso-advisor/plans"));
    const wrapper = JSON.parse(raw);
    assert.equal(wrapper.content, "gzip+aes-256-gcm");
    // (Strings long enough never to turn up in base64 by chance.)
    for (const secret of ["Jordan", answers.start_date, answers.pattern, plain.plans[0].created_at.slice(0, 10), "\"answers\""]) {
      assert.ok(!raw.includes(secret), `${secret} is readable in storage`);
    }

    // Locked: the list and the saved plans say they are encrypted; no patient on screen.
    await page.getByTestId("staff-lock").click();
    await page.getByTestId("staff-unlock").waitFor();
    await gotoApp(page, env.baseUrl, "#/saved");
    await page.locator("[data-testid=store-error][data-kind='store.locked']").waitFor();
    assert.ok(!(await page.locator("main").textContent()).includes("Jordan"));
    // A new start is locked too, until the passcode opens it.
    await page.reload();
    await page.locator(APP_MAIN).waitFor();
    await gotoApp(page, env.baseUrl, "staff/#/staff");
    await unlock(page);
    await page.getByTestId("staff-patient").filter({ hasText: "Jordan Encrypted" }).waitFor();
    assert.equal(await page.getByTestId("encryption").getAttribute("data-on"), "true");

    // The patient page exports the plan as it stands, with the clinician's confirmation.
    await page.getByRole("link", { name: "Jordan Encrypted" }).click();
    await page.getByLabel(t("staff.confirm.by"), { exact: true }).fill("Dr Ana Ruiz");
    await page.getByRole("button", { name: t("staff.confirm.button"), exact: true }).click();
    await page.getByTestId("plan-label").filter({ hasText: "Dr Ana Ruiz" }).waitFor();
    const [fhir] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-fhir").click()]);
    const bundle = JSON.parse(readFileSync(await fhir.path(), "utf8"));
    const carePlan = bundle.entry.map((e) => e.resource).find((r) => r.resourceType === "CarePlan");
    assert.equal(carePlan.status, "active");
    assert.ok(JSON.stringify(carePlan).includes("Dr Ana Ruiz"));
    const [ics] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-ics").click()]);
    const calendar = readFileSync(await ics.path(), "utf8").replace(/\r\n[ \t]/g, "");
    assert.ok(calendar.includes("STATUS:CONFIRMED") && !calendar.includes("STATUS:TENTATIVE"));
    assert.ok(calendar.includes("Plan confirmed by Dr Ana Ruiz"));
    assert.ok(!(await page.evaluate(() => localStorage.getItem("meso-advisor/plans"))).includes("Ana Ruiz"));

    // Off: written back unencrypted, everything there.
    await gotoApp(page, env.baseUrl, "staff/#/staff");
    await page.getByTestId("encryption-off").click();
    await page.getByTestId("encryption-message").filter({ hasText: t("encryption.turned_off") }).waitFor();
    const back = await storedPlans(page);
    assert.equal(back.plans[0].label, "Jordan Encrypted");
    assert.deepEqual(back.plans[0].answers, answers);
    assert.equal(back.plans[0].staff.confirmation.by, "Dr Ana Ruiz");
  });
});

test("a long patient list shows 100 at a time, says how many in all, and search finds any", async () => {
  await withTablet(async (page) => {
    await storeManyPlans(page, env.baseUrl, 150, "Patient");
    await setPasscode(page);
    const rows = page.getByTestId("staff-patient");
    await page.getByTestId("staff-shown").waitFor();
    assert.equal(await rows.count(), 100);
    assert.equal((await page.getByTestId("staff-shown").textContent()).trim(), t("staff.patients.shown").replace("{shown}", "100").replace("{total}", "150"));
    await page.getByTestId("staff-more").focus();
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.querySelectorAll("[data-testid=staff-patient]").length === 150);
    assert.equal(await page.getByTestId("staff-shown").count(), 0);
    // Focus is on the first patient the click added (the button is gone).
    assert.equal(
      await page.evaluate(() => document.activeElement?.closest("[data-testid=staff-patient]")?.dataset.id),
      await rows.nth(100).getAttribute("data-id"),
    );
    await page.getByLabel(t("staff.search"), { exact: true }).fill("patient 149");
    await page.waitForFunction(() => document.querySelectorAll("[data-testid=staff-patient]").length === 1);
    assert.equal((await rows.first().getByRole("link").textContent()).trim(), "Patient 149");
  });
});

test("on plain http (not this device), staff mode and encryption say why they are unavailable", async () => {
  // advisor.test resolves to this machine, but is not localhost: not a secure context.
  const browser = await launchChromium({ args: [...CHROMIUM_ARGS, "--host-resolver-rules=MAP advisor.test 127.0.0.1"] });
  try {
    const url = new URL(env.baseUrl);
    const insecure = `http://advisor.test:${url.port}${url.pathname}`;
    const context = await browser.newContext({ ...TABLET, serviceWorkers: "block" });
    const page = await newAppPage(context, insecure);
    assert.equal(await page.evaluate(() => window.isSecureContext), false);
    await gotoApp(page, insecure, "staff/#/staff");
    await page.getByTestId("staff-insecure").getByText(t("staff.insecure")).waitFor();
    // A single-user device (no passcode): the list opens, encryption says why it cannot.
    const clinic = JSON.parse(readFileSync(new URL("../clinic.json", import.meta.url), "utf8"));
    clinic.kiosk = { ...(clinic.kiosk || {}), staff_passcode: false };
    await page.route("**/clinic.json", (route) => route.fulfill({ contentType: "application/json", body: JSON.stringify(clinic) }));
    await page.reload();
    await page.getByTestId("staff-patients").waitFor();
    await page.getByTestId("encryption-unavailable").getByText(t("encryption.unavailable.insecure")).waitFor();
    assert.equal(await page.getByTestId("encryption-on").count(), 0);
    assert.deepEqual(page.problems, []);
    await context.close();
  } finally {
    await browser.close();
  }
});

test("staff mode is its own page: #/staff in the app opens staff/, its links stay in it, the app's links leave it", async () => {
  await withTablet(async (page) => {
    await gotoApp(page, env.baseUrl, "#/about");
    await page.getByRole("link", { name: t("staff.link"), exact: true }).click();
    await page.getByTestId("staff-unlock").waitFor();
    assert.equal(new URL(page.url()).pathname, "/staff/");
    assert.equal(new URL(page.url()).hash, "#/staff");
    // The visitor build has no staff pages: its scripts are not staff mode's.
    const scripts = await page.evaluate(() => [...document.querySelectorAll("link[rel=modulepreload]")].map((e) => e.href));
    assert.ok(scripts.every((s) => new URL(s).pathname.startsWith("/staff/")), scripts.join(" "));
    await setPasscode(page);
    // A patient link (#/staff/p/…) stays in staff/ without loading the page again.
    await completeQuestionnaire(page, env.baseUrl, VISITORS.suitable());
    await page.getByTestId("see-plan").click();
    const form = page.getByTestId("save-form");
    await form.getByLabel(t("save.label"), { exact: true }).fill("Kim");
    await form.getByRole("button", { name: t("save.button"), exact: true }).click();
    await page.getByTestId("saved-status").waitFor();
    await gotoApp(page, env.baseUrl, "staff/#/staff");
    await unlock(page);
    await page.evaluate(() => (window.__sameDocument = true));
    await page.getByRole("link", { name: "Kim" }).click();
    await page.getByTestId("staff-patient-page").waitFor();
    assert.equal(new URL(page.url()).pathname, "/staff/");
    assert.equal(await page.evaluate(() => window.__sameDocument), true, "no new page load");
    // The header's link to the app's pages opens the app.
    await page.locator(".site-header").getByRole("link", { name: t("nav.about"), exact: true }).click();
    await page.waitForURL((u) => new URL(u).pathname === "/");
    await page.getByTestId("about-page").waitFor();
    assert.equal(new URL(page.url()).hash, "#/about");
  });
});
