// The built page links one stylesheet (scripts/css-bundle.mjs), which holds every stylesheet
// index.html names, whole and in index.html's order (the cascade depends on it), with a valid
// Subresource Integrity hash; the separate files are gone. Same for the setup and staff pages.

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
    assert.ok(files.length >= 20, `${files.length} source stylesheets`);
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

test("the setup and staff pages link the app's stylesheets, in the same order (setup its own too)", () => {
  const app = sources(join(ROOT, "index.html")).map((f) => f.split("/").pop());
  const setup = sources(join(ROOT, "setup/index.html"), "setup").map((f) => f.split("/").pop());
  assert.deepEqual(setup.filter((f) => f !== "setup_page.css"), app, "setup/index.html lists the same stylesheets as index.html");
  assert.ok(setup.includes("setup_page.css") && !app.includes("setup_page.css"));
  const staff = sources(join(ROOT, "staff/index.html"), "staff").map((f) => f.split("/").pop());
  assert.deepEqual(staff, app, "staff/index.html lists the same stylesheets as index.html");
});
