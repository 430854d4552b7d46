#!/usr/bin/env node
// Trunk post_build hook (see Trunk.toml): puts the sha256 hashes of the inline <script>s that
// Trunk wrote into the staged index.html (its wasm loader) into the page's
// Content-Security-Policy, in place of the marker __CSP_SCRIPT_HASHES__, so that script-src needs
// no 'unsafe-inline'. Runs after Trunk's minifier, on the exact bytes that will be served.
// Fails the build when the marker or the CSP meta tag is missing, so a broken CSP can't ship.

import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const MARKER = "__CSP_SCRIPT_HASHES__";

function fail(message) {
  console.error(`csp-hash: ${message}`);
  process.exit(1);
}

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) fail("TRUNK_STAGING_DIR is not set (run me as a Trunk hook)");
const file = join(staging, "index.html");
const html = readFileSync(file, "utf8");

// Inline scripts: <script ...>body</script> with no src attribute. Hash the raw body text.
const hashes = [];
for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
  const [, attrs, body] = match;
  if (/\bsrc\s*=/i.test(attrs)) continue;
  const digest = createHash("sha256").update(body, "utf8").digest("base64");
  hashes.push(`'sha256-${digest}'`);
}

// The CSP meta tag, in whatever quoting the minifier left it.
const meta = /<meta\b[^>]*http-equiv=["']?Content-Security-Policy["']?[^>]*>/i.exec(html);
if (!meta) fail(`no Content-Security-Policy <meta> in ${file}`);
if (!meta[0].includes(MARKER)) fail(`the CSP <meta> in ${file} lacks the marker ${MARKER}`);

const policy = meta[0].replace(MARKER, [...new Set(hashes)].join(" "));
writeFileSync(file, html.replace(meta[0], policy));
console.log(`csp-hash: allowed ${hashes.length} inline script(s) by hash in ${file}`);
