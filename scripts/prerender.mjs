#!/usr/bin/env node
// Trunk post_build hook (see Trunk.toml), run before csp-hash.mjs and sw-precache.mjs: writes the
// start page into the staged index.html as static HTML, so a visitor reads it before the wasm
// has arrived (issue 11, "Fast on a cheap phone").
//
// Texts come from the catalog of the clinic's default language (locales/<lang>.txt, English for
// the shipped demo clinic) and the clinic's name, accent colour, languages and kiosk setting from
// the staged clinic.json (defaults as in src/core/clinic.rs): nothing is copied by hand. The
// markup mirrors what the app renders on its first frame at #/ (src/ui/app.rs Shell,
// components/site_header.rs, components/language_picker.rs, pages/start_page.rs): the same
// elements, classes and texts, so when the app takes over nothing moves. It differs only where
// two copies would collide while both are in the page: no ids or data-testids of the app's own
// (ids are prefixed "prerender-"), no skip link (hidden off-screen), no print-only header, and
// Start is a link to #/step/1 (works before the wasm: the app opens on step 1).
//
// Also written: <html lang>, <title> and <meta name="description"> from the catalog, and one small
// inline script (allowed by hash: csp-hash.mjs hashes every inline script) right after the
// prerendered block, which
//   - sets the clinic's accent colour (--color-accent, as src/ui/browser.rs set_accent does);
//   - hides the block when the app will not show this start page in this language: another route
//     in the URL (a deep link, or a click on a prerendered link), a remembered language other than
//     this one, or a questionnaire in progress (Continue / Start again);
//   - makes the prerendered language picker remember the choice, as the app's does;
//   - on an address of a page only the results build has (a shared assessment, the saved plans,
//     a refresh on the result, About), adds results/start.js at once, as src/ui/results_loader.rs
//     `prepare` does on the last step: the results build downloads and compiles while this
//     page's own wasm does, instead of after it. Routes as src/state/route.rs parses them, told
//     apart by their first letters (result, plan, letter, about, saved, s/<code>; not step,
//     staff, setup): a mistyped address at worst fetches what the last step would.
// src/ui/mod.rs `start()` renders the app into a hidden element and swaps it in for #prerender
// once the app has drawn its first page (or removes a hidden #prerender at once).
//
// Fails the build when index.html lacks the placeholder <div id="prerender"></div> or a catalog
// key is missing. A clinic.json that is not valid JSON only skips the prerender (with a warning):
// the app then reports the problem itself, as before.

import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

function fail(message) {
  console.error(`prerender: ${message}`);
  process.exit(1);
}

/** A catalog as src/core/catalog.rs reads it: `key = text` lines, `#` comments, no escapes. */
export function readCatalog(text, name = "catalog") {
  const messages = new Map();
  text.split(/\r?\n/).forEach((raw, n) => {
    const line = raw.trimEnd();
    if (line.trim() === "" || line.trimStart().startsWith("#")) return;
    const at = line.indexOf(" = ");
    if (at < 0) fail(`${name} line ${n + 1}: expected \`key = text\``);
    const key = line.slice(0, at).trim();
    if (messages.has(key)) fail(`${name} line ${n + 1}: duplicate key ${key}`);
    messages.set(key, line.slice(at + 3));
  });
  return messages;
}

/** The settings the start page shows, with the defaults of src/core/clinic.rs. */
export function readClinic(text) {
  const c = text === null ? {} : JSON.parse(text);
  const str = (v, fallback) => (typeof v === "string" && v.trim() !== "" ? v.trim() : fallback);
  const offered = Array.isArray(c.languages?.offered) && c.languages.offered.length > 0 ? c.languages.offered : ["en"];
  return {
    name: str(c.name, "Demo Hair Clinic"),
    logo: str(c.logo, null),
    accent: str(c.accent_colour, "#0b7285").toLowerCase(),
    offered,
    lang: str(c.languages?.default, offered[0]),
    kiosk: Number(c.kiosk?.idle_reset_seconds ?? 0) > 0,
  };
}

// A language's name in that language: src/core/catalog.rs `language_name` (not in the catalogs).
const LANGUAGE_NAMES = { en: "English", es: "Español", de: "Deutsch" };

/** A value as a JavaScript literal that is safe inside <script> (no "</script>"). */
const js = (v) => JSON.stringify(v).replace(/</g, "\\u003c");

const esc = (s) => String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** A Rust string constant of the app's source (`NAME: &str = "value"`): storage keys. */
function rustConst(file, name) {
  const m = new RegExp(`\\b${name}: &str = "([^"]+)"`).exec(readFileSync(join(ROOT, file), "utf8"));
  if (!m) fail(`no ${name} in ${file} (the inline script needs the app's storage key)`);
  return m[1];
}

/** The prerendered start page, with the shell around it (header, main, footer). */
export function startPageHtml(clinic, t) {
  // data-twin: the app's element that takes keyboard focus if this one had it at the hand-over.
  const twin = (selector) => ` data-twin="${esc(selector)}"`;
  const link = (href, key, current = false) =>
    `<a class="site-header-link" href="${href}"${current ? ' aria-current="page"' : ""}${twin(`.site-header-link[href="${href}"]`)}>${esc(t(key))}</a>`;
  const appLink = (scope, href, key) => `<a class="app-link" href="${href}"${twin(`${scope} a[href="${href}"]`)}>${esc(t(key))}</a>`;
  const logo = clinic.logo ? `<img class="site-header-logo" src="${esc(clinic.logo)}" alt="" width="32" height="32">` : "";
  const picker =
    clinic.offered.length < 2
      ? ""
      : `<div class="language-picker"><label class="language-picker-label" for="prerender-language">${esc(t("language.label"))}</label>` +
        `<select id="prerender-language" class="language-picker-select"${twin("#language-picker")}>` +
        clinic.offered
          .map((l) => `<option value="${esc(l)}" lang="${esc(l)}"${l === clinic.lang ? " selected" : ""}>${esc(LANGUAGE_NAMES[l] ?? "English")}</option>`)
          .join("") +
        `</select></div>`;
  const header =
    `<header class="site-header"><a class="site-header-brand" href="#/"${twin(".site-header-brand")}>${logo}<span class="site-header-name">${esc(clinic.name)}</span></a>` +
    `<nav class="site-header-nav" aria-label="${esc(t("nav.main"))}">` +
    link("#/", "nav.start", true) +
    (clinic.kiosk ? "" : link("#/saved", "nav.saved")) +
    link("#/about", "nav.about") +
    `</nav>${picker}</header>`;
  const page =
    `<div class="start-page">` +
    `<h1 tabindex="-1" class="start-page-title">${esc(t("app.title"))}</h1>` +
    `<p class="start-page-clinic">${esc(clinic.name)}</p>` +
    `<p class="start-page-purpose">${esc(t("app.purpose"))}</p>` +
    `<ul class="start-page-facts"><li>${esc(t("app.time_needed"))}</li><li>${esc(t("app.privacy"))}</li><li>${esc(t("app.not_emergency"))}</li></ul>` +
    `<p class="start-page-disclaimer">${esc(t("disclaimer"))}</p>` +
    `<div class="start-page-actions"><a class="button button--primary" href="#/step/1"${twin("[data-testid=start-button]")}>${esc(t("app.start"))}</a></div>` +
    `<p class="start-page-links">` +
    (clinic.kiosk ? "" : `${appLink(".start-page-links", "#/saved", "nav.saved")} · `) +
    `${appLink(".start-page-links", "#/about", "nav.about")}</p>` +
    `</div>`;
  const footer =
    `<footer class="app-footer"><p>${esc(t("disclaimer"))}</p><p>${esc(t("app.privacy"))}</p>` +
    `<p>${appLink(".app-footer", "#/staff", "staff.link")}</p></footer>`;
  return `${header}<main class="app-main">${page}</main>${footer}`;
}

/** The inline script after the block (see the header comment). */
function handoffScript(clinic, keys) {
  const code = `(function(){var d=document,p=d.getElementById("prerender");
d.documentElement.style.setProperty("--color-accent",${js(clinic.accent)});
function off(){p.hidden=true}
function route(){if(!/^#?\\/*$/.test(location.hash))off()}
try{var l=localStorage.getItem(${js(keys.lang)});
if(l&&l!==${js(clinic.lang)}&&${js(clinic.offered)}.indexOf(l)>=0)off();
if(sessionStorage.getItem(${js(keys.draft)})!==null)off()}catch(e){}
route();addEventListener("hashchange",route);
if(/^#\\/*([rpla]|sa|s\\/)/.test(location.hash))d.head.append(Object.assign(d.createElement("script"),{type:"module",src:"results/start.js"}));
var s=d.getElementById("prerender-language");
if(s)s.addEventListener("change",function(){try{localStorage.setItem(${js(keys.lang)},s.value)}catch(e){}off()})})()`;
  return `<script>${code.replace(/\n/g, "")}</script>`;
}

function main() {
  const staging = process.env.TRUNK_STAGING_DIR;
  if (!staging) fail("TRUNK_STAGING_DIR is not set (run me as a Trunk hook)");
  const file = join(staging, "index.html");
  let html = readFileSync(file, "utf8");

  // The placeholder, in whatever quoting the minifier left it.
  const placeholder = /<div id=(["']?)prerender\1\s*><\/div>/.exec(html);
  if (!placeholder) fail(`no <div id="prerender"></div> placeholder in ${file}`);

  let clinicText = null;
  try {
    clinicText = readFileSync(join(staging, "clinic.json"), "utf8");
  } catch {
    // No clinic.json: the app uses its embedded default (spec §8), and so do we.
  }
  let clinic;
  try {
    clinic = readClinic(clinicText);
  } catch (err) {
    console.warn(`prerender: warning: clinic.json is not valid JSON (${err.message}); start page not prerendered`);
    return;
  }
  let catalogFile = join(ROOT, "locales", `${clinic.lang}.txt`);
  let catalog;
  try {
    catalog = readCatalog(readFileSync(catalogFile, "utf8"), `${clinic.lang}.txt`);
  } catch {
    console.warn(`prerender: warning: no catalog for "${clinic.lang}", prerendering in English`);
    clinic.lang = "en";
    catalogFile = join(ROOT, "locales", "en.txt");
    catalog = readCatalog(readFileSync(catalogFile, "utf8"), "en.txt");
  }
  const t = (key) => {
    const text = catalog.get(key);
    if (text === undefined) fail(`${catalogFile} has no key ${key}`);
    return text;
  };
  const keys = {
    lang: rustConst("src/ui/locale.rs", "LANG_KEY"),
    draft: rustConst("src/ui/storage.rs", "DRAFT_KEY"),
  };

  const block =
    `<div id="prerender" data-lang="${esc(clinic.lang)}">${startPageHtml(clinic, t)}</div>` + handoffScript(clinic, keys);
  html = html.replace(placeholder[0], () => block);

  html = html.replace(/<html\b([^>]*?)\blang=(["']?)[^"'\s>]*\2/i, (_, before) => `<html${before}lang="${esc(clinic.lang)}"`);
  const title = /<title>[\s\S]*?<\/title>/i.exec(html);
  if (!title) fail(`no <title> in ${file}`);
  const description = `<meta name="description" content="${esc(t("app.purpose"))}">`;
  html = html
    .replace(/<meta name=(["']?)description\1[^>]*>/i, "")
    .replace(title[0], () => `<title>${esc(t("app.title"))}</title>${description}`);

  writeFileSync(file, html);
  console.log(`prerender: start page (${clinic.lang}, ${clinic.name}) written into ${file}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
