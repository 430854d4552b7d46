// (d) A visitor who completes the questionnaire with the keyboard alone (Tab, Shift+Tab, arrow
// keys, Space, Enter; the age typed with keyboard.type; no clicks, no fill) through to the
// result and the plan, which are cross-checked with the command line. Along the way, every
// focused control must show a focus indicator and must not sit hidden behind the sticky
// Back/Next bar.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { setupE2E } from "./lib/env.mjs";
import { gotoApp, newAppPage, t, waitForFocus } from "./lib/app.mjs";
import { answers } from "./lib/answers.mjs";
import { expectOutcomeAsCli, expectPlanAsCli } from "./lib/crosscheck.mjs";
import { Keyboard } from "./lib/keyboard.mjs";

let env;
before(async () => {
  env = await setupE2E();
});
after(async () => {
  await env?.close();
});

/** The keyboard visitor: 41, female, shedding all over for a year and more, stressed. */
const VISITOR = answers({
  age: 41,
  sex: "female",
  pattern: "diffuse_shedding",
  stage: null,
  duration: "1_to_5_years",
  onset: "gradual",
  shedding_increased: true,
  family_history: "unsure",
  recent_triggers: ["severe_stress"],
  scalp_signs: [],
  symptoms: [],
  conditions: [],
  menopause: false,
  previous_treatments: ["supplements"],
  injections: "unsure",
  lifestyle: ["poor_sleep", "high_stress"],
});

let focusProblems = null;

test("(d) the questionnaire with the keyboard alone, through to the result and the plan", async () => {
  const context = await env.browser.newContext();
  try {
    const page = await newAppPage(context, env.baseUrl);
    const kb = new Keyboard(page);
    const a = VISITOR;
    await gotoApp(page, env.baseUrl, "#/");
    await page.getByTestId("start-page").waitFor();

    await kb.enterOn("start-button");
    await page.getByTestId("step-1").waitFor();
    await waitForFocus(page, "page-heading"); // a new page moves focus to its heading

    // Step 1: type the age, pick the sex with the arrows; Shift+Tab back to the age and Tab
    // again lands on the chosen radio.
    await kb.type("q-age", String(a.age));
    await kb.choose("sex", a.sex);
    await kb.press("Shift+Tab");
    await waitForFocus(page, "q-age");
    assert.equal(await page.locator("#q-age").inputValue(), String(a.age));
    await kb.press("Tab");
    await waitForFocus(page, "q-sex"); // Female is the first radio, and the checked one
    await kb.enterOn("next");
    await page.getByTestId("step-2").waitFor();

    // Step 2 (no stage question for shedding all over).
    await kb.choose("pattern", a.pattern);
    assert.equal(await page.getByTestId("q-stage").count(), 0, "no stage pictures for shedding");
    await kb.choose("no_regrowth_visible", a.no_regrowth_visible);
    await kb.enterOn("next");
    await page.getByTestId("step-3").waitFor();

    // Step 3: Enter on Next first; the refusal moves focus to the first question, and the
    // visitor answers from there.
    await kb.enterOn("next");
    await waitForFocus(page, "q-duration");
    await kb.choose("duration", a.duration);
    await kb.choose("onset", a.onset);
    await kb.choose("shedding_increased", a.shedding_increased);
    await kb.choose("family_history", a.family_history);
    for (const v of a.recent_triggers) await kb.tick("recent_triggers", v);
    for (const v of a.lifestyle) await kb.tick("lifestyle", v);
    await kb.enterOn("next");
    await page.getByTestId("step-4").waitFor();

    // Step 4.
    await kb.tick("scalp_signs", null);
    await kb.tick("symptoms", null);
    await kb.enterOn("next");
    await page.getByTestId("step-5").waitFor();

    // Step 5: menopause is asked of a woman.
    await kb.tick("conditions", null);
    await kb.choose("menopause", a.menopause);
    await kb.enterOn("next");
    await page.getByTestId("step-6").waitFor();

    // Step 6: no start date (optional), See my result.
    for (const v of a.previous_treatments) await kb.tick("previous_treatments", v);
    await kb.choose("injections", a.injections);
    assert.equal((await page.getByTestId("next").textContent()).trim(), t("nav.see_result"));
    await kb.enterOn("next");
    await page.getByTestId("result-page").waitFor();
    await waitForFocus(page, "page-heading");

    const cli = await expectOutcomeAsCli(page, a);
    assert.ok(["suitable", "consult"].includes(cli.verdict), `a plan is offered (verdict ${cli.verdict})`);

    // On to the plan, still by keyboard.
    await kb.enterOn("see-plan");
    await page.getByTestId("plan-page").waitFor();
    await expectPlanAsCli(page, cli);

    const keys = new Set(kb.presses);
    assert.deepEqual([...keys].filter((k) => !["Tab", "Shift+Tab", "ArrowDown", "Space", "Enter"].includes(k)), []);
    assert.deepEqual(page.problems, [], "errors, CSP violations or foreign requests in the page");
    focusProblems = kb.focusProblems;
  } finally {
    await context.close();
  }
});

test("(d) every focused control shows a focus indicator and is not hidden behind the sticky Back/Next bar", (t) => {
  if (focusProblems === null) {
    t.skip("the keyboard journey did not finish");
    return;
  }
  const hidden = focusProblems.filter((p) => /entirely hidden|no visible focus/.test(p));
  const partly = focusProblems.filter((p) => /partly hidden/.test(p));
  if (partly.length) t.diagnostic(`partly covered by the sticky bar when focused:\n  ${partly.join("\n  ")}`);
  assert.ok(hidden.length === 0, `focus problems met during the keyboard journey:\n  ${hidden.join("\n  ")}`);
});
