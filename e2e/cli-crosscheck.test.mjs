// The UI against the command line (examples/assess.rs, lib/cli.mjs) for the same answers and
// the device's date: verdict, rule ids, referrals, recheck date and every plan date. One
// journey per verdict not already covered by journeys.test.mjs and keyboard.test.mjs (which
// cross-check theirs too), plus a chosen start date on a closed day (Sunday).

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { setupE2E } from "./lib/env.mjs";
import { completeQuestionnaire, deviceToday, gotoApp, newAppPage } from "./lib/app.mjs";
import { VISITORS, answers, womanAnswers } from "./lib/answers.mjs";
import { expectOutcomeAsCli, expectPlanAsCli } from "./lib/crosscheck.mjs";

let env;
let context;
let page;
before(async () => {
  env = await setupE2E();
  context = await env.browser.newContext();
  page = await newAppPage(context, env.baseUrl);
});
after(async () => {
  await context?.close();
  await env?.close();
});

/** Answers the questionnaire, compares the result (and the plan, when there is one) with the CLI. */
async function crossCheck(a, expectedVerdict) {
  await completeQuestionnaire(page, env.baseUrl, a);
  const cli = await expectOutcomeAsCli(page, a);
  assert.equal(cli.verdict, expectedVerdict, "the verdict this journey is meant to reach");
  if (cli.plan) {
    await page.getByTestId("see-plan").click();
    await page.getByTestId("plan-page").waitFor();
    await expectPlanAsCli(page, cli);
  } else {
    assert.equal(await page.getByTestId("see-plan").count(), 0, "no plan offered");
  }
  assert.deepEqual(page.problems, [], "errors, CSP violations or foreign requests in the page");
  return cli;
}

test("consult: thyroid condition, needle-free only (home-care plan: review visit, no sessions)", async () => {
  const cli = await crossCheck(VISITORS.consult(), "consult");
  assert.equal(cli.plan.kind, "home_care_only");
  assert.deepEqual(cli.plan.sessions, []);
});

test("not_suitable: keloid tendency (CI-KELOID)", async () => {
  const cli = await crossCheck(VISITORS.not_suitable(), "not_suitable");
  assert.ok(cli.findings.some((f) => f.rule === "CI-KELOID"));
});

test("not_suitable with a referral: Norwood 6 at 40 (ST-ADVANCED → hair restoration surgeon)", async () => {
  const cli = await crossCheck(answers({ age: 40, stage: { scale: "norwood", grade: 6 }, duration: "over_5_years" }), "not_suitable");
  assert.ok(cli.referrals.some((r) => r.rule === "ST-ADVANCED" && r.to === "hair_restoration_surgeon"));
});

test("defer with a recheck date: isotretinoin in the last 12 months (DF-ISOTRETINOIN)", async () => {
  const cli = await crossCheck(answers({ conditions: ["isotretinoin_last_12_months"] }), "defer");
  assert.ok(cli.recheck_on, "the CLI gives a recheck date");
});

test("refer, several red flags: deeper voice and sudden onset (RF-ANDROGEN urgent), new medicine", async () => {
  const a = womanAnswers({ onset: "sudden", symptoms: ["voice_deepening"], recent_triggers: ["new_medication"] });
  const cli = await crossCheck(a, "refer");
  assert.ok(cli.referrals.some((r) => r.rule === "RF-ANDROGEN" && r.urgency === "urgent"));
  assert.ok(cli.findings.some((f) => f.rule === "RF-MEDICATION"));
});

test("suitable with a chosen start date on a Sunday (the clinic is closed: sessions move)", async () => {
  await gotoApp(page, env.baseUrl, "#/");
  const today = await deviceToday(page);
  const d = new Date(`${today}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 14);
  while (d.getUTCDay() !== 0) d.setUTCDate(d.getUTCDate() + 1);
  const start = d.toISOString().slice(0, 10);
  const cli = await crossCheck(answers({ start_date: start, shedding_increased: true }), "suitable");
  assert.notEqual(cli.plan.sessions[0].date, start, "the first session is not on the closed Sunday");
});
