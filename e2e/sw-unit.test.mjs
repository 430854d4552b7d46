// Unit tests of the service worker's own logic (sw.js), outside a browser: which requests go
// network-first or cache-first, which caches an activation removes, what is precached; and
// of the build hook that fills in the precache list (scripts/sw-precache.mjs), on the real
// dist/ when it exists.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import vm from "node:vm";
import { ROOT, DIST } from "./lib/env.mjs";

function load(file) {
  const module = { exports: {} };
  vm.runInNewContext(readFileSync(file, "utf8"), { module, URL, Request: class {} }, { filename: file });
  return module.exports;
}

const sw = load(join(ROOT, "sw.js"));

test("the page, clinic.json and catalogs are network-first; hashed assets cache-first", () => {
  assert.equal(sw.strategyFor("/"), "network-first");
  assert.equal(sw.strategyFor("/index.html"), "network-first");
  assert.equal(sw.strategyFor("/clinic.json"), "network-first");
  assert.equal(sw.strategyFor("/locales/es.txt"), "network-first");
  assert.equal(sw.strategyFor("/meso-advisor-66226a8942e38126_bg.wasm"), "cache-first");
  assert.equal(sw.strategyFor("/meso-advisor-66226a8942e38126.js"), "cache-first");
  assert.equal(sw.strategyFor("/site_header-e114c0e87df468.css"), "cache-first", "Trunk drops leading zeros");
  assert.equal(sw.strategyFor("/icon-192.png"), "network-first", "not hashed");
  assert.equal(sw.strategyFor("/base-532e184ac83de451.css"), "cache-first");
  assert.equal(sw.strategyFor("/app-eb21a29eef1faa89.css"), "cache-first");
  assert.equal(sw.strategyFor("/manifest.webmanifest"), "network-first");
  assert.equal(sw.strategyFor("/sw.js"), "pass", "the worker script itself is the browser's business");
  // In a sub-folder (the app served under /advisor/).
  assert.equal(sw.strategyFor("/advisor/clinic.json"), "network-first");
  assert.equal(sw.strategyFor("/advisor/base-532e184ac83de451.css"), "cache-first");
});

test("a navigation is cached as the app's page, the setup page under its own address", () => {
  assert.equal(sw.navigationKey("/", "/"), "index.html");
  assert.equal(sw.navigationKey("/index.html", "/"), "index.html");
  assert.equal(sw.navigationKey("/anything", "/"), "index.html");
  assert.equal(sw.navigationKey("/setup/", "/"), "setup/index.html");
  assert.equal(sw.navigationKey("/setup", "/"), "setup/index.html");
  assert.equal(sw.navigationKey("/setup/index.html", "/"), "setup/index.html");
  assert.equal(sw.navigationKey("/advisor/setup/", "/advisor/"), "setup/index.html");
  assert.equal(sw.navigationKey("/advisor/", "/advisor/"), "index.html");
  assert.equal(sw.navigationKey("/setupx/", "/"), "index.html");
  assert.equal(sw.navigationKey("/staff/", "/"), "staff/index.html");
  assert.equal(sw.navigationKey("/staff", "/"), "staff/index.html");
  assert.equal(sw.navigationKey("/advisor/staff/index.html", "/advisor/"), "staff/index.html");
});

test("the mark of a staff device survives every new version; old versions' caches do not", () => {
  const names = ["meso-advisor-aaaa", sw.STAFF_DEVICE, "meso-advisor-bbbb"];
  assert.deepEqual([...sw.staleCaches(names, "meso-advisor-bbbb")], ["meso-advisor-aaaa"]);
});

test("activation removes this app's old caches only", () => {
  const names = ["meso-advisor-aaaa", "meso-advisor-bbbb", "other-app-cache", "meso-advisor-cccc"];
  assert.deepEqual([...sw.staleCaches(names, "meso-advisor-bbbb")], ["meso-advisor-aaaa", "meso-advisor-cccc"]);
  assert.deepEqual([...sw.staleCaches(["meso-advisor-bbbb"], "meso-advisor-bbbb")], []);
});

test("the precache list holds the page and every file but the worker", () => {
  const urls = [...sw.precacheUrls(["a-0123456789abcdef.css", "index.html", "sw.js", "clinic.json"])];
  assert.deepEqual(urls, ["./", "a-0123456789abcdef.css", "clinic.json", "index.html"]);
});

test("the built worker lists every file of dist/ but the setup page (staff mode apart), with a build id", { skip: !existsSync(join(DIST, "sw.js")) && "no dist/ yet" }, () => {
  const built = load(join(DIST, "sw.js"));
  assert.match(built.BUILD_ID, /^[0-9a-f]{16}$/);
  const files = (function walk(dir, prefix = "") {
    return readdirSync(dir).flatMap((n) =>
      statSync(join(dir, n)).isDirectory() ? walk(join(dir, n), `${prefix}${n}/`) : [`${prefix}${n}`],
    );
  })(DIST)
    .filter((f) => f !== "sw.js")
    .sort();
  assert.deepEqual([...built.PRECACHE], files.filter((f) => !f.startsWith("setup/") && !f.startsWith("staff/")));
  assert.ok(!built.PRECACHE.some((f) => f.startsWith("setup/")), "the setup page is not precached");
  assert.deepEqual([...built.STAFF_PRECACHE], files.filter((f) => f.startsWith("staff/")), "staff mode, for staff devices");
  assert.ok(built.STAFF_PRECACHE.includes("staff/index.html"));
  assert.ok(built.STAFF_PRECACHE.some((f) => f.endsWith("_bg.wasm")));
  for (const must of ["index.html", "clinic.json", "manifest.webmanifest", "icon-192.png", "icon-maskable-512.png"]) {
    assert.ok(built.PRECACHE.includes(must), `${must} is precached`);
  }
  assert.ok(built.PRECACHE.some((f) => f.endsWith("_bg.wasm")), "the wasm is precached");
});
