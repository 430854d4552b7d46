// A tiny static file server for a built dist/ directory, bound to 127.0.0.1 only.
// Serves the right MIME types (application/wasm matters: the loader streams the wasm) and
// falls back to index.html for paths without a file extension (client-side routes).
//
//   import { startStaticServer } from "./lib/static-server.mjs";
//   const server = await startStaticServer("dist");   // server.url, await server.close()
//
//   node scripts/lib/static-server.mjs [dir] [port]   prints "listening <url>" when ready

import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

export const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".webmanifest": "application/manifest+json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
};

/**
 * The file a request path names under `root` (a directory's index.html; index.html for a path
 * without an extension, as client-side routes are), with its stat (null when there is none),
 * or null when the path leaves `root`. Shared with scripts/lib/gzip-server.mjs.
 */
export async function resolveFile(root, url) {
  const path = decodeURIComponent(new URL(url, "http://localhost").pathname);
  let file = normalize(join(root, path));
  if (file !== root && !file.startsWith(root + sep)) return null;
  let info = await stat(file).catch(() => null);
  if (info?.isDirectory()) {
    file = join(file, "index.html");
    info = await stat(file).catch(() => null);
  }
  if (!info && extname(path) === "") {
    file = join(root, "index.html");
    info = await stat(file).catch(() => null);
  }
  return { file, info };
}

export async function startStaticServer(dir, port = 0) {
  const root = resolve(dir);
  const server = createServer(async (req, res) => {
    try {
      const found = await resolveFile(root, req.url);
      if (!found) {
        res.writeHead(403).end();
        return;
      }
      const { file, info } = found;
      if (!info) {
        res.writeHead(404, { "content-type": "text/plain" }).end("not found");
        return;
      }
      const type = TYPES[extname(file)] ?? "application/octet-stream";
      res.writeHead(200, { "content-type": type, "cache-control": "no-store" });
      res.end(req.method === "HEAD" ? undefined : await readFile(file));
    } catch (err) {
      res.writeHead(500).end(String(err));
    }
  });
  await new Promise((ok, fail) => {
    server.once("error", fail);
    server.listen(port, "127.0.0.1", ok);
  });
  const url = `http://127.0.0.1:${server.address().port}/`;
  return {
    url,
    close: () => new Promise((ok) => server.close(ok)),
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [dir = "dist", port = "0"] = process.argv.slice(2);
  const server = await startStaticServer(dir, Number(port));
  console.log(`listening ${server.url}`);
  const stop = async () => {
    await server.close();
    process.exit(0);
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}
