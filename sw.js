// The advisor's service worker (release builds only; registered by the app as /sw.js).
// It makes the app start with no network after one online visit: every file of the build is
// precached; hashed assets are served cache-first, the page, clinic.json and the language
// catalogs network-first with the cached copy as fallback (so an offline tablet starts with the
// last clinic settings it saw). A new version installs in the background and WAITS: the page
// shows "A new version is ready — Reload" and only the visitor's click activates it. It must
// never contact another origin and never cache anything but same-origin GET responses.
//
// scripts/sw-precache.mjs (a Trunk post_build hook) replaces the two markers below with the
// build id and the list of files in the staged dist/. The logic is plain functions at the end,
// unit-tested in e2e/sw-unit.test.mjs outside a browser.

const BUILD_ID = "__BUILD_ID__";
const PRECACHE = ["__PRECACHE__"];
/** Staff mode's own page (staff/): kept only on devices that have opened it (see below). */
const STAFF_PRECACHE = ["__STAFF_PRECACHE__"];
const CACHE_PREFIX = "meso-advisor-";
const CACHE = CACHE_PREFIX + BUILD_ID;
/** An empty cache whose presence marks a device that uses staff mode (kept across versions). */
const STAFF_DEVICE = "meso-advisor-device-staff";

/** How a same-origin GET path is served: "network-first", "cache-first" or "pass". */
function strategyFor(path) {
  if (path === "/" || path.endsWith("/index.html") || path.endsWith("/clinic.json")) {
    return "network-first";
  }
  if (/\/locales\/[a-z]{2}\.txt$/.test(path)) return "network-first";
  if (path.endsWith("/sw.js")) return "pass";
  // Trunk's hashed file names (name-<hex>.ext, the wasm name-<hex>_bg.wasm; Trunk drops
  // leading zeros, so 12–16 digits): they never change, so cache-first.
  if (/-[0-9a-f]{12,16}(_bg)?\.[a-z0-9]+$/.test(path)) return "cache-first";
  // Other files of the build (manifest, icons): network-first, so an update is seen.
  return "network-first";
}

/** The cache key of a page navigation to `pathname`, under the worker's scope `scopePath`:
 *  the clinic setup page (setup/, its own document) is kept under its own address; every
 *  other navigation is the app's page (its routes live in the hash). */
function navigationKey(pathname, scopePath) {
  for (const page of ["setup", "staff"]) {
    const base = `${scopePath}${page}`;
    if ([base, `${base}/`, `${base}/index.html`].includes(pathname)) return `${page}/index.html`;
  }
  return "index.html";
}

/** The old caches to delete when `current` activates. */
function staleCaches(names, current) {
  return names.filter((n) => n.startsWith(CACHE_PREFIX) && n !== current && n !== STAFF_DEVICE);
}

/** The URLs to precache, relative to the worker's scope. */
function precacheUrls(list) {
  return ["./", ...list.filter((f) => f !== "sw.js" && f !== "index.html")].concat("index.html");
}

if (typeof self !== "undefined" && typeof self.addEventListener === "function" && typeof module === "undefined") {
  const fresh = (urls) => urls.map((u) => new Request(u, { cache: "reload" }));
  self.addEventListener("install", (event) => {
    // No skipWaiting: a new version waits for the visitor's "Reload". A device that uses
    // staff mode keeps its page too.
    event.waitUntil(
      caches.open(CACHE).then(async (cache) => {
        await cache.addAll(fresh(precacheUrls(PRECACHE)));
        if (await caches.has(STAFF_DEVICE)) await cache.addAll(fresh(STAFF_PRECACHE));
      }),
    );
  });

  self.addEventListener("activate", (event) => {
    event.waitUntil(
      caches
        .keys()
        .then((names) => Promise.all(staleCaches(names, CACHE).map((n) => caches.delete(n))))
        .then(() => self.clients.claim()),
    );
  });

  self.addEventListener("message", (event) => {
    if (event.data === "skip-waiting") self.skipWaiting();
    if (event.data === "build-id" && event.ports[0]) event.ports[0].postMessage(BUILD_ID);
    // Staff mode was opened on this device: keep it offline, now and in later versions.
    if (event.data === "cache-staff") {
      event.waitUntil(
        caches
          .open(STAFF_DEVICE)
          .then(() => caches.open(CACHE))
          .then((cache) => cache.addAll(fresh(STAFF_PRECACHE))),
      );
    }
  });

  self.addEventListener("fetch", (event) => {
    const req = event.request;
    const url = new URL(req.url);
    if (req.method !== "GET" || url.origin !== self.location.origin) return;
    // A page navigation (any route) is the app's index.html.
    const navigation = req.mode === "navigate" ? navigationKey(url.pathname, new URL(self.registration.scope).pathname) : null;
    const path = navigation ? `/${navigation}` : url.pathname;
    const strategy = strategyFor(path);
    if (strategy === "pass") return;
    const key = navigation ? new Request(navigation) : req;
    event.respondWith(strategy === "cache-first" ? cacheFirst(key, req) : networkFirst(key, req));
  });
}

async function cacheFirst(key, req) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(key, { ignoreSearch: true });
  if (hit) return hit;
  const res = await fetch(req);
  if (res.ok) cache.put(key, res.clone());
  return res;
}

async function networkFirst(key, req) {
  const cache = await caches.open(CACHE);
  try {
    const res = await fetch(req, { cache: "no-store" });
    // Keep the newest good copy (a 404 clinic.json is a real answer, but not one to keep).
    if (res.ok) await cache.put(key, res.clone());
    return res;
  } catch (err) {
    const hit = await cache.match(key, { ignoreSearch: true });
    if (hit) return hit;
    throw err;
  }
}

if (typeof module !== "undefined") {
  module.exports = { strategyFor, navigationKey, staleCaches, precacheUrls, BUILD_ID, PRECACHE, STAFF_PRECACHE, STAFF_DEVICE };
}
