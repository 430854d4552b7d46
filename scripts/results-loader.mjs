// Writes dist/results/start.js, the loader the questionnaire's page adds when it first needs
// the results build (src/ui/results_loader.rs), from the page Trunk built for that build, then
// removes that page (never served: the results build always runs inside the app's own page).
// The loader compiles the build's wasm as soon as it runs (the app adds it when the last step
// opens); when the app asks it to start, it adds the build's stylesheet (joined by
// scripts/css-bundle.mjs, with its SRI hash) and waits for it, so no page shows unstyled, then
// runs the wasm. If any of them cannot be loaded it says so to the page
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
// As soon as it runs it compiles the wasm, without running it; the app's page starts it
// ("meso-advisor:results-start", or window.mesoAdvisorStartResults if set before this ran):
// stylesheet added and loaded, then the wasm instantiated and run.
import init from "./${basename(js)}";
const failed = (error) => {
  console.error("the results build could not be started", error);
  dispatchEvent(new Event("meso-advisor:results-failed"));
};
const integrity = ${JSON.stringify(integrity)};
const css = new URL("./${sheet[1]}", import.meta.url).href;
const wasm = new URL("./${basename(wasm)}", import.meta.url);
const compiled = WebAssembly.compileStreaming(fetch(wasm)).catch(() =>
  fetch(wasm).then((r) => (r.ok ? r.arrayBuffer() : Promise.reject(new Error(\`\${wasm}: \${r.status}\`)))).then((b) => WebAssembly.compile(b)),
);
compiled.catch(() => {}); // reported when started
let started = false;
function start() {
  if (started) return;
  started = true;
  const sheet = Object.assign(document.createElement("link"), { rel: "stylesheet", href: css, integrity });
  new Promise((loaded, refused) => {
    sheet.onload = loaded;
    sheet.onerror = () => refused(new Error("results stylesheet"));
    document.head.append(sheet);
  })
    .then(() => compiled)
    .then((module) => init({ module_or_path: module }))
    .catch(failed);
}
if (window.mesoAdvisorStartResults === true) start();
else addEventListener("meso-advisor:results-start", start, { once: true });
`;
writeFileSync(join(dir, "start.js"), loader);
rmSync(page);
console.log(`results/start.js: ${sheet[1]}, ${basename(js)}, ${basename(wasm)}`);
