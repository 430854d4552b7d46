//! Helpers of the export tests (`tests/export_*.rs`): running the Python checkers of this
//! folder (parsers nobody here wrote: icalendar, fhir.resources, zxing-cpp) on a batch of
//! documents, and a deterministic generator of valid answers for a corpus. A missing Python
//! package FAILS the test with a clear message (CI installs them through scripts/setup.sh);
//! it must never skip silently.

#![allow(dead_code)]

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use chrono::{Days, NaiveDate};
use serde_json::{json, Value};

/// Runs `tests/py/<script>` with `python3`, the JSON `input` on stdin; returns its stdout
/// (`ok …`). Panics with the checker's findings when it refuses, and with a clear message
/// when python3 or a package is missing.
pub fn check(script: &str, input: &Value) -> String {
    run(script, input).unwrap_or_else(|e| panic!("{script} refused:\n{e}"))
}

/// [`check`], returning the checker's refusal instead of panicking (a missing python3 or
/// package still panics: a test cannot pass without its checker).
pub fn run(script: &str, input: &Value) -> Result<String, String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/py")
        .join(script);
    let mut child = Command::new("python3")
        .arg(&path)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| {
            panic!("cannot run python3 ({e}): install Python 3 and run scripts/setup.sh")
        });
    let bytes = serde_json::to_vec(input).expect("input serialises");
    let mut stdin = child.stdin.take().expect("stdin pipe");
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&bytes);
    });
    let out = child.wait_with_output().expect("wait for python3");
    writer.join().expect("stdin writer");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    match out.status.code() {
        Some(0) => Ok(stdout),
        Some(3) => panic!(
            "{script}: a Python package is missing (the test cannot skip it): {stdout}{stderr}"
        ),
        code => Err(format!("exit {code:?}\n{stdout}\n{stderr}")),
    }
}

/// A small deterministic generator (xorshift64*).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// 0..n
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    /// true with `percent` % chance.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }

    /// Each item with `percent` % chance, in a shuffled order (sets are unordered).
    pub fn subset<'a>(&mut self, items: &[&'a str], percent: u64) -> Vec<&'a str> {
        let mut out: Vec<&str> = items
            .iter()
            .copied()
            .filter(|_| self.chance(percent))
            .collect();
        for i in (1..out.len()).rev() {
            let j = self.below(i as u64 + 1) as usize;
            out.swap(i, j);
        }
        out
    }
}

// The spec's value lists live once, in tests/common.
use super::common::{CONDITIONS, LIFESTYLE, SCALP, SYMPTOMS, TREATMENTS, TRIGGERS};

/// VALID answers (spec §3's cross-field rules respected) for `today`: mostly adults with
/// few boxes ticked, so every verdict and both plan kinds occur.
pub fn answers(rng: &mut Rng, today: NaiveDate) -> Value {
    let sex = rng.pick(&["female", "male", "other"]);
    let age = if rng.chance(8) {
        rng.below(18)
    } else {
        18 + rng.below(103)
    };
    let stage = match rng.below(6) {
        0 => Value::Null,
        1..=3 => json!({ "scale": "norwood", "grade": 1 + rng.below(7) }),
        _ => json!({ "scale": "ludwig", "grade": 1 + rng.below(3) }),
    };
    let heavy = rng.chance(20);
    let p = |light: u64| if heavy { 25 } else { light };
    let mut conditions = rng.subset(CONDITIONS, p(3));
    if sex == "male" {
        conditions.retain(|c| *c != "pregnant");
    }
    let previous = rng.subset(TREATMENTS, p(10));
    let after = previous.contains(&"mesotherapy") && rng.chance(30);
    let mut v = json!({
        "schema": "meso-advisor/assessment@1",
        "age": age,
        "sex": sex,
        "pattern": rng.pick(&["hairline_or_crown", "part_widening", "diffuse_shedding", "hairline_or_crown", "patches", "unsure"]),
        "stage": stage,
        "no_regrowth_visible": rng.chance(5),
        "duration": rng.pick(&["under_3_months", "3_to_12_months", "1_to_5_years", "over_5_years"]),
        "onset": rng.pick(&["sudden", "gradual", "gradual"]),
        "shedding_increased": rng.chance(30),
        "family_history": rng.pick(&["yes", "no", "unsure"]),
        "scalp_signs": rng.subset(SCALP, p(3)),
        "recent_triggers": rng.subset(TRIGGERS, p(3)),
        "lifestyle": rng.subset(LIFESTYLE, 20),
        "conditions": conditions,
        "symptoms": rng.subset(SYMPTOMS, p(3)),
        "menopause": sex != "male" && rng.chance(20),
        "previous_treatments": previous,
        "hair_loss_after_previous_mesotherapy": after,
        "injections": rng.pick(&["accepted", "accepted", "accepted", "needle_free_only", "unsure"]),
    });
    match rng.below(3) {
        0 => {}
        1 => v["start_date"] = Value::Null,
        _ => {
            let d = today + Days::new(rng.below(400));
            v["start_date"] = json!(d.format("%Y-%m-%d").to_string());
        }
    }
    if v["stage"].is_null() && rng.chance(50) {
        v.as_object_mut().expect("object").remove("stage");
    }
    v
}

/// A day to assess on: 2026-01-01 + 0..1500 days.
pub fn today(rng: &mut Rng) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 1).expect("date") + Days::new(rng.below(1500))
}

/// Clinic settings that exercise escaping and folding: commas, semicolons, a backslash and
/// characters of 2–4 UTF-8 bytes in the name and address.
pub const RICH_CLINIC: &str = r#"{
  "schema": "meso-advisor/clinic@1",
  "name": "Clínica Müller, Haar & Kopfhaut; Zentrum \\ Süd 💇",
  "contact": {
    "phone": "+49 30 123 456",
    "email": "praxis@example.org",
    "booking_url": "https://example.org/termin?x=1&y=2",
    "address": "Straße des 17. Juni 135, Aufgang C; 10623 Berlin — Erdgeschoß, neben der Apotheke 💊, gegenüber dem Café „Zur Linde“ (Hinterhof)"
  },
  "closed_weekdays": ["sat", "sun"]
}"#;

/// Whether `v` holds a null or an empty array or object anywhere; returns its path.
pub fn null_or_empty(v: &Value, path: &str) -> Option<String> {
    match v {
        Value::Null => Some(format!("{path}: null")),
        Value::Array(a) if a.is_empty() => Some(format!("{path}: empty array")),
        Value::Object(m) if m.is_empty() => Some(format!("{path}: empty object")),
        Value::String(s) if s.is_empty() => Some(format!("{path}: empty string")),
        Value::Array(a) => a
            .iter()
            .enumerate()
            .find_map(|(i, x)| null_or_empty(x, &format!("{path}[{i}]"))),
        Value::Object(m) => m
            .iter()
            .find_map(|(k, x)| null_or_empty(x, &format!("{path}.{k}"))),
        _ => None,
    }
}
