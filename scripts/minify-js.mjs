#!/usr/bin/env node
// Trunk post_build hook (see Trunk.toml), release builds only: minifies the app's JS (the
// wasm-bindgen glue Trunk writes; Trunk's own minifier cannot parse its `export default` and
// ships it as it is) with terser, and rewrites the Subresource Integrity hash of the
// <link rel=modulepreload> that names it. Names stay those Trunk gave (hashed from the
// unminified file: still one name per content). It must not touch the wasm or the inline loader
// (whose CSP hash scripts/csp-hash.mjs writes afterwards). Fails the build when the JS the page
// names cannot be found or minified.

import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { minify } from "terser";

function fail(message) {
  console.error(`minify-js: ${message}`);
  process.exit(1);
}

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) fail("TRUNK_STAGING_DIR is not set (run me as a Trunk hook)");
if ((process.env.TRUNK_PROFILE || "debug") !== "release") process.exit(0);
const publicUrl = process.env.TRUNK_PUBLIC_URL || "/";
const file = join(staging, "index.html");
let html = readFileSync(file, "utf8");

const preload = [...html.matchAll(/<link\b[^>]*>/gi)]
  .map((m) => m[0])
  .find((tag) => /\brel="?modulepreload"?/i.test(tag));
const href = preload && /\bhref="?([^"\s>]+)/i.exec(preload)?.[1];
if (!href || !href.startsWith(publicUrl) || !href.endsWith(".js")) fail(`no <link rel=modulepreload> to a .js in ${file}`);
const path = join(staging, href.slice(publicUrl.length));
const source = readFileSync(path, "utf8");
const result = await minify(source, { module: true, compress: { passes: 2 }, mangle: true }).catch((e) => fail(`${path}: ${e.message}`));
if (!result?.code) fail(`${path}: no output`);
writeFileSync(path, result.code);

const integrity = `sha384-${createHash("sha384").update(result.code).digest("base64")}`;
const updated = preload.replace(/\bintegrity="?[^"\s>]+"?/i, `integrity="${integrity}"`);
if (updated === preload && !preload.includes(integrity)) fail(`no integrity attribute on ${preload}`);
html = html.replace(preload, updated);
writeFileSync(file, html);
console.log(`minify-js: ${href} ${source.length} -> ${result.code.length} bytes`);
