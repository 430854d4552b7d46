// Writes dist/results/start.js, the loader the questionnaire's page adds when it first needs
// the results build (src/ui/results_loader.rs), from the page Trunk built for that build, then
// removes that page (never served: the results build always runs inside the app's own page).
// The loader adds the build's stylesheet (joined by scripts/css-bundle.mjs, with its SRI hash)
// and waits for it, so no page shows unstyled, then imports the build's JS by its hashed name
// and starts its wasm; if any of them cannot be loaded it says so to the page
// ("meso-advisor:results-failed"), which offers a retry.
//
//   node scripts/results-loader.mjs <dist>/results
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";

const dir = process.argv[2];
if (!dir) throw new Error("usage: node scripts/results-loader.mjs <dist>/results");
const page = join(dir, "index.html");
const html = readFileSync(page, "utf8");
const js = /["']([^"'\s]*results-[0-9a-f]+\.js)["']/.exec(html)?.[1];
const wasm = /["']([^"'\s]*results-[0-9a-f]+_bg\.wasm)["']/.exec(html)?.[1];
if (!js || !wasm) throw new Error(`${page}: no results JS and wasm named in Trunk's loader`);
const sheet = /<link\b[^>]*\bhref="?[^"\s>]*?(styles-[0-9a-f]+\.css)"?[^>]*>/.exec(html);
const integrity = sheet && /\bintegrity="?([^"\s>]+)/.exec(sheet[0])?.[1];
if (!sheet || !integrity) throw new Error(`${page}: no joined stylesheet with an integrity hash`);

const loader = `// The results build's loader (written by scripts/results-loader.mjs; see src/ui/results_loader.rs).
import init from "./${basename(js)}";
const sheet = document.createElement("link");
sheet.rel = "stylesheet";
sheet.integrity = ${JSON.stringify(integrity)};
sheet.href = new URL("./${sheet[1]}", import.meta.url).href;
new Promise((loaded, failed) => {
  sheet.onload = loaded;
  sheet.onerror = () => failed(new Error("results stylesheet"));
  document.head.append(sheet);
})
  .then(() => init({ module_or_path: new URL("./${basename(wasm)}", import.meta.url) }))
  .catch((error) => {
    console.error("the results build could not be started", error);
    dispatchEvent(new Event("meso-advisor:results-failed"));
  });
`;
writeFileSync(join(dir, "start.js"), loader);
rmSync(page);
console.log(`results/start.js: ${sheet[1]}, ${basename(js)}, ${basename(wasm)}`);
