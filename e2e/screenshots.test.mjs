// Screenshots of every page and state (lib/tour.mjs) at phone (390×844, isMobile, hasTouch) and
// tablet (1024×768, hasTouch) sizes, full page, into screenshots/ at the repository root
// (git-ignored): phone-start.png, phone-step-2.png, tablet-result-refer.png, phone-plan-print.png
// (print media emulation), …  At phone size, every visible button, link and radio/checkbox label
// in <main> must be at least 44 × 44 CSS px; the offenders are listed per state. At both sizes,
// no page may scroll sideways (content cut off or wider than the screen).

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { PHONE, SCREENSHOTS, TABLET, setupE2E } from "./lib/env.mjs";
import { newAppPage } from "./lib/app.mjs";
import { smallTouchTargets } from "./lib/touch.mjs";
import { TOUR_STATES, tour } from "./lib/tour.mjs";

let env;
before(async () => {
  env = await setupE2E();
  mkdirSync(SCREENSHOTS, { recursive: true });
});
after(async () => {
  await env?.close();
});

/** Screen state name → file name: `step-1` is the empty first step, `step-1-answered` its filled form. */
function fileName(size, state) {
  const rename = { "step-1": "step-1-empty", "step-1-answered": "step-1" };
  return `${size}-${rename[state] ?? state}.png`;
}

for (const [size, options] of [
  ["phone", PHONE],
  ["tablet", TABLET],
]) {
  test(`screenshots of every page at ${size} size${size === "phone" ? ", with 44 px touch targets" : ""}`, async (t) => {
    const context = await env.browser.newContext(options);
    const small = [];
    const wide = [];
    const taken = [];
    try {
      const page = await newAppPage(context, env.baseUrl);
      for await (const state of tour(page, env.baseUrl)) {
        const file = fileName(size, state.name);
        // Scrolled to the end first, so the sticky Back/Next bar is drawn at its place below the
        // form rather than across the middle of a full-page capture.
        await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
        await page.screenshot({ path: join(SCREENSHOTS, file), fullPage: true, animations: "disabled" });
        await page.evaluate(() => window.scrollTo(0, 0));
        taken.push(file);
        const overflow = await page.evaluate(() => {
          const w = document.documentElement.clientWidth;
          const culprits = [...document.querySelectorAll("body *")]
            .filter((e) => e.getBoundingClientRect().right > w + 1 && getComputedStyle(e).position !== "fixed")
            .slice(0, 3)
            .map((e) => `<${e.tagName.toLowerCase()}${e.className && typeof e.className === "string" ? ` class="${e.className}"` : ""}>`);
          return document.documentElement.scrollWidth > w + 1 ? `${document.documentElement.scrollWidth} px wide for ${w} (${culprits.join(", ")})` : null;
        });
        if (overflow) wide.push(`${state.name}: ${overflow}`);
        if (size === "phone" && !state.print) {
          for (const s of await smallTouchTargets(page)) small.push(`${state.name}: ${s.what} is ${s.width}×${s.height}`);
        }
      }
      assert.equal(taken.length, TOUR_STATES.length, `screenshots taken: ${taken.join(", ")}`);
      assert.deepEqual(page.problems, [], "errors in the page during the tour");
    } finally {
      await context.close();
      t.diagnostic(`${taken.length} screenshots in screenshots/: ${taken.join(", ")}`);
    }
    await t.test(`no page scrolls sideways at ${options.viewport.width} px`, () => {
      assert.ok(wide.length === 0, `pages wider than the screen:\n  ${wide.join("\n  ")}`);
    });
    if (size === "phone") {
      await t.test("every button, link and radio/checkbox label in <main> is at least 44×44 CSS px", () => {
        // De-duplicate: the same element on several states is reported once per state name list.
        const byWhat = new Map();
        for (const line of small) {
          const [state, rest] = [line.slice(0, line.indexOf(": ")), line.slice(line.indexOf(": ") + 2)];
          byWhat.set(rest, [...(byWhat.get(rest) ?? []), state]);
        }
        const report = [...byWhat].map(([what, states]) => `${what} (on ${states.join(", ")})`);
        assert.ok(report.length === 0, `touch targets under 44×44 CSS px at 390×844:\n  ${report.join("\n  ")}`);
      });
    }
  });
}
