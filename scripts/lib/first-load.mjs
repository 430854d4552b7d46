// What a first visit downloads from a built dist/, and how many bytes that is compressed as a web
// host sends it (gzip -9 for text and wasm; PNG and other binary formats as they are), and with
// Brotli (quality 11) beside it, for hosts that send that instead. Used by scripts/bench.sh (the
// report) and scripts/test.sh (the size gate, on the gzip figure), so both count alike.
//
// The first load is index.html, every same-origin file it names (stylesheets, scripts,
// preloads, icons, the manifest), the files Trunk's inline loader imports (the app's JS and
// wasm), and what the app itself fetches when it starts: clinic.json and the service worker
// (sw.js, registered by release builds). Not counted: what that worker then precaches in the
// background (the rest of its list in sw.js, such as the Spanish and German catalogs and the
// larger icons: returned separately as `precachedLater`), and the clinic setup page (setup/,
// its own build, loaded only when opened).
//
//   import { firstLoad, formatFirstLoad } from "./lib/first-load.mjs";
//   const load = firstLoad("dist");   // { files: [{ path, raw, gzip, brotli, why }], raw, gzip, brotli, precachedLater }
//
//   node scripts/lib/first-load.mjs [dist] [--max BYTES]   prints the table; with --max, exits 1
//                                                           when the gzip total is above BYTES

import { brotliCompressSync, gzipSync, constants } from "node:zlib";
import { existsSync, readFileSync } from "node:fs";
import { extname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** Extensions a host compresses (nginx gzip_types in README.md); the others go as they are. */
export const COMPRESSED = new Set([".html", ".js", ".mjs", ".css", ".wasm", ".json", ".webmanifest", ".svg", ".txt"]);

/** The bytes of one file as sent: gzip -9 when its type is compressed, else raw. */
export function sentBytes(buffer, path) {
  return COMPRESSED.has(extname(path)) ? gzipSync(buffer, { level: constants.Z_BEST_COMPRESSION }).length : buffer.length;
}

/** The bytes of one file as a host sending Brotli (quality 11) sends it; else as `sentBytes`. */
export function brotliBytes(buffer, path) {
  if (!COMPRESSED.has(extname(path))) return buffer.length;
  const params = { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: buffer.length };
  return brotliCompressSync(buffer, { params }).length;
}

/** The gzip -9 body of a file (the static server sends exactly this). */
export function gzipped(buffer) {
  return gzipSync(buffer, { level: constants.Z_BEST_COMPRESSION });
}

/** A same-origin path of dist/ named by `ref` in index.html, or null (other origin, data:, #…). */
function localPath(ref) {
  if (!ref || ref.startsWith("#") || /^[a-z][a-z0-9+.-]*:/i.test(ref) || ref.startsWith("//")) return null;
  const path = decodeURIComponent(ref.split(/[?#]/)[0]).replace(/^\.?\//, "");
  return path === "" ? null : path;
}

/** The first-load files of a built dist/ and their sizes (see the header). */
export function firstLoad(dist = "dist") {
  const root = resolve(dist);
  const index = join(root, "index.html");
  if (!existsSync(index)) throw new Error(`no ${index}: build first (trunk build --release)`);
  const html = readFileSync(index, "utf8");
  const wanted = new Map([["index.html", "the page"]]);
  const want = (ref, why) => {
    const path = localPath(ref);
    if (path && !wanted.has(path)) wanted.set(path, why);
  };

  // Elements that load something: <link href>, <script src>, <img src>.
  for (const [tag] of html.matchAll(/<(?:link|script|img)\b[^>]*>/gi)) {
    const name = /^<(\w+)/.exec(tag)[1].toLowerCase();
    const attr = name === "link" ? "href" : "src";
    const value = new RegExp(`\\s${attr}=(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, "i").exec(tag);
    if (!value) continue;
    const rel = /\srel=(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(tag);
    const why = name === "link" ? `<link rel=${(rel?.[1] ?? rel?.[2] ?? rel?.[3] ?? "?").trim()}>` : `<${name}>`;
    want(value[1] ?? value[2] ?? value[3], why);
  }
  // Trunk's inline loader (a module): `import init, * as bindings from '/x.js'; …
  // init({ module_or_path: '/x_bg.wasm' })`. Not the prerender's classic inline script, which
  // names results/start.js only for a deep link to a results page.
  for (const [, body] of html.matchAll(/<script\b(?![^>]*\ssrc=)(?=[^>]*\stype=["']?module)[^>]*>([\s\S]*?)<\/script\s*>/gi)) {
    for (const [, ref] of body.matchAll(/["']([^"'\s]+\.(?:js|wasm))["']/g)) want(ref, "the wasm loader");
  }
  // Fetched by the app as it starts.
  for (const [path, why] of [
    ["clinic.json", "fetched by the app at start"],
    ["sw.js", "registered by the app at start"],
  ]) {
    if (existsSync(join(root, path))) want(path, why);
  }

  const files = [];
  for (const [path, why] of wanted) {
    const file = join(root, path);
    if (!existsSync(file)) throw new Error(`index.html names ${path}, which is not in ${root}`);
    const buffer = readFileSync(file);
    files.push({ path, why, raw: buffer.length, gzip: sentBytes(buffer, path), brotli: brotliBytes(buffer, path) });
  }
  // The worker's own list (sw-precache.mjs writes it into sw.js), less what is counted above.
  const swText = existsSync(join(root, "sw.js")) ? readFileSync(join(root, "sw.js"), "utf8") : "";
  const listed = /\bPRECACHE ?= ?(\[[^\]]*\])/.exec(swText);
  const precached = listed ? JSON.parse(listed[1]) : [];
  const precachedLater = precached
    .filter((p) => !wanted.has(p) && existsSync(join(root, p)))
    .sort()
    .map((path) => {
      const buffer = readFileSync(join(root, path));
      return { path, raw: buffer.length, gzip: sentBytes(buffer, path) };
    });
  const sum = (list, key) => list.reduce((s, f) => s + f[key], 0);
  return {
    files,
    raw: sum(files, "raw"),
    gzip: sum(files, "gzip"),
    brotli: sum(files, "brotli"),
    precachedLater,
    precachedGzip: sum(precachedLater, "gzip"),
  };
}

/** The first load as a table (one line a file, then the total). */
export function formatFirstLoad(load) {
  const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
  const row = (raw, gzip, brotli) => `  ${String(raw).padStart(10)} ${String(gzip).padStart(10)} ${String(brotli).padStart(10)}`;
  const lines = [`  ${"raw".padStart(10)} ${"gzip".padStart(10)} ${"brotli".padStart(10)}  file (why it loads)`];
  for (const f of load.files) lines.push(`${row(f.raw, f.gzip, f.brotli)}  ${f.path} (${f.why})`);
  lines.push(
    `${row(load.raw, load.gzip, load.brotli)}  total first load: ${load.gzip} bytes gzip (${kib(load.gzip)}); with Brotli ${load.brotli} (${kib(load.brotli)})`,
  );
  lines.push(
    `  then precached in the background by the service worker: ${load.precachedLater.length} more files, ${load.precachedGzip} bytes gzip (${kib(load.precachedGzip)})`,
  );
  return lines.join("\n");
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const at = args.indexOf("--max");
  const max = at >= 0 ? Number(args.splice(at, 2)[1]) : null;
  if (at >= 0 && !Number.isFinite(max)) {
    console.error("first-load: --max needs a number of bytes");
    process.exit(2);
  }
  const load = firstLoad(args[0] ?? "dist");
  console.log(formatFirstLoad(load));
  if (max !== null) {
    if (load.gzip > max) {
      console.error(`first-load: ${load.gzip} bytes gzip is over the budget of ${max} bytes (by ${load.gzip - max})`);
      process.exit(1);
    }
    console.log(`first load within budget: ${load.gzip} <= ${max} bytes gzip (${max - load.gzip} to spare)`);
  }
}
