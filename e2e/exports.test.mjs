// Taking the plan along (spec §12, issue 9), through the release build with its CSP:
//  - the calendar (.ics) and the FHIR file downloaded from the UI, read back with `icalendar`
//    and tests/py/check_fhir.py, and compared with the command line on the same answers;
//  - the share link shown equals `<address>#/s/<assess --format share>`, its QR code (a
//    Chromium screenshot) decodes with `zxing-cpp` to that exact link, "Copy link" copies it;
//  - the link opened in a fresh browser context recomputes the same result and continues
//    into the questionnaire; a tampered, truncated or newer code shows its message, no result;
//  - the letter for the doctor of a referred visitor, on screen and printed.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setupE2E } from "./lib/env.mjs";
import { APP_MAIN, completeQuestionnaire, deviceToday, newAppPage, pageAfter, readOutcome, readPlanDates, t, withFreshPage } from "./lib/app.mjs";
import { answers as baseAnswers, VISITORS } from "./lib/answers.mjs";
import { A11Y_CONTEXT, axeViolations, formatViolations } from "./lib/axe.mjs";
import { assessWithCli } from "./lib/cli.mjs";
import { pyCheck, readCalendar, readQrPng, runAssess, shareCodeWithCli } from "./lib/exports.mjs";

let env;
let tmp;
before(async () => {
  env = await setupE2E();
  tmp = mkdtempSync(join(tmpdir(), "meso-exports-"));
});
after(async () => {
  await env?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

const DOWNLOADS = { acceptDownloads: true };

/** Clicks a download button and returns `{ name, text }` of the file offered. */
async function download(page, testid) {
  const [dl] = await Promise.all([page.waitForEvent("download"), page.getByTestId(testid).click()]);
  return { name: dl.suggestedFilename(), text: readFileSync(await dl.path(), "utf8") };
}

/** The share link shown on the page. */
async function shownLink(page) {
  return (await page.getByTestId("share-link").textContent()).trim();
}

/** Opens a link in the app and waits for the shell. */
async function open(page, link) {
  await page.goto(link);
  await page.locator(APP_MAIN).waitFor();
}

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/** A code's body with the check character the format asks for (see core/export/share.rs). */
function withCheck(body) {
  let sum = 0;
  [...body].forEach((c, i) => (sum += (2 * i + 1) * ALPHABET.indexOf(c)));
  return body + ALPHABET[sum % 64];
}

test("the FHIR file and the calendar from the UI equal the command line's and parse with independent readers", async () => {
  await withFreshPage(
    env,
    async (page) => {
      const answers = VISITORS.suitable();
      await completeQuestionnaire(page, env.baseUrl, answers);
      const today = await deviceToday(page);
      const code = shareCodeWithCli(answers, today);
      assert.equal(await shownLink(page), `${env.baseUrl}#/s/${code}`, "the share link of the result page");

      // FHIR from the result page: the CLI's Bundle for the same code, and valid R4(B).
      const fhir = await download(page, "download-fhir");
      assert.equal(fhir.name, "mesotherapy-assessment.fhir.json");
      const bundle = JSON.parse(fhir.text);
      assert.deepEqual(bundle, JSON.parse(runAssess(["--format", "fhir", "--share", code], today)), "the FHIR Bundle as the CLI's");
      assert.match(pyCheck("check_fhir.py", [{ name: "result page", bundle }]), /^ok 1/);

      // The calendar from the plan page: one event per row of the plan shown, same dates.
      await page.getByTestId("see-plan").click();
      await page.getByTestId("plan-page").waitFor();
      const rows = await readPlanDates(page);
      const ics = await download(page, "download-ics");
      assert.equal(ics.name, "mesotherapy-plan.ics");
      assert.match(ics.text, /^BEGIN:VCALENDAR\r\n/);
      const events = readCalendar(ics.text);
      const kind = (uid) => new RegExp(`^${code}-(session|review|booster)(-\\d+)?@meso-advisor$`).exec(uid)?.[1];
      const fromIcs = events.map((e) => ({ kind: kind(e.uid), date: e.date })).sort((a, b) => a.date.localeCompare(b.date) || a.kind.localeCompare(b.kind));
      const fromPage = rows.map((r) => ({ kind: r.kind, date: r.date })).sort((a, b) => a.date.localeCompare(b.date) || a.kind.localeCompare(b.kind));
      assert.ok(fromIcs.length >= 2, "the calendar has the plan's events");
      assert.deepEqual(fromIcs, fromPage, "the calendar's events are the plan's rows (kind and date)");
      // Same UIDs, dates and texts as the command line's calendar (only DTSTAMP differs).
      const cli = readCalendar(runAssess(["--format", "ics", "--share", code], today));
      assert.deepEqual(events, cli, "the calendar's events as the CLI's");
      assert.match(ics.text, /\r\nDTSTAMP:\d{8}T\d{6}Z\r\n/, "a UTC DTSTAMP");

      // The FHIR button of the plan page gives the same Bundle.
      assert.deepEqual(JSON.parse((await download(page, "download-fhir")).text), bundle);
    },
    DOWNLOADS,
  );
});

test("the QR code decodes to the exact link shown, the link holds no name and Copy link copies it", async () => {
  await withFreshPage(
    env,
    async (page) => {
      const answers = VISITORS.consult();
      await completeQuestionnaire(page, env.baseUrl, answers);
      const link = await shownLink(page);
      assert.match(link, /#\/s\/[A-Za-z0-9_-]{19}$/);
      assert.equal((await page.getByTestId("share-privacy").textContent()).trim(), t("share.privacy"));
      // The contact card offers the same link to paste.
      assert.match(await page.getByTestId("contact-share").textContent(), new RegExp(link.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));

      const svg = page.getByTestId("share-qr").locator("svg");
      const box = await svg.boundingBox();
      assert.ok(box && box.width >= 200 && box.height >= 200, `the QR code is ${box?.width}×${box?.height} px`);
      assert.equal(await svg.getAttribute("style"), null, "no style attribute");
      const png = join(tmp, "qr.png");
      await svg.screenshot({ path: png });
      assert.deepEqual(readQrPng(png), [link], "the QR code decodes to the link shown");

      await page.getByTestId("share-copy").click();
      await page.getByTestId("share-copy-status").filter({ hasText: t("share.copied") }).waitFor();
      assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link);

      // Same link and QR code on the plan page.
      await page.getByTestId("see-plan").click();
      await page.getByTestId("plan-page").waitFor();
      assert.equal(await shownLink(page), link);
      const qrNow = async (name) => {
        const file = join(tmp, name);
        await page.getByTestId("share-qr").locator("svg").screenshot({ path: file });
        return readQrPng(file);
      };
      assert.deepEqual(await qrNow("qr-plan.png"), [link], "the plan page's QR code is the link's");

      // Other answers, another link: its own QR code (each link's code is encoded once).
      await page.evaluate(() => (location.hash = "#/step/1"));
      await page.getByTestId("step-1").waitFor();
      await page.getByLabel(t("question.age"), { exact: true }).fill(String(answers.age + 1));
      for (let step = 1; step <= 6; step++) {
        await page.getByTestId("next").click();
        await pageAfter(page, step).waitFor();
      }
      const other = await shownLink(page);
      assert.notEqual(other, link);
      assert.deepEqual(await qrNow("qr-other.png"), [other], "the new link's QR code");
    },
    { permissions: ["clipboard-read", "clipboard-write"] },
  );
});

test("the share link in a fresh browser reaches the same result and continues; damaged codes show no result", async () => {
  const answers = VISITORS.consult();
  let link;
  let original;
  await withFreshPage(env, async (page) => {
    await completeQuestionnaire(page, env.baseUrl, answers);
    original = await readOutcome(page);
    link = await shownLink(page);
  });

  await withFreshPage(env, async (page) => {
    await open(page, link);
    await page.getByTestId("shared-page").waitFor();
    const today = await deviceToday(page);
    assert.match(await page.getByTestId("shared-recomputed").textContent(), /\S/);
    const shared = await readOutcome(page);
    assert.equal(shared.verdict, original.verdict);
    assert.deepEqual(shared.rules, original.rules);
    assert.deepEqual(shared.referrals, original.referrals);
    assert.deepEqual(shared.notes, original.notes);
    assert.equal(shared.verdict, assessWithCli(answers, today).verdict);
    // A plan (consult with a home-care plan) is shown with it.
    assert.ok((await readPlanDates(page)).length >= 1);

    await page.getByTestId("shared-continue").click();
    await page.getByTestId("result-page").waitFor();
    const continued = await readOutcome(page);
    assert.equal(continued.verdict, original.verdict);
    assert.deepEqual(continued.rules, original.rules);
    assert.equal(await shownLink(page), link, "the same answers, so the same link");
  });

  const code = link.split("#/s/")[1];
  const swap = (c) => ALPHABET[(ALPHABET.indexOf(c) + 1) % 64];
  const cases = [
    ["tampered", code.slice(0, 5) + swap(code[5]) + code.slice(6), "share.error.bad_check"],
    ["truncated", code.slice(0, 12), "share.error.bad_check"],
    ["newer", withCheck("C" + code.slice(1, -1)), "share.error.newer"],
  ];
  await withFreshPage(env, async (page) => {
    for (const [name, bad, key] of cases) {
      await open(page, `${env.baseUrl}#/s/${bad}`);
      const error = page.getByTestId("shared-error");
      await error.waitFor();
      const text = (await error.textContent()).trim();
      // Messages with placeholders are checked by their kind.
      assert.equal(text, t(key), `the message for a ${name} code`);
      assert.equal(await page.getByTestId("outcome").count(), 0, `no result for a ${name} code`);
      assert.equal(await page.getByTestId("shared-continue").count(), 0);
    }
  });
});

test("a start date now in the past is dropped from a shared link, and said so", async () => {
  const code = shareCodeWithCli(baseAnswers({ start_date: "2020-03-02" }), "2020-01-01");
  await withFreshPage(env, async (page) => {
    await open(page, `${env.baseUrl}#/s/${code}`);
    await page.getByTestId("shared-page").waitFor();
    assert.equal((await page.getByTestId("shared-start-dropped").textContent()).trim(), t("shared.start_date_dropped"));
    const shown = await readOutcome(page);
    const cli = assessWithCli(baseAnswers(), await deviceToday(page));
    assert.equal(shown.verdict, cli.verdict);
    const rows = await readPlanDates(page);
    assert.equal(rows.find((r) => r.kind === "session")?.date, cli.plan.sessions[0].date, "the first date as without a start date");
  });
});

test("the letter for the doctor of a referred visitor: referral, rule ids, answers, printed without navigation", async () => {
  await withFreshPage(env, async (page) => {
    const answers = VISITORS.refer();
    await completeQuestionnaire(page, env.baseUrl, answers);
    await page.getByTestId("open-letter").click();
    await page.getByTestId("letter-page").waitFor();
    const letter = page.getByTestId("letter");
    const today = await deviceToday(page);
    const cli = assessWithCli(answers, today);
    assert.equal(cli.verdict, "refer");

    assert.match(await page.getByTestId("letter-to").textContent(), new RegExp(t("letter.to.dermatologist")));
    const referral = page.getByTestId("letter-referrals").locator("li[data-to=dermatologist]");
    assert.equal(await referral.getAttribute("data-urgency"), "soon");
    assert.match(await referral.textContent(), /RF-PATCHES/);
    const rules = await page.getByTestId("letter-findings").locator("li[data-rule]").evaluateAll((els) => els.map((e) => e.dataset.rule));
    assert.deepEqual(rules, cli.findings.map((f) => f.rule));
    const reported = await page.getByTestId("letter-answers").textContent();
    for (const key of ["answer.pattern.patches", "answer.duration.under_3_months", "answer.onset.sudden", "answer.sex.male"]) {
      assert.ok(reported.includes(t(key)), `the letter reports ${key}`);
    }
    assert.ok(reported.includes("28"), "the age");
    assert.equal((await page.getByTestId("letter-not-diagnosis").textContent()).trim(), t("letter.not_diagnosis"));
    assert.ok((await letter.textContent()).includes(t("letter.name")), "a line for the name");

    await page.emulateMedia({ media: "print" });
    try {
      assert.equal(await page.getByRole("banner", { includeHidden: true }).isVisible(), false, "the site header in print");
      for (const role of ["navigation", "button"]) {
        for (const el of await page.getByRole(role, { includeHidden: true }).all()) {
          assert.equal(await el.isVisible(), false, `${role} "${(await el.textContent()).trim()}" visible in print`);
        }
      }
      assert.ok(await letter.isVisible(), "the letter is printed");
      assert.ok(await referral.isVisible(), "the referral is printed");
    } finally {
      await page.emulateMedia({ media: null });
    }
  });
});

test("the letter is only offered for refer and consult", async () => {
  await withFreshPage(env, async (page) => {
    await completeQuestionnaire(page, env.baseUrl, VISITORS.suitable());
    assert.equal(await page.getByTestId("open-letter").count(), 0);
    await page.goto(`${env.baseUrl}#/letter`);
    await page.getByTestId("letter-not-needed").waitFor();
    assert.equal(await page.getByTestId("letter").count(), 0);
  });
});

test("axe finds no violation on the share panel, the shared page, its error and the letter", async () => {
  const context = await env.browser.newContext({ ...A11Y_CONTEXT });
  try {
    const page = await newAppPage(context, env.baseUrl);
    await completeQuestionnaire(page, env.baseUrl, VISITORS.consult());
    const states = [["result", null]];
    const link = await shownLink(page);
    states.push(["plan", async () => { await page.getByTestId("see-plan").click(); await page.getByTestId("plan-page").waitFor(); }]);
    states.push(["letter", async () => { await page.goto(`${env.baseUrl}#/letter`); await page.getByTestId("letter").waitFor(); }]);
    states.push(["shared", async () => { await open(page, link); await page.getByTestId("shared-page").waitFor(); await page.getByTestId("outcome").waitFor(); }]);
    states.push(["shared error", async () => { await open(page, `${env.baseUrl}#/s/AAAA`); await page.getByTestId("shared-error").waitFor(); }]);
    for (const [name, go] of states) {
      if (go) await go();
      const violations = await axeViolations(page);
      assert.ok(violations.length === 0, `axe on ${name}:\n${formatViolations(violations)}`);
    }
    assert.deepEqual(page.problems, []);
  } finally {
    await context.close();
  }
});
