//! The clinic setup page (setup/, its own build) in the release build: each class of problem typed into the
//! form shows beside its field with the command line's very line (`assess --check-clinic` on
//! the same JSON); the prefilled form downloads the clinic in use; the preview's plan has the
//! command line's dates for the same settings and answers. It must not check settings with
//! rules of its own: every expected message comes from the CLI.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setupE2E, DIST, ROOT } from "./lib/env.mjs";
import { deviceToday, gotoApp, t, withFreshPage } from "./lib/app.mjs";
import { assessBinary, assessWithCli } from "./lib/cli.mjs";
import { expectPlanAsCli } from "./lib/crosscheck.mjs";
import { axeViolations, formatViolations, A11Y_CONTEXT } from "./lib/axe.mjs";
import { smallTouchTargets } from "./lib/touch.mjs";

let env;
let dir;
before(async () => {
  env = await setupE2E();
  dir = mkdtempSync(join(tmpdir(), "meso-setup-"));
});
after(async () => {
  await env?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

let n = 0;
function writeJson(doc) {
  const file = join(dir, `clinic-${n++}.json`);
  writeFileSync(file, typeof doc === "string" ? doc : JSON.stringify(doc, null, 2));
  return file;
}

/** `assess --check-clinic` on a document: { code, lines }. */
function checkClinic(doc) {
  try {
    const out = execFileSync(assessBinary(), ["--check-clinic", writeJson(doc)], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    return { code: 0, lines: out.trim().split("\n") };
  } catch (err) {
    return { code: err.status, lines: String(err.stderr).trim().split("\n") };
  }
}

const IN_USE = JSON.parse(readFileSync(join(DIST, "clinic.json"), "utf8"));
const TYPICAL = JSON.parse(readFileSync(join(ROOT, "tests/fixtures/answers-suitable.json"), "utf8"));
const DEFAULT = JSON.parse(execFileSync(assessBinary(), ["--print-default-clinic"], { encoding: "utf8" }));

/** A document with one key set (dotted path). */
function withKey(doc, path, value) {
  const out = structuredClone(doc);
  const parts = path.split(".");
  let o = out;
  for (const p of parts.slice(0, -1)) o = o[p] ??= {};
  if (value === undefined) delete o[parts.at(-1)];
  else o[parts.at(-1)] = value;
  return out;
}

/** Complete settings: a document laid over the default (absent keys take the default). */
function settings(doc) {
  const out = structuredClone(DEFAULT);
  for (const [k, v] of Object.entries(doc)) {
    if (v && typeof v === "object" && !Array.isArray(v) && !["languages", "prices"].includes(k)) out[k] = { ...out[k], ...v };
    else out[k] = v;
  }
  return out;
}

const field = (page, key) => page.locator(`[data-key="${key}"]`);
const inputId = (key) => `#setup-${key.replace(/[._]/g, "-")}`;

async function openSetup(page) {
  await gotoApp(page, env.baseUrl, "setup/");
  await page.getByTestId("setup-page").waitFor();
}

/** The problems shown beside a field, and checks they are linked to its input. */
async function shownProblems(page, key) {
  const box = field(page, key).getByTestId("setup-problem");
  await box.waitFor();
  const id = await box.getAttribute("id");
  const control = page.locator(`[aria-describedby~="${id}"]`);
  assert.equal(await control.count(), 1, `${key}: the problem is linked with aria-describedby`);
  if ((await control.evaluate((e) => e.tagName)) !== "BUTTON") {
    assert.equal(await control.getAttribute("aria-invalid"), "true", `${key}: aria-invalid`);
  }
  return (await box.locator("li").allTextContents()).map((s) => s.trim());
}

const TYPED = [
  { what: "min > max", key: "protocol.min_sessions", type: "7", value: 7 },
  { what: "interval outside 1–8 weeks", key: "protocol.max_interval_weeks", type: "9", value: 9 },
  { what: "sessions outside 1–12", key: "protocol.max_sessions", type: "13", value: 13 },
  { what: "bad colour", key: "accent_colour", type: "teal", value: "teal" },
  { what: "colour too light", key: "accent_colour", type: "#ffcc00", value: "#ffcc00" },
  { what: "bad URL", key: "contact.booking_url", type: "ftp://example.org/book", value: "ftp://example.org/book" },
];

test("each class of problem shows beside its field as it is typed, with the command line's line", async () => {
  await withFreshPage(env, async (page) => {
    await openSetup(page);
    assert.equal(await page.getByTestId("setup-summary").textContent(), t("setup.valid"));
    for (const c of TYPED) {
      await page.getByRole("button", { name: t("setup.reset_in_use"), exact: true }).click();
      await page.locator(inputId(c.key)).fill(c.type);
      const cli = checkClinic(withKey(IN_USE, c.key, c.value));
      assert.equal(cli.code, 2, `${c.what}: the CLI refuses it`);
      assert.deepEqual(await shownProblems(page, c.key), cli.lines, `${c.what}: same message as --check-clinic`);
      assert.ok(cli.lines[0].startsWith(`${c.key}: `), `${c.what}: names the key`);
      await page.getByTestId("setup-preview").getByText(t("setup.preview.invalid")).waitFor();
      assert.ok(await page.getByTestId("setup-download").isDisabled(), `${c.what}: nothing to download`);
    }

    // `defer` without `recheck_after_months`.
    await page.getByRole("button", { name: t("setup.reset_in_use"), exact: true }).click();
    const condition = t("answer.conditions.keloid_tendency");
    await page.getByLabel(t("setup.policy.label", { condition }), { exact: true }).selectOption("defer");
    const key = "policies.keloid_tendency.recheck_after_months";
    const cli = checkClinic(withKey(IN_USE, "policies.keloid_tendency", { policy: "defer" }));
    assert.equal(cli.code, 2);
    assert.deepEqual(await shownProblems(page, key), cli.lines, "defer without months: same message");
    await page.getByLabel(t("setup.months.label", { condition }), { exact: true }).fill("3");
    await page.getByText(t("setup.valid"), { exact: true }).waitFor();

    // An unknown key, from a file the clinic opens.
    const doc = { schema: "meso-advisor/clinic@1", colour: "#000000", protocol: { min_sessions: 5 } };
    await page.locator("#setup-open").setInputFiles({ name: "clinic.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(doc)) });
    const unknown = checkClinic(doc);
    assert.equal(unknown.code, 2);
    assert.deepEqual(await shownProblems(page, "colour"), unknown.lines, "unknown key: same message");
    assert.equal(await page.locator(inputId("protocol.min_sessions")).inputValue(), "5", "the file's values are in the form");
    assert.equal(await page.locator(inputId("protocol.max_sessions")).inputValue(), "", "absent keys are empty (the default)");
    await field(page, "colour").getByRole("button").click();
    await page.getByText(t("setup.valid"), { exact: true }).waitFor();

    // Accessibility of the whole page.
    const small = await smallTouchTargets(page);
    assert.deepEqual(small, [], "touch targets of at least 44 px");
  });
});

test("the page passes axe", async () => {
  await withFreshPage(
    env,
    async (page) => {
      await openSetup(page);
      await page.locator(inputId("protocol.min_sessions")).fill("9");
      await field(page, "protocol.min_sessions").getByTestId("setup-problem").waitFor();
      const violations = await axeViolations(page);
      assert.deepEqual(violations, [], formatViolations(violations));
    },
    A11Y_CONTEXT,
  );
});

test("round trip: the prefilled form downloads the clinic in use, only what differs from the default", async () => {
  await withFreshPage(env, async (page) => {
    await openSetup(page);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("setup-download").click()]);
    assert.equal(download.suggestedFilename(), "clinic.json");
    const text = readFileSync(await download.path(), "utf8");
    const saved = JSON.parse(text);
    assert.deepEqual(settings(saved), settings(IN_USE), "the downloaded file gives the settings in use");
    assert.equal(saved.schema, "meso-advisor/clinic@1");
    for (const [k, v] of Object.entries(saved)) {
      if (k !== "schema") assert.notDeepEqual(v, DEFAULT[k], `${k} differs from the default`);
    }
    assert.deepEqual(checkClinic(text), { code: 0, lines: ["ok"] });
    assert.equal((await page.getByTestId("setup-json").textContent()).trim(), text.trim(), "the JSON shown is the file");
  });
});

test("the preview's plan has the command line's dates for the same settings and answers", async () => {
  await withFreshPage(env, async (page) => {
    await openSetup(page);
    const preview = page.getByTestId("setup-preview");
    assert.equal((await page.getByTestId("setup-brand").textContent()).trim(), IN_USE.name);
    const today = await deviceToday(page);
    const check = async (what) => {
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("setup-download").click()]);
      const file = writeJson(readFileSync(await download.path(), "utf8"));
      const cli = assessWithCli(TYPICAL, today, file);
      await expectPlanAsCli(preview, cli).catch((e) => {
        throw new Error(`${what}: ${e.message}`);
      });
      return cli;
    };
    const before = await check("as in use");
    // Edit the protocol and the open days: the preview follows.
    await page.locator(inputId("protocol.min_interval_weeks")).fill("3");
    await page.locator(inputId("protocol.max_interval_weeks")).fill("5");
    await page.locator(inputId("protocol.first_session_after_days")).fill("10");
    await field(page, "closed_weekdays").getByLabel(t("date.weekday.5"), { exact: true }).check();
    await page.locator(inputId("prices.currency")).fill("EUR");
    await page.locator(inputId("prices.session")).fill("120.5");
    await page.getByText(t("setup.valid"), { exact: true }).waitFor();
    const edited = await check("edited");
    assert.notDeepEqual(edited.plan.sessions, before.plan.sessions, "the edit changes the plan");
    assert.equal(edited.plan.estimated_cost?.session_price, 120.5, "prices reach the plan");
  });
});

test("the visitor app links to the setup page (About), and #/setup opens it: its own build", async () => {
  await withFreshPage(env, async (page) => {
    await gotoApp(page, env.baseUrl, "#/about");
    const fromAbout = page.getByRole("link", { name: t("setup.about_link"), exact: true });
    assert.equal(new URL(await fromAbout.evaluate((a) => a.href)).pathname, "/setup/");
    await page.goto(new URL("#/setup", env.baseUrl).href);
    await page.getByTestId("setup-page").waitFor();
    assert.equal(new URL(page.url()).pathname, "/setup/");
    // The setup build's scripts are not the visitor's.
    const scripts = await page.evaluate(() => [...document.querySelectorAll("link[rel=modulepreload], script[src]")].map((e) => e.href || e.src));
    assert.ok(scripts.some((s) => new URL(s).pathname.startsWith("/setup/setup-")), scripts.join(" "));
  });
});
