// The command line (examples/assess.rs) on the same answers as the UI, for cross-checks.
//
// Which binary: `cargo build --quiet --example assess` (debug profile), then
// target/debug/examples/assess. scripts/test.sh's `cargo test` step has already built it, so this
// is a no-op check of about a second; a release build (`cargo run --release`) would compile the
// whole crate again with optimisations for no gain here. E2E_ASSESS_BIN=/path/to/assess skips
// cargo and uses that binary. When dist/clinic.json exists (the app's clinic settings), it is
// passed with --clinic, so both sides use the same settings.

import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DIST, ROOT, toolPath } from "./env.mjs";

let bin = null;

/** The `assess` example binary (built once in the debug profile, or $E2E_ASSESS_BIN). */
export function assessBinary() {
  if (bin) return bin;
  if (process.env.E2E_ASSESS_BIN) {
    bin = process.env.E2E_ASSESS_BIN;
    return bin;
  }
  execFileSync("cargo", ["build", "--quiet", "--example", "assess"], {
    cwd: ROOT,
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, PATH: toolPath() },
  });
  bin = join(ROOT, "target/debug/examples/assess");
  return bin;
}

/** Runs `assess --today <today> [--clinic dist/clinic.json] <answers.json>`; the outcome JSON. */
export function assessWithCli(answers, today, clinicFile = join(DIST, "clinic.json")) {
  const dir = mkdtempSync(join(tmpdir(), "meso-e2e-"));
  try {
    const file = join(dir, "answers.json");
    writeFileSync(file, JSON.stringify(answers, null, 2));
    const clinic = clinicFile;
    const args = ["--today", today, ...(existsSync(clinic) ? ["--clinic", clinic] : []), file];
    const out = execFileSync(assessBinary(), args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    return JSON.parse(out);
  } catch (err) {
    throw new Error(`assess failed for ${JSON.stringify(answers)}: ${err.stderr || err.message}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
