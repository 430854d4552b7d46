// axe-core in the page (node_modules/axe-core). The app's CSP blocks the inline script
// page.addScriptTag writes, so pages checked with axe must come from a context created with
// `bypassCSP: true` (A11Y_CONTEXT); the journeys run with the CSP enforced.
//
// Rules: axe's default rule set (which has best practices too), plus every rule tagged wcag2a,
// wcag2aa or wcag21aa that axe leaves off by default (today: aria-roledescription,
// audio-caption). Rules tagged "experimental" stay off, as axe's own tag selection (runOnly)
// leaves them out; E2E_AXE_EXPERIMENTAL=1 turns those on as well. All impact levels count.

import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve("axe-core/axe.min.js");
export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21aa"];
export const A11Y_CONTEXT = { bypassCSP: true };

/** Runs axe on the whole document; returns the violations, simplified. */
export async function axeViolations(page) {
  if (!(await page.evaluate(() => typeof window.axe === "object"))) {
    await page.addScriptTag({ path: AXE_PATH });
  }
  return page.evaluate(async ({ tags, experimental }) => {
    const rules = {};
    for (const r of window.axe.getRules(tags)) {
      if (experimental || !r.tags.includes("experimental")) rules[r.ruleId] = { enabled: true };
    }
    const res = await window.axe.run(document, { rules, resultTypes: ["violations"] });
    return res.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      tags: v.tags.filter((t) => /^wcag|best-practice/.test(t)),
      nodes: v.nodes.map((n) => ({
        target: n.target.join(" "),
        html: n.html.slice(0, 160),
        summary: (n.failureSummary || "").replace(/\s+/g, " ").trim(),
      })),
    }));
  }, { tags: AXE_TAGS, experimental: process.env.E2E_AXE_EXPERIMENTAL === "1" });
}

/** One readable block per violation (rule, impact, help, each node and why). */
export function formatViolations(violations) {
  return violations
    .map(
      (v) =>
        `${v.id} (${v.impact}; ${v.tags.join(", ")}): ${v.help}\n` +
        v.nodes.map((n) => `    at ${n.target}\n      ${n.html}\n      ${n.summary}`).join("\n"),
    )
    .join("\n");
}
