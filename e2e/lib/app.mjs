// Drives the advisor as a visitor would: pages, questionnaire steps, result and plan, through
// roles, labels and data-testids. Visible texts come from locales/en.txt (the app's own
// catalog), so a wording change there does not break the tests.
//
// Answers are written in the interchange format of spec §3 (the command line's input), and
// `answerStep` turns them into clicks: the same object drives the UI and the CLI.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./env.mjs";
import { VISITORS } from "./answers.mjs";

// ---------------------------------------------------------------------------------------------
// The catalog
// ---------------------------------------------------------------------------------------------

const CATALOG = (() => {
  const map = new Map();
  for (const line of readFileSync(join(ROOT, "locales/en.txt"), "utf8").split("\n")) {
    const m = /^([A-Za-z0-9_.-]+)\s*=\s?(.*)$/.exec(line);
    if (m && !line.trimStart().startsWith("#")) map.set(m[1], m[2].trim());
  }
  return map;
})();

/** A text of the app's English catalog, with `{name}` placeholders filled. */
export function t(key, args = {}) {
  const text = CATALOG.get(key);
  if (text === undefined) throw new Error(`locales/en.txt has no key ${key}`);
  return text.replace(/\{(\w+)\}/g, (_, k) => (k in args ? String(args[k]) : `{${k}}`));
}

/** `Tue, 1 Dec 2026`, as the app formats a date in the browser (Intl, British English, the
 *  date-only value taken as UTC). */
export function formatDate(iso, locale = "en-GB") {
  const [y, m, d] = iso.split("-").map(Number);
  return new Intl.DateTimeFormat(locale, { timeZone: "UTC", weekday: "short", day: "numeric", month: "short", year: "numeric" }).format(
    Date.UTC(y, m - 1, d),
  );
}

/** Another language's catalog (`locales/<lang>.txt`) as a `t`-like function. */
export function catalogOf(lang) {
  const map = new Map();
  for (const line of readFileSync(join(ROOT, "locales", `${lang}.txt`), "utf8").split("\n")) {
    const m = /^([A-Za-z0-9_.-]+)\s*=\s?(.*)$/.exec(line);
    if (m && !line.trimStart().startsWith("#")) map.set(m[1], m[2].trim());
  }
  return (key, args = {}) => {
    const text = map.get(key);
    if (text === undefined) throw new Error(`locales/${lang}.txt has no key ${key}`);
    return text.replace(/\{(\w+)\}/g, (_, k) => (k in args ? String(args[k]) : `{${k}}`));
  };
}

// ---------------------------------------------------------------------------------------------
// Pages, problems
// ---------------------------------------------------------------------------------------------

/**
 * Opens a new page of `context` that records problems: console errors (except the optional
 * clinic.json's 404, spec §8), uncaught errors, failed responses, requests to other origins and
 * CSP violations. `page.problems` lists them.
 */
export async function newAppPage(context, baseUrl) {
  const page = await context.newPage();
  const origin = new URL(baseUrl).origin;
  const optional = (url) => {
    try {
      return new URL(url, origin).pathname.endsWith("/clinic.json");
    } catch {
      return false;
    }
  };
  page.problems = [];
  page.on("console", (msg) => {
    if (msg.type() === "error" && !optional(msg.location().url || "/")) {
      page.problems.push(`console error: ${msg.text()}`);
    }
  });
  page.on("pageerror", (err) => page.problems.push(`page error: ${err.message}`));
  page.on("response", (res) => {
    if (res.status() >= 400 && !optional(res.url())) page.problems.push(`HTTP ${res.status()} for ${res.url()}`);
  });
  page.on("request", (req) => {
    const url = new URL(req.url());
    if (!["data:", "blob:"].includes(url.protocol) && url.origin !== origin) {
      page.problems.push(`request to another origin: ${req.url()}`);
    }
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || "inline"}`);
    });
  });
  return page;
}

/**
 * The app's page region once the shell is rendered. `:visible`: while the results build takes
 * over a page (`ui::start_in_place`), it renders hidden beside the questionnaire's app, so the
 * document briefly holds two `main#main`, one of them hidden.
 */
export const APP_MAIN = "main#main:visible";

/** Loads the app at a hash route (`#/about`) and waits until the shell is rendered. */
export async function gotoApp(page, baseUrl, hash = "#/") {
  await page.goto(new URL(hash, baseUrl).href);
  await page.locator(APP_MAIN).waitFor();
}

/** The device's date as the app sees it (local, `YYYY-MM-DD`). */
export function deviceToday(page) {
  return page.evaluate(() => {
    const d = new Date();
    const p = (n) => String(n).padStart(2, "0");
    return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
  });
}

/** Waits until the element with this id has keyboard focus; on timeout, says what has it. */
export async function waitForFocus(page, id, timeout = 5000) {
  try {
    await page.waitForFunction((id) => document.activeElement?.id === id, id, { timeout, polling: "raf" });
  } catch {
    const actual = await activeElement(page);
    throw new Error(`expected focus on #${id}, but it is on ${actual}`);
  }
}

/** A short description of the focused element. */
export function activeElement(page) {
  return page.evaluate(() => {
    const e = document.activeElement;
    if (!e || e === document.body) return "<body>";
    const id = e.id ? `#${e.id}` : "";
    const tid = e.dataset?.testid ? `[data-testid=${e.dataset.testid}]` : "";
    const text = (e.value || e.textContent || "").trim().slice(0, 40);
    return `<${e.tagName.toLowerCase()}${id}${tid}> ${JSON.stringify(text)}`;
  });
}

// ---------------------------------------------------------------------------------------------
// The questionnaire
// ---------------------------------------------------------------------------------------------

const STAGED = ["hairline_or_crown", "part_widening"];

/** Every question: answer field, step, kind, and when it is asked (spec §3, issue). */
export const QUESTIONS = [
  { field: "age", step: 1, kind: "text" },
  { field: "sex", step: 1, kind: "radio" },
  { field: "pattern", step: 2, kind: "radio" },
  { field: "stage", step: 2, kind: "stage", when: (a) => STAGED.includes(a.pattern) },
  { field: "no_regrowth_visible", step: 2, kind: "bool" },
  { field: "duration", step: 3, kind: "radio" },
  { field: "onset", step: 3, kind: "radio" },
  { field: "shedding_increased", step: 3, kind: "bool" },
  { field: "family_history", step: 3, kind: "radio" },
  { field: "recent_triggers", step: 3, kind: "set" },
  { field: "lifestyle", step: 3, kind: "set" },
  { field: "scalp_signs", step: 4, kind: "set" },
  { field: "symptoms", step: 4, kind: "set" },
  { field: "conditions", step: 5, kind: "set" },
  { field: "menopause", step: 5, kind: "bool", when: (a) => a.sex !== "male" },
  { field: "previous_treatments", step: 6, kind: "set" },
  {
    field: "hair_loss_after_previous_mesotherapy",
    step: 6,
    kind: "bool",
    when: (a) => a.previous_treatments.includes("mesotherapy"),
  },
  { field: "injections", step: 6, kind: "radio" },
  { field: "start_date", step: 6, kind: "date" },
];

/** The question's fieldset (or field wrapper) by its data-testid `q-<field>`. */
export function question(page, field) {
  return page.getByTestId(`q-${field}`);
}

/** The catalog the questionnaire helpers read labels from (English unless `useLabels`). */
let LABELS = (key, args) => t(key, args);

/** Makes `option`, `answerStep` and friends find answers by their labels in `lang`. */
export function useLabels(lang) {
  LABELS = lang === "en" ? (key, args) => t(key, args) : catalogOf(lang);
}

/** The visible label of one answer value of a question (`null` in a set: "None of these"). */
export function optionLabel(field, value) {
  const t = LABELS;
  if (field === "stage") {
    if (!value) return t("answer.unsure");
    return t("answer.stage.grade", { scale: t(`answer.stage.${value.scale}`), grade: value.grade });
  }
  if (typeof value === "boolean") return t(value ? "answer.yes" : "answer.no");
  if (value === null) return t("answer.none_of_these");
  return t(`answer.${field}.${value}`);
}

/** A string as a literal regular expression source. */
export const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * The radio or checkbox of one answer value, by its role and accessible name. The name starts
 * with the option's label; options with a one-line hint carry it in their <label>, so Chromium
 * appends the hint to the name ("Thyroid condition An underactive or overactive thyroid…").
 */
export function option(page, field, value) {
  const kind = QUESTIONS.find((q) => q.field === field)?.kind;
  const role = kind === "set" ? "checkbox" : "radio";
  const label = optionLabel(field, value);
  // An option with a hint may carry it in its name ("Thyroid condition An underactive…");
  // one without is named by its label alone (so Spanish "No" never matches "No lo sé").
  let hinted = field === "stage";
  if (typeof value === "string" && field !== "stage") {
    try {
      hinted = LABELS(`answer.${field}.${value}.hint`) !== undefined;
    } catch {
      hinted = false;
    }
  }
  const name = hinted ? new RegExp(`^${escapeRe(label)}(?:\\s|$)`) : label;
  return question(page, field).getByRole(role, { name, exact: !hinted });
}

/** Ticks (or unticks) one value of a set question. */
export async function tick(page, field, value, on = true) {
  await option(page, field, value).setChecked(on);
}

/** Answers every question of a step that applies to `answers` (a fresh step: nothing set). */
export async function answerStep(page, step, answers) {
  for (const q of QUESTIONS) {
    if (q.step !== step || (q.when && !q.when(answers))) continue;
    const value = answers[q.field];
    switch (q.kind) {
      case "text":
        await page.getByLabel(LABELS(`question.${q.field}`), { exact: true }).fill(String(value));
        break;
      case "date":
        if (value) await page.getByLabel(LABELS(`question.${q.field}`), { exact: true }).fill(value);
        break;
      case "set":
        if (value.length === 0) await option(page, q.field, null).check();
        for (const v of value) await option(page, q.field, v).check();
        break;
      default:
        await option(page, q.field, value ?? null).check();
    }
  }
}

/** The step page (`step-<n>`) or the result page, whichever follows `step`. */
export function pageAfter(page, step) {
  return step < 6 ? page.getByTestId(`step-${step + 1}`) : page.getByTestId("result-page");
}

/** Presses Next (or "See my result") and waits for the following page. */
export async function next(page, step) {
  await page.getByTestId("next").click();
  await pageAfter(page, step).waitFor();
}

/** From anywhere: Start, answer all six steps, and wait for the result page. */
export async function completeQuestionnaire(page, baseUrl, answers) {
  await gotoApp(page, baseUrl, "#/");
  await page.getByTestId("start-button").click();
  await page.getByTestId("step-1").waitFor();
  for (let step = 1; step <= 6; step++) {
    await answerStep(page, step, answers);
    await next(page, step);
  }
}

// ---------------------------------------------------------------------------------------------
// Result and plan as shown
// ---------------------------------------------------------------------------------------------

/** What the result page (or a saved plan page) shows: verdict, rule ids, referrals, recheck. */
export async function readOutcome(page) {
  const outcome = page.getByTestId("outcome");
  await outcome.waitFor();
  const verdict = await outcome.getByTestId("verdict").getAttribute("data-verdict");
  const rules = await outcome.locator("[data-testid=findings] li[data-rule]").evaluateAll((els) => els.map((e) => e.dataset.rule));
  const notes = await outcome
    .getByRole("region", { name: t("result.notes"), exact: true })
    .locator("li[data-rule]")
    .evaluateAll((els) => els.map((e) => e.dataset.rule));
  // One line per person to see: who, how soon, and the rule ids behind it.
  const referrals = await outcome.locator("[data-testid=referrals] > li").evaluateAll((els) =>
    els.map((e) => ({
      to: e.dataset.to,
      urgency: e.dataset.urgency,
      line: e.querySelector(".outcome-view-referral-line").textContent.trim(),
      rules: [...e.querySelectorAll(".outcome-view-rule")].map((r) => r.textContent.replace(/[()]/g, "").trim()),
    })),
  );
  const recheck = outcome.getByTestId("recheck");
  return {
    verdict,
    rules,
    notes,
    referrals,
    recheck: (await recheck.count()) ? (await recheck.textContent()).trim() : null,
  };
}

/** The dated rows of the plan shown: `[{ kind, date, text }]` in page order. */
export async function readPlanDates(scope) {
  const list = scope.getByTestId("plan-dates");
  await list.waitFor();
  return list.locator("li[data-kind]").evaluateAll((els) =>
    els.map((e) => ({ kind: e.dataset.kind, date: e.dataset.date, text: e.textContent.replace(/\s+/g, " ").trim() })),
  );
}

/** The referral line the app shows for one person to see (`{ to, urgency }`). */
export function referralText(r) {
  return t("referral.line", { to: t(`referral.to.${r.to}`), urgency: t(`referral.urgency.${r.urgency}`) });
}

const URGENCY = ["routine", "soon", "urgent"];

/**
 * What the app must show for a CLI outcome's referrals (one per finding): one line per person,
 * with the strongest urgency and the rules in findings order, most urgent first.
 */
export function groupReferrals(referrals) {
  const groups = [];
  for (const r of referrals) {
    const g = groups.find((x) => x.to === r.to);
    if (g) {
      if (URGENCY.indexOf(r.urgency) > URGENCY.indexOf(g.urgency)) g.urgency = r.urgency;
      g.rules.push(r.rule);
    } else {
      groups.push({ to: r.to, urgency: r.urgency, rules: [r.rule] });
    }
  }
  // Stable sort: equal urgencies keep their order.
  return groups
    .map((g, i) => ({ g, i }))
    .sort((a, b) => URGENCY.indexOf(b.g.urgency) - URGENCY.indexOf(a.g.urgency) || a.i - b.i)
    .map(({ g }) => ({ ...g, line: referralText(g) }));
}

/** The plan rows (kind, date) a CLI outcome's plan implies, sorted by date as the page does. */
export function expectedPlanRows(plan) {
  const rows = [
    ...plan.sessions.map((s) => ({ kind: "session", date: s.date })),
    { kind: "review", date: plan.review_on },
    ...plan.boosters.map((d) => ({ kind: "booster", date: d })),
  ];
  // Stable sort by date (the app sorts sessions, then review, then boosters by date).
  return rows.map((r, i) => ({ r, i })).sort((a, b) => (a.r.date < b.r.date ? -1 : a.r.date > b.r.date ? 1 : a.i - b.i)).map((x) => x.r);
}

/** The saved plans in localStorage (`meso-advisor/plans`), parsed, or null. */
export function storedPlans(page) {
  return page.evaluate(() => {
    const raw = localStorage.getItem("meso-advisor/plans");
    return raw === null ? null : JSON.parse(raw);
  });
}

/** The characters this site holds in localStorage, keys and values, as browsers count them (UTF-16). */
export function storedChars(page) {
  return page.evaluate(() => {
    let n = 0;
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i);
      n += k.length + localStorage.getItem(k).length;
    }
    return n;
  });
}

/** Opens staff mode (`staff/` beside the app at `baseUrl`) on a first visit and sets its passcode. */
export async function setStaffPasscode(page, baseUrl, passcode) {
  await gotoApp(page, baseUrl, "staff/#/staff");
  await page.getByTestId("staff-unlock").waitFor();
  await page.getByLabel(t("staff.passcode.new"), { exact: true }).fill(passcode);
  await page.getByLabel(t("staff.passcode.again"), { exact: true }).fill(passcode);
  await page.getByRole("button", { name: t("staff.passcode.set"), exact: true }).click();
  await page.getByTestId("staff-patients").waitFor();
}

/**
 * Saves one real plan through the app (a suitable visitor, "Template"), then stores `n` copies
 * of it, each with its own id and the nickname `${label} 000`, `${label} 001`…, in place of the
 * saved plans, and reloads the page. Returns nothing: the page is on the plan, reloaded.
 */
export async function storeManyPlans(page, baseUrl, n, label) {
  await completeQuestionnaire(page, baseUrl, VISITORS.suitable());
  await page.getByTestId("see-plan").click();
  await page.getByTestId("plan").waitFor();
  const form = page.getByTestId("save-form");
  await form.getByLabel(t("save.label"), { exact: true }).fill("Template");
  await form.getByRole("button", { name: t("save.button"), exact: true }).click();
  await page.getByTestId("saved-status").waitFor();
  const one = (await storedPlans(page)).plans[0];
  const plans = Array.from({ length: n }, (_, i) => ({
    ...one,
    id: (0x1000000000000000n + BigInt(i)).toString(16),
    label: `${label} ${String(i).padStart(3, "0")}`,
  }));
  await page.evaluate((text) => localStorage.setItem("meso-advisor/plans", text), JSON.stringify({ schema: "meso-advisor/plans@2", plans }));
  await page.reload();
  await page.locator(APP_MAIN).waitFor();
}

/** Runs `fn` on a fresh page in a fresh context (empty storage), then checks the page had no
 *  error, CSP violation or request to another origin. The release build's service worker is
 *  blocked unless `options.serviceWorkers` says "allow" (a worker's requests bypass
 *  `page.route`, which several tests use; e2e/offline.test.mjs tests the worker itself). */
export async function withFreshPage(env, fn, options = {}) {
  const context = await env.browser.newContext({ serviceWorkers: "block", ...options });
  try {
    const page = await newAppPage(context, env.baseUrl);
    await fn(page);
    assert.deepEqual(page.problems, [], "errors, CSP violations or foreign requests in the page");
  } finally {
    await context.close();
  }
}
