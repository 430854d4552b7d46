// The failure matrix (issue "Hardening") case best seen in a real page: storage blocked by the
// browser (private modes, site settings). Other cases live beside their features: damaged,
// newer and full storage and migrations in tests/web_storage.rs, two tabs in
// tests/state_plans.rs and web_storage.rs, clinic.json in web_shell_edges.rs and
// offline.test.mjs, catalogs in languages.test.mjs, newer share codes in exports.test.mjs.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { setupE2E } from "./lib/env.mjs";
import { completeQuestionnaire, t, withFreshPage } from "./lib/app.mjs";
import { VISITORS } from "./lib/answers.mjs";

let env;
before(async () => {
  env = await setupE2E();
});
after(async () => {
  await env?.close();
});

test("storage blocked: the app says so, saving is refused, the assessment still works", async () => {
  await withFreshPage(env, async (page) => {
    // As a browser that blocks site storage does: reading localStorage and sessionStorage
    // throws. The answers still reach the result (the results build gets them in the page).
    await page.addInitScript(() => {
      for (const name of ["localStorage", "sessionStorage"]) {
        Object.defineProperty(window, name, {
          configurable: true,
          get() {
            throw new DOMException("The operation is insecure.", "SecurityError");
          },
        });
      }
    });
    await completeQuestionnaire(page, env.baseUrl, VISITORS.suitable());
    const notice = page.getByTestId("store-error");
    await notice.waitFor();
    assert.equal(await notice.getAttribute("data-kind"), "store.unavailable");
    assert.ok((await notice.textContent()).includes(t("store.unavailable")));
    assert.ok(await page.getByTestId("save-form").getByRole("button").first().isDisabled(), "no save that cannot happen");
    // The result and the plan are still there, and can be printed.
    assert.equal(await page.getByTestId("verdict").getAttribute("data-verdict"), "suitable");
    await page.getByTestId("see-plan").click();
    await page.getByTestId("plan").waitFor();
  });
});
