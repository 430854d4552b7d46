#!/usr/bin/env node
// Trunk post_build hook (see Trunk.toml and setup/Trunk.toml), run after prerender.mjs: joins
// the stylesheets Trunk wrote into the staged index.html (one per component or page, as they
// are kept in styles/) into one file, in the same order, so that the first paint waits for one
// request instead of ~35. The joined file is named by its content hash like Trunk's files
// (cache-first in the service worker) and keeps a Subresource Integrity hash; the separate
// files are removed from the build. Fails the build when there is nothing to join.

import { createHash } from "node:crypto";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

function fail(message) {
  console.error(`css-bundle: ${message}`);
  process.exit(1);
}

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) fail("TRUNK_STAGING_DIR is not set (run me as a Trunk hook)");
const publicUrl = process.env.TRUNK_PUBLIC_URL || "/";
const file = join(staging, "index.html");
const html = readFileSync(file, "utf8");

const LINK = /<link\b[^>]*>/gi;
const attr = (tag, name) => {
  const m = new RegExp(`\\b${name}=(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, "i").exec(tag);
  return m ? (m[1] ?? m[2] ?? m[3]) : null;
};
const sheets = [...html.matchAll(LINK)]
  .map((m) => m[0])
  .filter((tag) => (attr(tag, "rel") || "").toLowerCase() === "stylesheet" && !attr(tag, "media"));
if (sheets.length === 0) fail(`no stylesheet links in ${file}`);

const names = sheets.map((tag) => {
  const href = attr(tag, "href");
  if (!href || !href.startsWith(publicUrl) || href.includes("..")) fail(`unexpected stylesheet address ${href}`);
  return href.slice(publicUrl.length);
});
const css = names.map((n) => `/* ${n.replace(/-[0-9a-f]{12,16}\.css$/, ".css")} */\n${readFileSync(join(staging, n), "utf8")}\n`).join("");
const hash = createHash("sha256").update(css).digest("hex").slice(0, 16);
const bundle = `styles-${hash}.css`;
const integrity = `sha384-${createHash("sha384").update(css).digest("base64")}`;
writeFileSync(join(staging, bundle), css);
for (const n of names) rmSync(join(staging, n));

let first = true;
const out = html.replace(LINK, (tag) => {
  if (!sheets.includes(tag)) return tag;
  if (!first) return "";
  first = false;
  return `<link href="${publicUrl}${bundle}" integrity="${integrity}" rel="stylesheet">`;
});
writeFileSync(file, out);
console.log(`css-bundle: ${names.length} stylesheets joined into ${bundle} (${css.length} bytes) in ${file}`);
