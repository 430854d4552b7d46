// Helpers for the export tests (e2e/exports.test.mjs): the command line with any arguments,
// and small Python read-backs with the independent parsers scripts/setup.sh installs
// (icalendar, zxing-cpp + Pillow, fhir.resources through tests/py/check_fhir.py).
// It must not change anything the app or the other e2e helpers rely on.

import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DIST, ROOT } from "./env.mjs";
import { assessBinary } from "./cli.mjs";

/** The clinic settings the app uses (dist/clinic.json), as CLI arguments when present. */
function clinicArgs() {
  const clinic = join(DIST, "clinic.json");
  return existsSync(clinic) ? ["--clinic", clinic] : [];
}

/** `assess --today <today> [--clinic dist/clinic.json] <args…>`; its standard output. */
export function runAssess(args, today) {
  try {
    return execFileSync(assessBinary(), ["--today", today, ...clinicArgs(), ...args], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
  } catch (err) {
    throw new Error(`assess ${args.join(" ")} failed: ${err.stderr || err.message}`);
  }
}

/** The share code of these answers (`--format share`). */
export function shareCodeWithCli(answers, today) {
  const dir = mkdtempSync(join(tmpdir(), "meso-e2e-"));
  try {
    const file = join(dir, "answers.json");
    writeFileSync(file, JSON.stringify(answers, null, 2));
    return runAssess(["--format", "share", file], today).trim();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs a Python script with `input` on stdin; its standard output (throws on failure). */
export function python(script, input = "") {
  try {
    return execFileSync("python3", ["-c", script], { input, encoding: "utf8", stdio: ["pipe", "pipe", "pipe"] });
  } catch (err) {
    throw new Error(`python3 failed (run scripts/setup.sh for the Python packages): ${err.stdout || ""}${err.stderr || err.message}`);
  }
}

/** Runs a checker of tests/py with a JSON document on stdin; its output (throws unless exit 0). */
export function pyCheck(name, doc) {
  try {
    return execFileSync("python3", [join(ROOT, "tests/py", name)], { input: JSON.stringify(doc), encoding: "utf8", stdio: ["pipe", "pipe", "pipe"] });
  } catch (err) {
    throw new Error(`tests/py/${name}: ${err.stdout || ""}${err.stderr || err.message}`);
  }
}

/** The VEVENTs of a calendar, read with `icalendar`: `[{ uid, date, summary }]` in file order. */
export function readCalendar(ics) {
  const out = python(
    `
import datetime, json, sys
import icalendar
cal = icalendar.Calendar.from_ical(sys.stdin.read())
events = []
for ev in cal.walk("VEVENT"):
    start = ev.decoded("DTSTART")
    assert isinstance(start, datetime.date) and not isinstance(start, datetime.datetime), start
    events.append({"uid": str(ev.get("UID")), "date": start.isoformat(), "summary": str(ev.get("SUMMARY"))})
print(json.dumps(events))
`,
    ics,
  );
  return JSON.parse(out);
}

/** The texts of the QR codes in a PNG file, read with `zxing-cpp`. */
export function readQrPng(file) {
  const out = python(
    `
import json, sys
import zxingcpp
from PIL import Image
found = zxingcpp.read_barcodes(Image.open(sys.argv[1] if len(sys.argv) > 1 else sys.stdin.readline().strip()))
print(json.dumps([b.text for b in found if b.format == zxingcpp.BarcodeFormat.QRCode]))
`,
    `${file}\n`,
  );
  return JSON.parse(out);
}
