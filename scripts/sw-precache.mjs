#!/usr/bin/env node
// Trunk post_build hook (see Trunk.toml), run after csp-hash.mjs: writes into the staged sw.js
// the list of every file of the build (hashed names as Trunk wrote them) and a build id (the
// sha256 of all their names and bytes), in place of the markers "__PRECACHE__" and
// "__BUILD_ID__". A build with any changed byte gets a new id, so browsers see a new worker.
// Release builds then minify it (terser: it is part of every first load).
// Fails the build when sw.js or a marker is missing, so a worker that caches nothing can't ship.

import { createHash } from "node:crypto";
import { readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { minify } from "terser";

function fail(message) {
  console.error(`sw-precache: ${message}`);
  process.exit(1);
}

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) fail("TRUNK_STAGING_DIR is not set (run me as a Trunk hook)");

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

const swFile = join(staging, "sw.js");
const all = files(staging)
  .map((f) => relative(staging, f).split(sep).join("/"))
  .filter((f) => f !== "sw.js")
  .sort();
// The clinic's own pages are not downloaded in the background by visitors' devices: the setup
// page never, staff mode (staff/) only on devices that have opened it (STAFF_PRECACHE).
const list = all.filter((f) => !f.startsWith("setup/") && !f.startsWith("staff/"));
const staffList = all.filter((f) => f.startsWith("staff/"));
const hash = createHash("sha256");
// The id covers staff mode too: a new staff page is a new version for the devices that keep it.
for (const f of [...list, ...staffList]) {
  hash.update(f).update("\0").update(readFileSync(join(staging, f))).update("\0");
}
const buildId = hash.digest("hex").slice(0, 16);

let sw;
try {
  sw = readFileSync(swFile, "utf8");
} catch {
  fail(`no sw.js in ${staging} (index.html must copy it)`);
}
if (!sw.includes('["__PRECACHE__"]') || !sw.includes('["__STAFF_PRECACHE__"]') || !sw.includes('"__BUILD_ID__"')) {
  fail("sw.js lacks its markers");
}
sw = sw
  .replace('["__PRECACHE__"]', JSON.stringify(list))
  .replace('["__STAFF_PRECACHE__"]', JSON.stringify(staffList))
  .replace('"__BUILD_ID__"', JSON.stringify(buildId));
if ((process.env.TRUNK_PROFILE || "debug") === "release") {
  const result = await minify(sw, { compress: { passes: 2 }, mangle: true }).catch((e) => fail(`sw.js: ${e.message}`));
  sw = result.code;
}
writeFileSync(swFile, sw);
console.log(`sw-precache: build ${buildId}, ${list.length} files precached, ${staffList.length} of staff mode for staff devices`);
