// The built page links one stylesheet (scripts/css-bundle.mjs), which holds every stylesheet
// index.html names, whole and in index.html's order (the cascade depends on it), with a valid
// Subresource Integrity hash; the separate files are gone. Same for the setup and staff pages,
// and for the results build, whose loader (results/start.js) adds its one stylesheet.

import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const DIST = join(ROOT, "dist");

function sources(htmlPath, prefix = "") {
  const html = readFileSync(htmlPath, "utf8");
  return [...html.matchAll(/<link\s+data-trunk\s+rel="css"\s+href="([^"]+)"/g)].map((m) => join(ROOT, prefix, m[1]));
}

for (const [name, source, built] of [
  ["the app", "index.html", "index.html"],
  ["the setup page", "setup/index.html", "setup/index.html"],
  ["staff mode", "staff/index.html", "staff/index.html"],
]) {
  test(`${name}: one stylesheet holding every source stylesheet in order`, { skip: !existsSync(join(DIST, built)) && "no dist/ yet" }, () => {
    const html = readFileSync(join(DIST, built), "utf8");
    const links = [...html.matchAll(/<link\b[^>]*\brel="?stylesheet"?[^>]*>/gi)].map((m) => m[0]);
    assert.equal(links.length, 1, links.join("\n"));
    const href = /href="?([^"\s>]+)/.exec(links[0])[1];
    const dir = join(DIST, built, "..");
    const css = readFileSync(join(dir, href.split("/").pop()), "utf8");
    const integrity = /integrity="?([^"\s>]+)/.exec(links[0])[1];
    assert.equal(integrity, `sha384-${createHash("sha384").update(css).digest("base64")}`);
    let at = 0;
    const files = sources(join(ROOT, source), source.includes("/") ? source.split("/")[0] : "");
    assert.ok(files.length >= 15, `${files.length} source stylesheets`);
    for (const f of files) {
      // Trunk minifies release CSS: find each source file by its first selector's class.
      const first = /\.([a-z][a-z0-9_-]*)/.exec(readFileSync(f, "utf8").replace(/\/\*[\s\S]*?\*\//g, ""))?.[1];
      const marker = `/* ${f.split("/").pop()} */`;
      const i = css.indexOf(marker, at);
      assert.ok(i >= at, `${marker} in order`);
      if (first) assert.ok(css.indexOf(`.${first}`, i) > i, `${f}'s rules follow its marker`);
      at = i;
    }
    assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith(".css")), [href.split("/").pop()], "no separate stylesheets left");
  });
}

test("the results build's loader adds its one stylesheet, whole, in order, with its integrity hash", { skip: !existsSync(join(DIST, "results", "start.js")) && "no dist/ yet" }, () => {
  const loader = readFileSync(join(DIST, "results", "start.js"), "utf8");
  const name = /"\.\/(styles-[0-9a-f]+\.css)"/.exec(loader)?.[1];
  assert.ok(name, "start.js names a stylesheet");
  const css = readFileSync(join(DIST, "results", name), "utf8");
  assert.ok(loader.includes(JSON.stringify(`sha384-${createHash("sha384").update(css).digest("base64")}`)), "its integrity hash");
  let at = 0;
  for (const f of sources(join(ROOT, "results/index.html"), "results")) {
    const i = css.indexOf(`/* ${f.split("/").pop()} */`, at);
    assert.ok(i >= at, `${f} in order`);
    at = i;
  }
  assert.deepEqual(readdirSync(join(DIST, "results")).filter((f) => f.endsWith(".css")), [name], "no separate stylesheets left");
});

test("the app's page links the questionnaire's stylesheets, the results build the rest; setup and staff pages both", () => {
  const names = (html, prefix = "") => sources(join(ROOT, html), prefix).map((f) => f.split("/").pop());
  const app = names("index.html");
  const results = names("results/index.html", "results");
  const all = readdirSync(join(ROOT, "styles")).filter((f) => f.endsWith(".css") && f !== "setup_page.css");
  assert.deepEqual([...new Set([...app, ...results])].sort(), all.sort(), "every stylesheet is linked by one of the two");
  assert.deepEqual(app.filter((f) => results.includes(f)), ["print.css"], "only print.css is in both (last in each, after the rules it overrides)");
  assert.equal(app.at(-1), "print.css");
  assert.equal(results.at(-1), "print.css");
  // The clinic's own pages have everything: the app's (less its print.css), then the results build's.
  const full = [...app.slice(0, -1), ...results];
  const setup = names("setup/index.html", "setup");
  assert.deepEqual(setup.filter((f) => f !== "setup_page.css"), full, "setup/index.html");
  assert.ok(setup.includes("setup_page.css") && !app.includes("setup_page.css"));
  assert.deepEqual(names("staff/index.html", "staff"), full, "staff/index.html");
});
