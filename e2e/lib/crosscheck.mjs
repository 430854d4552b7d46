// Compares what the UI shows with the command line's outcome for the same answers and the
// same `today` (the device's date): verdict, rule ids (findings and notes, in order),
// referrals, recheck date, and every date of the plan.

import assert from "node:assert/strict";
import { deviceToday, expectedPlanRows, formatDate, groupReferrals, readOutcome, readPlanDates, t } from "./app.mjs";
import { assessWithCli } from "./cli.mjs";

/** On the result page: the outcome shown equals the CLI's. Returns the CLI outcome. */
export async function expectOutcomeAsCli(page, answers) {
  const today = await deviceToday(page);
  const cli = assessWithCli(answers, today);
  const shown = await readOutcome(page);
  const context = `answers ${JSON.stringify(answers)}, today ${today}`;
  assert.equal(shown.verdict, cli.verdict, `verdict shown vs CLI (${context})`);
  const cliRules = cli.findings.map((f) => f.rule);
  assert.deepEqual([...shown.rules].sort(), [...cliRules].sort(), `set of finding rule ids shown vs CLI (${context})`);
  assert.deepEqual(shown.rules, cliRules, `order of the findings shown vs CLI (${context})`);
  assert.deepEqual(shown.notes, (cli.notes ?? []).map((n) => n.rule), `note rule ids shown vs CLI (${context})`);
  assert.deepEqual(
    shown.referrals,
    groupReferrals(cli.referrals).map(({ to, urgency, line, rules }) => ({ to, urgency, line, rules })),
    `referrals shown vs CLI (${context})`,
  );
  const recheck = cli.recheck_on ? t("result.recheck_on", { date: formatDate(cli.recheck_on) }) : null;
  assert.equal(shown.recheck, recheck, `recheck date shown vs CLI (${context})`);
  return cli;
}

/** On a page showing a plan (`scope`: the page or a part of it): its dated rows equal the CLI plan's. */
export async function expectPlanAsCli(scope, cli) {
  assert.ok(cli.plan, "the CLI outcome has a plan");
  const rows = await readPlanDates(scope);
  assert.deepEqual(
    rows.map(({ kind, date }) => ({ kind, date })),
    expectedPlanRows(cli.plan),
    "plan dates shown (kind, date) vs CLI",
  );
  for (const r of rows) {
    assert.ok(r.text.includes(formatDate(r.date)), `the row for ${r.date} reads "${r.text}", with "${formatDate(r.date)}"`);
  }
  return rows;
}
