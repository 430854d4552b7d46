// Writes dist/results/start.js, the loader the questionnaire's page adds when it first needs
// the results build (src/ui/results_loader.rs), from the page Trunk built for that build, then
// removes that page (never served: the results build always runs inside the app's own page).
// The loader imports the build's JS by its hashed name and starts its wasm; if either cannot
// be loaded it says so to the page ("meso-advisor:results-failed"), which offers a retry.
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

const loader = `// The results build's loader (written by scripts/results-loader.mjs; see src/ui/results_loader.rs).
import init from "./${basename(js)}";
init({ module_or_path: new URL("./${basename(wasm)}", import.meta.url) }).catch((error) => {
  console.error("the results build could not be started", error);
  dispatchEvent(new Event("meso-advisor:results-failed"));
});
`;
writeFileSync(join(dir, "start.js"), loader);
rmSync(page);
console.log(`results/start.js: ${basename(js)}, ${basename(wasm)}`);
