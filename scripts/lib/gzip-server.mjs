// A tiny static server for a built dist/ that answers as a real web host would (README.md,
// "Putting dist/ on a web host"): gzip -9 (Content-Encoding: gzip) for text and wasm when the
// client accepts it, the right types (application/wasm, application/manifest+json), hashed files
// cached for a year and the rest revalidated. Bound to 127.0.0.1 only; for scripts/bench.sh.
// Compressed bodies are made once per file and kept. Paths without an extension fall back to
// index.html (client-side routes). `overrides` maps a path ("clinic.json") to a Buffer or string
// served in place of the file (the bench uses it for a clinic without a staff passcode).
//
//   import { startGzipServer } from "./lib/gzip-server.mjs";
//   const server = await startGzipServer("dist");   // server.url, server.sent (bytes by path), await server.close()

import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, resolve, sep } from "node:path";
import { COMPRESSED, gzipped } from "./first-load.mjs";
import { resolveFile, TYPES } from "./static-server.mjs";

const HASHED = /-[0-9a-f]{12,16}(_bg)?\.(js|css|wasm|svg)$/;

export async function startGzipServer(dir, { port = 0, overrides = {} } = {}) {
  const root = resolve(dir);
  const cache = new Map();
  const sent = new Map();
  const body = async (file, key) => {
    if (!cache.has(key)) {
      const raw = key in overrides ? Buffer.from(overrides[key]) : await readFile(file);
      cache.set(key, { raw, gz: COMPRESSED.has(extname(file)) ? gzipped(raw) : null });
    }
    return cache.get(key);
  };
  const server = createServer(async (req, res) => {
    try {
      const found = await resolveFile(root, req.url);
      if (!found) {
        res.writeHead(403).end();
        return;
      }
      const { file, info } = found;
      const key = file.slice(root.length + 1).split(sep).join("/");
      if (!info && !(key in overrides)) {
        res.writeHead(404, { "content-type": "text/plain" }).end("not found");
        return;
      }
      const { raw, gz } = await body(file, key);
      const useGzip = gz && /\bgzip\b/.test(req.headers["accept-encoding"] ?? "");
      const out = useGzip ? gz : raw;
      const headers = {
        "content-type": TYPES[extname(file)] ?? "application/octet-stream",
        "content-length": out.length,
        "cache-control": HASHED.test(key) ? "public, max-age=31536000, immutable" : "no-cache",
        "x-content-type-options": "nosniff",
      };
      if (gz) headers.vary = "Accept-Encoding";
      if (useGzip) headers["content-encoding"] = "gzip";
      res.writeHead(200, headers);
      if (req.method !== "HEAD") {
        sent.set(key, (sent.get(key) ?? 0) + out.length);
        res.end(out);
      } else {
        res.end();
      }
    } catch (err) {
      res.writeHead(500).end(String(err));
    }
  });
  await new Promise((ok, fail) => {
    server.once("error", fail);
    server.listen(port, "127.0.0.1", ok);
  });
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    sent,
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections?.();
        server.close(ok);
      }),
  };
}
