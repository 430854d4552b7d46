#!/usr/bin/env node
// Trunk post_build hook (see Trunk.toml), release builds only, after scripts/minify-js.mjs:
// gives the wasm's imports and exports short names, in the wasm and in its JS glue alike, and
// rewrites the Subresource Integrity hashes of the two <link>s that name them. wasm-bindgen
// names each import after the function it wraps plus a 16-digit hash
// (`__wbg_addEventListener_847fd86b8c33ec43`), once in the wasm and once in the JS: about 9 KB
// of names in each, mostly hex that gzip cannot shrink (measured 2026-12-08: 6.3 KB gzip of the
// first load). Nothing else changes: no code, no file name (Trunk's hash names the content
// before, and the renaming is deterministic: still one name per content, as long as this
// script renames the same way; a change to how it renames must come with a rebuild whose
// Rust code changed too, or hosts that cache hashed files forever may pair an old JS file
// with a new wasm). It must not touch the inline loader, which reaches
// the JS only through its module exports (`default`, `initSync`: kept). Fails the build when
// the wasm cannot be read, or a name the wasm imports is not found in the JS exactly once as a
// key (then the glue is not what this script expects, and renaming would break the app).

import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

function fail(message) {
  console.error(`minify-wasm-names: ${message}`);
  process.exit(1);
}

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) fail("TRUNK_STAGING_DIR is not set (run me as a Trunk hook)");
if ((process.env.TRUNK_PROFILE || "debug") !== "release") process.exit(0);
const publicUrl = process.env.TRUNK_PUBLIC_URL || "/";
const page = join(staging, "index.html");
let html = readFileSync(page, "utf8");

/** The <link> whose rel matches `rel` and href ends with `suffix`, and the file it names. */
function linked(rel, suffix) {
  const tag = [...html.matchAll(/<link\b[^>]*>/gi)]
    .map((m) => m[0])
    .find((t) => rel.test(t) && new RegExp(`\\bhref="?[^"\\s>]*${suffix}"?[\\s>]`, "i").test(t));
  const href = tag && /\bhref="?([^"\s>]+)/i.exec(tag)?.[1];
  if (!href || !href.startsWith(publicUrl)) fail(`no <link> to a ${suffix} file in ${page}`);
  return { tag, href, path: join(staging, href.slice(publicUrl.length)) };
}
const js = linked(/\brel="?modulepreload"?/i, "\\.js");
const wasm = linked(/\brel="?preload"?/i, "_bg\\.wasm");

const renamed = renameWasm(readFileSync(wasm.path));
let glue = readFileSync(js.path, "utf8");
const glueBefore = glue.length;
const boundary = (name) => new RegExp(`(?<![\\w$])${name.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}(?![\\w$])`, "g");
for (const [from, to] of renamed.modules) {
  const quoted = boundary(JSON.stringify(from));
  if ((glue.match(quoted) ?? []).length !== 1) fail(`${js.href}: the import module "${from}" is not named once`);
  glue = glue.replace(quoted, () => to);
}
for (const [from] of renamed.imports) {
  const keys = glue.match(new RegExp(`${boundary(from).source}(?=:)`, "g")) ?? [];
  if (keys.length !== 1) fail(`${js.href}: the import ${from} is not a key of the imports once (${keys.length})`);
}
for (const [from, to] of [...renamed.imports, ...renamed.exports]) glue = glue.replace(boundary(from), () => to);
writeFileSync(js.path, glue);
writeFileSync(wasm.path, renamed.bytes);

for (const { tag, bytes } of [
  { tag: js.tag, bytes: Buffer.from(glue) },
  { tag: wasm.tag, bytes: renamed.bytes },
]) {
  const integrity = `sha384-${createHash("sha384").update(bytes).digest("base64")}`;
  const updated = tag.replace(/\bintegrity="?[^"\s>]+"?/i, `integrity="${integrity}"`);
  if (updated === tag) fail(`no integrity attribute on ${tag}`);
  html = html.replace(tag, updated);
}
writeFileSync(page, html);
console.log(
  `minify-wasm-names: ${renamed.imports.size} imports, ${renamed.exports.size} exports; ` +
    `${wasm.href} ${renamed.size} -> ${renamed.bytes.length} bytes, ${js.href} ${glueBefore} -> ${glue.length}`,
);

/**
 * The wasm module `bytes` with every import module, import and export (but `memory` and
 * `main`) renamed: `$a`, `$b`, … (`$` keeps them apart from anything else in the glue). Only
 * the import (2) and export (7) sections are rewritten; the others are copied as they are.
 */
function renameWasm(bytes) {
  if (bytes.readUInt32LE(0) !== 0x6d736100 || bytes.readUInt32LE(4) !== 1) fail(`${wasm.href}: not a wasm module`);
  let at = 8;
  const u32 = () => {
    let value = 0;
    for (let shift = 0; ; shift += 7) {
      const byte = bytes[at++];
      if (byte === undefined || shift > 28) fail(`${wasm.href}: bad LEB128 at ${at}`);
      value += (byte & 0x7f) * 2 ** shift;
      if (!(byte & 0x80)) return value;
    }
  };
  const name = () => {
    const length = u32();
    const text = bytes.toString("utf8", at, at + length);
    at += length;
    return text;
  };
  const leb = (n) => {
    const out = [];
    do {
      let byte = n & 0x7f;
      n = Math.floor(n / 128);
      if (n) byte |= 0x80;
      out.push(byte);
    } while (n);
    return Buffer.from(out);
  };
  const encoded = (text) => {
    const b = Buffer.from(text, "utf8");
    return Buffer.concat([leb(b.length), b]);
  };
  const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  let counter = 0;
  const fresh = () => {
    let s = "$";
    for (let i = counter++; ; i = Math.floor(i / 52) - 1) {
      s += letters[i % 52];
      if (i < 52) return s;
    }
  };
  const modules = new Map();
  const imports = new Map();
  const exports = new Map();
  const short = (map, key) => map.get(key) ?? map.set(key, fresh()).get(key);
  const limits = () => {
    const flags = bytes[at++];
    u32();
    if (flags & 1) u32();
  };

  const parts = [bytes.subarray(0, 8)];
  while (at < bytes.length) {
    const id = bytes[at++];
    const size = u32();
    const start = at;
    const end = start + size;
    if (id === 2 || id === 7) {
      const count = u32();
      const body = [leb(count)];
      for (let i = 0; i < count; i++) {
        if (id === 2) {
          const module = name();
          const field = name();
          const desc = at;
          const kind = bytes[at++];
          if (kind === 0) u32(); // function: type index
          else if (kind === 1) (at++, limits()); // table: element type, limits
          else if (kind === 2) limits(); // memory
          else if (kind === 3) at += 2; // global: value type, mutability
          else fail(`${wasm.href}: import of unknown kind ${kind}`);
          body.push(encoded(short(modules, module)), encoded(short(imports, field)), bytes.subarray(desc, at));
        } else {
          const field = name();
          const desc = at;
          at++;
          u32();
          const kept = field === "memory" || field === "main";
          body.push(encoded(kept ? field : short(exports, field)), bytes.subarray(desc, at));
        }
      }
      if (at !== end) fail(`${wasm.href}: section ${id} is not what was expected`);
      const joined = Buffer.concat(body);
      parts.push(Buffer.from([id]), leb(joined.length), joined);
    } else {
      parts.push(Buffer.from([id]), leb(size), bytes.subarray(start, end));
    }
    at = end;
  }
  for (const [from] of exports) if (imports.has(from)) fail(`${wasm.href}: ${from} is imported and exported`);
  return { bytes: Buffer.concat(parts), modules, imports, exports, size: bytes.length };
}
