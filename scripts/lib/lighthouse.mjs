// Lighthouse 12 (npm `lighthouse`, package.json) on Debian's Chromium, headless: one run as
// scores, metrics and the audits that did not pass. Used by scripts/bench.sh (every score and
// metric, mobile and desktop) and scripts/test.sh (the gate below).
//
//   import { lighthouse } from "./lib/lighthouse.mjs";
//   const r = await lighthouse(url, "mobile");   // r.scores.seo, r.fcp, r.failed, …
//
//   node scripts/lib/lighthouse.mjs gate [dist]
//     serves dist/ as a web host would (gzip-server.mjs) and runs Lighthouse's mobile audit once;
//     fails unless accessibility, best practices and SEO all score 100. Performance is printed,
//     never gated: it depends on the machine's load.

import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { CHROMIUM_ARGS } from "./browser.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";

export const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"];

/** One Lighthouse run of `url` (mobile unless `extraArgs` say otherwise, e.g. --preset=desktop). */
export async function lighthouse(url, name, extraArgs = []) {
  const dir = mkdtempSync(join(tmpdir(), "meso-lh-"));
  const out = join(dir, "report.json");
  const flags = ["--headless=new", ...CHROMIUM_ARGS].join(" ");
  const args = [
    url,
    "--output=json",
    `--output-path=${out}`,
    `--only-categories=${CATEGORIES.join(",")}`,
    `--chrome-path=${CHROMIUM}`,
    `--chrome-flags=${flags}`,
    "--quiet",
    ...extraArgs,
  ];
  const started = Date.now();
  try {
    await promisify(execFile)(join(ROOT, "node_modules/.bin/lighthouse"), args, {
      maxBuffer: 64 << 20,
      env: { ...process.env, CHROME_PATH: CHROMIUM },
    });
    const report = JSON.parse(readFileSync(out, "utf8"));
    const scores = Object.fromEntries(CATEGORIES.map((c) => [c, Math.round((report.categories[c]?.score ?? 0) * 100)]));
    const metric = (id) => report.audits[id]?.numericValue ?? null;
    const failed = [];
    for (const c of CATEGORIES.slice(1)) {
      for (const ref of report.categories[c].auditRefs) {
        const a = report.audits[ref.id];
        if (ref.weight > 0 && a.score !== null && a.score < 1) failed.push(`${c}: ${a.id} (${a.title})`);
      }
    }
    return {
      name,
      seconds: (Date.now() - started) / 1000,
      scores,
      fcp: metric("first-contentful-paint"),
      lcp: metric("largest-contentful-paint"),
      tbt: metric("total-blocking-time"),
      cls: metric("cumulative-layout-shift"),
      failed,
      warnings: report.runWarnings ?? [],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A run as one line: the four scores and the metrics. */
export function formatRun(r) {
  const ms = (v) => (v === null ? "–" : `${Math.round(v)} ms`);
  return `${CATEGORIES.map((c) => `${c} ${r.scores[c]}`).join(", ")}; FCP ${ms(r.fcp)}, LCP ${ms(r.lcp)}, TBT ${ms(r.tbt)}, CLS ${r.cls?.toFixed(3)} (${r.seconds.toFixed(0)} s)`;
}

async function gate(dist) {
  const { startGzipServer } = await import("./gzip-server.mjs");
  const server = await startGzipServer(dist);
  try {
    const r = await lighthouse(server.url, "mobile");
    console.log(`Lighthouse 12, mobile: ${formatRun(r)}`);
    for (const f of r.failed) console.log(`  not passed: ${f}`);
    const low = CATEGORIES.slice(1).filter((c) => r.scores[c] < 100);
    if (low.length) {
      console.error(`lighthouse: ${low.map((c) => `${c} ${r.scores[c]}`).join(", ")}: must be 100`);
      process.exitCode = 1;
    } else {
      console.log("accessibility, best practices and SEO: 100");
    }
  } finally {
    await server.close();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [command, dist = join(ROOT, "dist")] = process.argv.slice(2);
  if (command !== "gate") {
    console.error("usage: node scripts/lib/lighthouse.mjs gate [dist]");
    process.exit(2);
  }
  await gate(dist);
}
