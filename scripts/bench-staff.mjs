// Staff mode benchmark (a benchmark, not a test: it prints figures and fails only when
// something does not work at all). Run by scripts/bench.sh after a release build, or alone:
//   node scripts/bench-staff.mjs [dist] [records.json]
// where records.json is an envelope from `cargo run --release --example full_records -- 5000`.
//
// Prints, in Chromium with 4x CPU throttling (DevTools protocol):
//  - the staff passcode's PBKDF2-SHA-256 (the rounds of ui/staff_auth.rs): the time one
//    unlock costs, unthrottled and at 4x (WebCrypto runs off the page's thread: throttling
//    barely touches it, so the figure is this machine's);
//  - capacity: 5,000 full records (6 sessions with lots and notes, 2 reviews) stored the way
//    the app stores a large envelope (gzip-sealed), then the patient list opened: time to the
//    list, rows shown, a search by nickname, and the characters used in localStorage.

import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { launchChromium } from "./lib/browser.mjs";
import { startStaticServer } from "./lib/static-server.mjs";
import { storedChars } from "../e2e/lib/app.mjs";

const dist = process.argv[2] || "dist";
// The app's own round count (src/ui/staff_auth.rs), so the figure follows it.
const ITERATIONS = Number(
  /pub const ITERATIONS: u32 = ([\d_]+);/.exec(readFileSync(new URL("../src/ui/staff_auth.rs", import.meta.url), "utf8"))[1].replaceAll("_", ""),
);
const recordsPath = process.argv[3];
if (!recordsPath) {
  console.error("usage: node scripts/bench-staff.mjs <dist> <records.json>");
  process.exit(2);
}
const envelope = readFileSync(recordsPath, "utf8").trim();
const count = JSON.parse(envelope).plans.length;
// The sealed wrapper of src/state/sealed.rs (gzip content).
const sealed = JSON.stringify({
  schema: "meso-advisor/sealed@1",
  content: "gzip",
  data: gzipSync(Buffer.from(envelope, "utf8"), { level: 6 }).toString("base64"),
});
const clinic = JSON.parse(readFileSync(`${dist}/clinic.json`, "utf8"));
// A single-user device: staff mode opens without a passcode, so the list is measured alone.
clinic.kiosk = { ...(clinic.kiosk || {}), staff_passcode: false };

const server = await startStaticServer(dist);
const browser = await launchChromium();
const results = [];
try {
  for (const rate of [1, 4]) {
    const context = await browser.newContext({ serviceWorkers: "block", viewport: { width: 1024, height: 768 } });
    const page = await context.newPage();
    await page.route("**/clinic.json", (route) => route.fulfill({ contentType: "application/json", body: JSON.stringify(clinic) }));
    const cdp = await context.newCDPSession(page);
    await page.goto(`${server.url}#/about`);
    await page.locator("main#main h1").waitFor();
    await cdp.send("Emulation.setCPUThrottlingRate", { rate });

    const pbkdf2 = await page.evaluate(async (iterations) => {
      const key = await crypto.subtle.importKey("raw", new TextEncoder().encode("482913-bench"), "PBKDF2", false, ["deriveBits"]);
      const t0 = performance.now();
      await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", iterations, salt: new Uint8Array(16) }, key, 256);
      return performance.now() - t0;
    }, ITERATIONS);

    await page.evaluate((text) => localStorage.setItem("meso-advisor/plans", text), sealed);
    const chars = await storedChars(page);
    // The app started with the plans in storage, on a page that does not list them.
    let t0 = Date.now();
    await page.reload();
    await page.locator("main#main h1").waitFor();
    await page.waitForFunction(() => !document.querySelector("[data-testid=staff-patients]"));
    const startMs = Date.now() - t0;
    t0 = Date.now();
    // Staff mode is its own page: the time includes loading it.
    await page.goto(`${server.url}staff/#/staff`);
    // The list shows its first page of patients and how many there are in all.
    await page.waitForFunction(
      (n) => document.querySelectorAll("[data-testid=staff-patient]").length > 0 &&
        (document.querySelector("[data-testid=staff-shown]")?.textContent.includes(n.toLocaleString("en").replace(",", "")) ||
         document.querySelector("[data-testid=staff-shown]")?.textContent.includes(String(n)) ||
         document.querySelectorAll("[data-testid=staff-patient]").length === n),
      count,
      { timeout: 300000 },
    );
    const listMs = Date.now() - t0;
    const listed = await page.evaluate(() => document.querySelectorAll("[data-testid=staff-patient]").length);
    const search = await page.evaluate(async () => {
      const input = document.getElementById("patient-search");
      const t0 = performance.now();
      input.value = "patient 0499";
      input.dispatchEvent(new InputEvent("input", { bubbles: true }));
      await new Promise((resolve) => {
        const check = () => (document.querySelectorAll("[data-testid=staff-patient]").length <= 10 ? resolve() : requestAnimationFrame(check));
        check();
      });
      return { ms: performance.now() - t0, rows: document.querySelectorAll("[data-testid=staff-patient]").length };
    });
    results.push({ rate, pbkdf2, chars, startMs, listMs, listed, search });
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}

console.log(`\nStaff mode (Chromium, release build, ${count} full records, gzip-sealed)`);
console.log(`PBKDF2: ${ITERATIONS.toLocaleString("en")} rounds`);
console.log("CPU  | PBKDF2 (one unlock) | app start, plans read | patients listed in | search 'patient 0499' | localStorage used");
for (const r of results) {
  console.log(
    `${String(r.rate).padEnd(2)}x  | ${r.pbkdf2.toFixed(0).padStart(8)} ms         | ${String(r.startMs).padStart(8)} ms           | ${String(r.listMs).padStart(6)} ms (${r.listed} shown) | ${r.search.ms.toFixed(0).padStart(6)} ms, ${r.search.rows} rows   | ${r.chars.toLocaleString("en")} chars (${((100 * r.chars) / 5e6).toFixed(0)}% of 5,000,000; ${(r.chars / count).toFixed(0)} per record)`,
  );
}
