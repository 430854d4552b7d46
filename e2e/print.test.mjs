// Printing (page.emulateMedia({ media: "print" })): the header navigation and every button are
// hidden, and the plan keeps its label "Proposed plan — to be confirmed by your clinician"
// and its dates; likewise on the result page and on a saved plan.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { setupE2E } from "./lib/env.mjs";
import { completeQuestionnaire, newAppPage, t } from "./lib/app.mjs";
import { answers } from "./lib/answers.mjs";

let env;
let context;
let page;
before(async () => {
  env = await setupE2E();
  context = await env.browser.newContext();
  page = await newAppPage(context, env.baseUrl);
  await completeQuestionnaire(page, env.baseUrl, answers());
});
after(async () => {
  await context?.close();
  await env?.close();
});

/** Everything with role navigation or button (hidden ones too) that is visible now. */
async function visibleChrome(page) {
  const out = [];
  for (const role of ["navigation", "button"]) {
    for (const el of await page.getByRole(role, { includeHidden: true }).all()) {
      if (await el.isVisible()) out.push(`${role} "${(await el.getAttribute("aria-label")) ?? (await el.textContent()).trim()}"`);
    }
  }
  return out;
}

async function printed(fn) {
  await page.emulateMedia({ media: "print" });
  try {
    await fn();
  } finally {
    await page.emulateMedia({ media: null });
  }
}

test("print of the plan: no navigation, no button, the proposed-plan label and the dates", async () => {
  await page.getByTestId("see-plan").click();
  await page.getByTestId("plan-page").waitFor();
  // On screen, for contrast: the navigation and buttons are there.
  assert.ok((await visibleChrome(page)).length > 2, "navigation and buttons on screen");
  await printed(async () => {
    assert.deepEqual(await visibleChrome(page), [], "navigation or buttons visible in print");
    assert.equal(await page.getByRole("banner", { includeHidden: true }).isVisible(), false, "the site header in print");
    const label = page.getByTestId("plan-label");
    assert.ok(await label.isVisible(), "the plan label is printed");
    assert.equal((await label.textContent()).trim(), t("plan.label.proposed"));
    assert.equal(t("plan.label.proposed"), "Proposed plan — to be confirmed by your clinician");
    assert.ok(await page.getByTestId("plan-dates").isVisible(), "the dates are printed");
    assert.ok(await page.getByTestId("save-form").isHidden(), "the save form is not printed");
  });
});

test("print of the result: no navigation, no button, the verdict and the disclaimer", async () => {
  await page.getByRole("button", { name: t("plan.back_to_result"), exact: true }).click();
  await page.getByTestId("result-page").waitFor();
  await printed(async () => {
    assert.deepEqual(await visibleChrome(page), [], "navigation or buttons visible in print");
    assert.ok(await page.getByTestId("verdict").isVisible());
    assert.ok(await page.getByTestId("outcome").getByTestId("disclaimer").isVisible());
  });
});

test("print of a saved plan: no navigation, no button, the label and the dates", async () => {
  const form = page.getByTestId("save-form");
  await form.getByLabel(t("save.label"), { exact: true }).fill("Print me");
  await form.getByRole("button", { name: t("save.button"), exact: true }).click();
  await page.getByTestId("saved-status").getByRole("link", { name: t("save.open"), exact: true }).click();
  await page.getByTestId("saved-plan-page").waitFor();
  await printed(async () => {
    assert.deepEqual(await visibleChrome(page), [], "navigation or buttons visible in print");
    assert.ok(await page.getByTestId("plan-label").isVisible());
    assert.equal((await page.getByTestId("plan-label").textContent()).trim(), t("plan.label.proposed"));
    assert.ok(await page.getByTestId("plan-dates").isVisible());
  });
  assert.deepEqual(page.problems, [], "errors, CSP violations or foreign requests in the page");
});
