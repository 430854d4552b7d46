// The questionnaire's behaviour in the browser: validation on Next (what is missing, focus on
// the first unanswered question), conditional questions, browser back/forward, and refresh.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { setupE2E } from "./lib/env.mjs";
import {
  answerStep,
  completeQuestionnaire,
  gotoApp,
  newAppPage,
  next,
  option,
  question,
  t,
  tick,
  waitForFocus, withFreshPage
} from "./lib/app.mjs";
import { answers, womanAnswers } from "./lib/answers.mjs";
import { describe, focusInfo } from "./lib/keyboard.mjs";

let env;
before(async () => {
  env = await setupE2E();
});
after(async () => {
  await env?.close();
});

const withPage = (fn) => withFreshPage(env, fn);

async function start(page) {
  await gotoApp(page, env.baseUrl, "#/");
  await page.getByTestId("start-button").click();
  await page.getByTestId("step-1").waitFor();
}

/** Presses Next expecting a refusal; returns the summary shown. */
async function refusedNext(page) {
  await page.getByTestId("next").click();
  const summary = page.getByTestId("step-errors");
  await summary.filter({ hasText: /\S/ }).waitFor();
  return (await summary.textContent()).trim();
}

/** The error message shown inside a question, or null. */
async function errorOf(page, field) {
  const q = question(page, field);
  const msg = q.getByText(new RegExp(`^(${[t("validation.missing"), t("validation.age"), t("validation.date"), t("validation.date_past")].map((m) => m.replace(/[.]/g, "\\.")).join("|")})$`));
  return (await msg.count()) ? (await msg.textContent()).trim() : null;
}

/** The accessible description of the focused element (what a screen reader reads after the name). */
function focusedDescription(page) {
  return page.evaluate(() => {
    const ids = (document.activeElement?.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
    return ids.map((id) => document.getElementById(id)?.textContent.trim() ?? `(missing #${id})`).join(" ");
  });
}

const checked = (page, field, value) => option(page, field, value).isChecked();

/** Where the app is, for failure messages: the address, and the age shown when on step 1. */
async function whereAmI(page) {
  const hash = new URL(page.url()).hash;
  const age = page.getByLabel(t("question.age"), { exact: true });
  const shown = (await age.count()) ? ` (its age field shows "${await age.inputValue()}")` : "";
  return `${hash}${shown}`;
}

/**
 * Reloads, then waits until the app has settled: either `ok` (a selector) is on the page, or
 * the app went to another step (the draft is restored after the first render).
 */
async function reloadAndSettle(page, ok) {
  const before = new URL(page.url()).hash;
  await page.reload();
  await page.waitForFunction(
    ([ok, before]) => document.querySelector(ok) || (location.hash !== before && location.hash.startsWith("#/step/")),
    [ok, before],
  );
}

test("validation on Next names what is missing and moves focus to the first unanswered question", async () => {
  await withPage(async (page) => {
    // Where focus lands after a refusal must be in view, not under the sticky Back/Next bar.
    const obscured = [];
    const focusIsSeen = async () => {
      const info = await focusInfo(page);
      if (info.hidden) obscured.push(`${new URL(page.url()).hash} ${describe(info)}: ${info.hidden} hidden`);
    };
    await start(page);
    const ageInput = page.getByLabel(t("question.age"), { exact: true });

    // Step 1, nothing answered: both questions named, focus on the age field.
    assert.equal(await refusedNext(page), t("validation.summary", { n: 2 }));
    await waitForFocus(page, "q-age");
    await focusIsSeen();
    assert.equal(await errorOf(page, "age"), t("validation.missing"));
    assert.equal(await errorOf(page, "sex"), t("validation.missing"));
    assert.equal(await ageInput.getAttribute("aria-invalid"), "true");
    assert.match(await focusedDescription(page), new RegExp(t("validation.missing").replace(/[.]/g, "\\.")));
    assert.ok(await page.getByTestId("step-1").isVisible(), "still on step 1");

    // A bad age is named as such.
    await ageInput.fill("abc");
    await refusedNext(page);
    assert.equal(await errorOf(page, "age"), t("validation.age"));
    await waitForFocus(page, "q-age");
    await focusIsSeen();

    // Age fixed: the focus goes to the sex question's first radio.
    await ageInput.fill("35");
    assert.equal(await refusedNext(page), t("validation.summary.one"));
    await waitForFocus(page, "q-sex");
    await focusIsSeen();
    assert.equal(await errorOf(page, "age"), null, "no error on the answered age");
    assert.equal(await errorOf(page, "sex"), t("validation.missing"));
    assert.match(await focusedDescription(page), new RegExp(t("validation.missing").replace(/[.]/g, "\\.")));
    await option(page, "sex", "male").check();
    await next(page, 1);
    // A new step starts without errors.
    assert.equal((await page.getByTestId("step-errors").textContent()).trim(), "");

    // Step 2: pattern answered, so the stage pictures (shown now) are the first unanswered.
    await option(page, "pattern", "hairline_or_crown").check();
    assert.equal(await refusedNext(page), t("validation.summary", { n: 2 }));
    await waitForFocus(page, "q-stage");
    await focusIsSeen();
    assert.equal(await errorOf(page, "pattern"), null);
    assert.equal(await errorOf(page, "stage"), t("validation.missing"));
    assert.equal(await errorOf(page, "no_regrowth_visible"), t("validation.missing"));
    await answerStep(page, 2, answers());
    await next(page, 2);

    // Step 3: the first two answered, focus on the third question.
    await option(page, "duration", "1_to_5_years").check();
    await option(page, "onset", "gradual").check();
    // Step 3 also asks "Day to day…" (lifestyle), right after "In the last 6 months…".
    assert.equal(await refusedNext(page), t("validation.summary", { n: 4 }));
    await waitForFocus(page, "q-shedding_increased");
    await focusIsSeen();
    assert.equal(await errorOf(page, "recent_triggers"), t("validation.missing"));
    assert.equal(await errorOf(page, "lifestyle"), t("validation.missing"));
    await answerStep(page, 3, answers());
    await next(page, 3);
    await answerStep(page, 4, answers());
    await next(page, 4);
    await answerStep(page, 5, answers());
    await next(page, 5);

    // Step 6: mesotherapy tried, so its follow-up question is first unanswered.
    await tick(page, "previous_treatments", "mesotherapy");
    await refusedNext(page);
    await waitForFocus(page, "q-hair_loss_after_previous_mesotherapy");
    await focusIsSeen();
    await option(page, "hair_loss_after_previous_mesotherapy", false).check();
    await option(page, "injections", "accepted").check();
    // A start date in the past is refused with its own message, focus on the date field.
    await page.getByLabel(t("question.start_date"), { exact: true }).fill("2020-01-06");
    assert.equal(await refusedNext(page), t("validation.summary.one"));
    await waitForFocus(page, "q-start_date");
    await focusIsSeen();
    assert.equal(await errorOf(page, "start_date"), t("validation.date_past"));
    await page.getByLabel(t("question.start_date"), { exact: true }).fill("");
    await next(page, 6);
    assert.equal(await page.getByTestId("verdict").getAttribute("data-verdict"), "suitable");
    assert.deepEqual(obscured, [], "the question focused after a refused Next is hidden behind the sticky bar");
  });
});

test("conditional questions appear and disappear: stage pictures per pattern, menopause, previous mesotherapy", async () => {
  await withPage(async (page) => {
    await start(page);
    await answerStep(page, 1, womanAnswers());
    await next(page, 1);

    // Stage pictures per pattern.
    const stage = question(page, "stage");
    assert.equal(await stage.count(), 0, "no stage question before a pattern is chosen");
    await option(page, "pattern", "hairline_or_crown").check();
    await stage.waitFor();
    // The accessible name of each option (its label, without the one-line hint that describes it).
    const names = async () =>
      await stage.getByRole("radio").evaluateAll((els) =>
        els.map((e) => document.getElementById(e.getAttribute("aria-labelledby")).textContent.trim()),
      );
    const norwood = [1, 2, 3, 4, 5, 6, 7].map((g) => t("answer.stage.grade", { scale: t("answer.stage.norwood"), grade: g }));
    assert.deepEqual(await names(), [...norwood, t("answer.unsure")], "Norwood 1–7 and Not sure");
    assert.equal(await stage.locator("svg").count(), 7, "one picture per Norwood stage");
    await option(page, "stage", { scale: "norwood", grade: 3 }).check();

    await option(page, "pattern", "part_widening").check();
    const ludwig = [1, 2, 3].map((g) => t("answer.stage.grade", { scale: t("answer.stage.ludwig"), grade: g }));
    await stage.getByRole("radio", { name: ludwig[0] }).waitFor();
    assert.deepEqual(await names(), [...ludwig, t("answer.unsure")], "Ludwig 1–3 and Not sure");
    assert.equal(await stage.locator("svg").count(), 3, "one picture per Ludwig stage");
    assert.equal(await stage.getByRole("radio", { checked: true }).count(), 0, "the Norwood stage is not carried over");

    for (const pattern of ["diffuse_shedding", "patches", "unsure"]) {
      await option(page, "pattern", pattern).check();
      await stage.waitFor({ state: "detached" });
    }
    await option(page, "pattern", "part_widening").check();
    await stage.waitFor();
    await answerStep(page, 2, womanAnswers());
    await next(page, 2);
    await answerStep(page, 3, womanAnswers());
    await next(page, 3);
    await answerStep(page, 4, womanAnswers());
    await next(page, 4);

    // Menopause (and pregnancy) for a woman…
    await question(page, "menopause").waitFor();
    assert.ok(await option(page, "conditions", "pregnant").isVisible());
    // …not for a man…
    const backTo1 = async () => {
      for (let s = 5; s > 1; s--) {
        await page.getByRole("button", { name: t("nav.back"), exact: true }).click();
        await page.getByTestId(`step-${s - 1}`).waitFor();
      }
    };
    const forwardTo5 = async () => {
      for (let s = 1; s < 5; s++) await next(page, s);
    };
    await backTo1();
    await option(page, "sex", "male").check();
    await forwardTo5();
    await question(page, "conditions").waitFor();
    assert.equal(await question(page, "menopause").count(), 0, "no menopause question for a man");
    assert.equal(await option(page, "conditions", "pregnant").count(), 0, "no pregnancy option for a man");
    // …and again for "other".
    await backTo1();
    await option(page, "sex", "other").check();
    await forwardTo5();
    await question(page, "menopause").waitFor();

    await answerStep(page, 5, womanAnswers({ sex: "other" }));
    await next(page, 5);

    // The previous-mesotherapy question only while mesotherapy is ticked.
    const follow = question(page, "hair_loss_after_previous_mesotherapy");
    assert.equal(await follow.count(), 0);
    await tick(page, "previous_treatments", "minoxidil");
    assert.equal(await follow.count(), 0, "not for minoxidil");
    await tick(page, "previous_treatments", "mesotherapy");
    await follow.waitFor();
    assert.equal(
      (await follow.locator("legend").textContent()).trim(),
      t("question.hair_loss_after_previous_mesotherapy"),
    );
    await tick(page, "previous_treatments", "mesotherapy", false);
    await follow.waitFor({ state: "detached" });
  });
});

test("browser back and forward between steps keep the answers", async () => {
  await withPage(async (page) => {
    const a = answers();
    await start(page);
    for (let s = 1; s <= 3; s++) {
      await answerStep(page, s, a);
      await next(page, s);
    }
    const atStep = async (n) => {
      await page.getByTestId(`step-${n}`).waitFor();
      assert.match(page.url(), new RegExp(`#/step/${n}$`));
    };
    await atStep(4);

    await page.goBack();
    await atStep(3);
    assert.ok(await checked(page, "duration", "1_to_5_years"), "duration kept");
    assert.ok(await checked(page, "family_history", "yes"), "family history kept");
    assert.ok(await checked(page, "recent_triggers", null), "“None of these” kept");

    await page.goBack();
    await atStep(2);
    assert.ok(await checked(page, "pattern", "hairline_or_crown"), "pattern kept");
    assert.ok(await checked(page, "stage", { scale: "norwood", grade: 3 }), "stage kept");
    assert.ok(await checked(page, "no_regrowth_visible", false), "smooth area kept");

    await page.goBack();
    await atStep(1);
    assert.equal(await page.getByLabel(t("question.age"), { exact: true }).inputValue(), "35");
    assert.ok(await checked(page, "sex", "male"), "sex kept");

    await page.goForward();
    await atStep(2);
    assert.ok(await checked(page, "stage", { scale: "norwood", grade: 3 }), "stage kept going forward");
    await page.goForward();
    await atStep(3);
    assert.ok(await checked(page, "onset", "gradual"), "onset kept going forward");
    await page.goForward();
    await atStep(4);
  });
});

test("a refresh on a step keeps the answers and the place", async () => {
  await withPage(async (page) => {
    const a = answers();
    await start(page);
    for (let s = 1; s <= 2; s++) {
      await answerStep(page, s, a);
      await next(page, s);
    }
    // Half of step 3 answered, then a refresh.
    await option(page, "duration", "over_5_years").check();
    await option(page, "onset", "sudden").check();
    assert.ok(await page.evaluate(() => sessionStorage.getItem("meso-advisor/draft") !== null), "the draft is in sessionStorage");
    await reloadAndSettle(page, "[data-testid=step-3] #q-duration-over_5_years:checked");
    assert.match(page.url(), /#\/step\/3$/, `after a refresh on #/step/3 the app is on ${await whereAmI(page)}`);
    await page.getByTestId("step-3").waitFor();
    assert.ok(await checked(page, "duration", "over_5_years"), "duration kept");
    assert.ok(await checked(page, "onset", "sudden"), "onset kept");
    assert.equal(await question(page, "shedding_increased").getByRole("radio", { checked: true }).count(), 0);
    await page.getByRole("button", { name: t("nav.back"), exact: true }).click();
    await page.getByTestId("step-2").waitFor();
    assert.ok(await checked(page, "stage", { scale: "norwood", grade: 3 }), "step 2 kept");
  });
});

test("a refresh on the result page keeps the place", async () => {
  await withPage(async (page) => {
    await completeQuestionnaire(page, env.baseUrl, answers());
    await reloadAndSettle(page, "[data-testid=result-page] [data-testid=verdict]");
    assert.match(page.url(), /#\/result$/, `after a refresh on #/result the app is on ${await whereAmI(page)}`);
  });
});

test("a refresh on the plan page keeps the place", async () => {
  await withPage(async (page) => {
    await completeQuestionnaire(page, env.baseUrl, answers());
    await page.getByTestId("see-plan").click();
    await page.getByTestId("plan-page").waitFor();
    await reloadAndSettle(page, "[data-testid=plan-page] [data-testid=plan-dates]");
    assert.match(page.url(), /#\/plan$/, `after a refresh on #/plan the app is on ${await whereAmI(page)}`);
  });
});
