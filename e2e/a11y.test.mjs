// axe-core on every page and every questionnaire step of the release build (also with
// validation errors shown, each verdict's result, the plan, the saved list with an item and
// with the undo bar, a saved plan, about, not found): zero violations of any impact, with
// axe's default rules plus every wcag2a / wcag2aa / wcag21aa rule (lib/axe.mjs).

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { setupE2E } from "./lib/env.mjs";
import { newAppPage } from "./lib/app.mjs";
import { A11Y_CONTEXT, axeViolations, formatViolations } from "./lib/axe.mjs";
import { tour } from "./lib/tour.mjs";

let env;
before(async () => {
  env = await setupE2E();
});
after(async () => {
  await env?.close();
});

for (const [size, viewport] of [
  ["desktop", { width: 1280, height: 800 }],
  ["phone", { width: 390, height: 844 }],
]) {
  test(`axe finds no violation on any page or state (${size} ${viewport.width}×${viewport.height})`, async (t) => {
    const context = await env.browser.newContext({ ...A11Y_CONTEXT, viewport });
    try {
      const page = await newAppPage(context, env.baseUrl);
      let states = 0;
      for await (const state of tour(page, env.baseUrl)) {
        states++;
        await t.test(state.name, async () => {
          const violations = await axeViolations(page);
          assert.ok(violations.length === 0, `axe on ${state.name} (${page.url()}):\n${formatViolations(violations)}`);
        });
      }
      assert.ok(states >= 20, `the tour reached ${states} states`);
      assert.deepEqual(page.problems, [], "errors in the page during the tour");
    } finally {
      await context.close();
    }
  });
}
