//! The command line's export formats (spec §12): `--format outcome|ics|fhir|share|qr`,
//! `--base-url`, `--share CODE`. Outputs match the core's functions, are reproducible, and
//! every bad code, format or base URL exits 2 with a message — never a panic (random
//! strings to `--share`). The example binary is built once and run directly.

#![cfg(not(target_arch = "wasm32"))]

mod common;
mod py;

use std::path::Path;
use std::process::{Command, Stdio};

use common::*;
use meso_advisor::core::export::share;
use meso_advisor::core::Answers;
use serde_json::{json, Value};

fn binary() -> &'static Path {
    assess_binary()
}

struct Run {
    code: Option<i32>,
    stdout: Vec<u8>,
    stderr: String,
}

impl Run {
    fn text(&self) -> String {
        String::from_utf8(self.stdout.clone()).expect("UTF-8 output")
    }
}

fn cli(args: &[&str]) -> Run {
    let out = Command::new(binary())
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run assess");
    Run {
        code: out.status.code(),
        stdout: out.stdout,
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

#[track_caller]
fn ok(r: &Run) -> String {
    assert_eq!(r.code, Some(0), "stderr: {}", r.stderr);
    assert!(r.stderr.is_empty(), "{}", r.stderr);
    r.text()
}

#[track_caller]
fn refused(r: &Run, mention: &str) {
    assert_eq!(
        r.code,
        Some(2),
        "stderr: {}\nstdout: {:?}",
        r.stderr,
        r.text()
    );
    assert!(r.stdout.is_empty(), "stdout must be empty");
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    assert!(
        r.stderr.contains(mention),
        "stderr should mention {mention:?}: {}",
        r.stderr
    );
}

/// The answers file of BASE (with a temp name unique to this test process).
fn answers_file(name: &str, v: &Value) -> String {
    let dir = std::env::temp_dir().join(format!("meso-advisor-export-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let p = dir.join(name);
    std::fs::write(&p, v.to_string()).expect("write");
    p.to_string_lossy().into_owned()
}

fn code_of(v: &Value) -> String {
    share::encode(&Answers::from_value(v, Some(today())).expect("valid"))
}

#[test]
fn share_prints_the_code_alone_and_share_reads_it_back() {
    let f = answers_file("base.json", &base());
    let out = ok(&cli(&["--today", TODAY, "--format", "share", &f]));
    let code = code_of(&base());
    assert_eq!(out, format!("{code}\n"));
    // The default format is the outcome, unchanged, from a file or from the code.
    let from_file = ok(&cli(&["--today", TODAY, &f]));
    let explicit = ok(&cli(&["--today", TODAY, "--format", "outcome", &f]));
    let from_code = ok(&cli(&["--today", TODAY, "--share", &code]));
    assert_eq!(from_file, explicit);
    assert_eq!(from_file, from_code);
    let v: Value = serde_json::from_str(&from_file).expect("JSON");
    assert_eq!(v["schema"], "meso-advisor/outcome@1");
}

#[test]
fn ics_is_reproducible_with_the_code_as_uid_base() {
    let code = code_of(&base());
    let args = [
        "--today", TODAY, "--share", &code, "--format", "ics", "--lang", "es",
    ];
    let a = cli(&args);
    let text = ok(&a);
    assert_eq!(text, ok(&cli(&args)), "two runs give the same bytes");
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n") && text.ends_with("END:VCALENDAR\r\n"));
    assert!(!text.replace("\r\n", "").contains('\n'), "CRLF only");
    assert!(text.contains(&format!("UID:{code}-session-1@meso-advisor\r\n")));
    assert!(text.contains("DTSTAMP:20261124T000000Z\r\n"));
    assert!(text.contains("Sesión 1"));
}

#[test]
fn ics_without_a_plan_exits_2() {
    let v = with(&[("age", json!(15))]);
    let f = answers_file("minor.json", &v);
    refused(&cli(&["--today", TODAY, "--format", "ics", &f]), "no plan");
}

#[test]
fn fhir_prints_a_bundle_seeded_by_the_code() {
    let f = answers_file("base-fhir.json", &base());
    let a: Value =
        serde_json::from_str(&ok(&cli(&["--today", TODAY, "--format", "fhir", &f]))).expect("JSON");
    let b: Value = serde_json::from_str(&ok(&cli(&[
        "--today",
        TODAY,
        "--format",
        "fhir",
        "--share",
        &code_of(&base()),
    ])))
    .expect("JSON");
    assert_eq!(a, b);
    assert_eq!(a["resourceType"], "Bundle");
    assert_eq!(a["type"], "collection");
    let out = py::check("check_fhir.py", &json!([{ "name": "cli", "bundle": a }]));
    assert!(out.starts_with("ok 1"), "{out}");
}

#[test]
fn qr_prints_an_svg_of_the_link_and_needs_an_http_base_url() {
    let code = code_of(&base());
    let svg = ok(&cli(&[
        "--today",
        TODAY,
        "--share",
        &code,
        "--format",
        "qr",
        "--base-url",
        "https://clinic.example/advisor/",
    ]));
    assert!(
        svg.starts_with("<svg ") && svg.ends_with("</svg>\n"),
        "{svg}"
    );
    let out = py::check(
        "check_qr.py",
        &json!([{ "svg": svg.trim_end(), "text": format!("https://clinic.example/advisor/#/s/{code}") }]),
    );
    assert!(out.starts_with("ok 1"), "{out}");
    refused(
        &cli(&["--today", TODAY, "--share", &code, "--format", "qr"]),
        "--base-url",
    );
    for bad in [
        "ftp://clinic.example/",
        "clinic.example",
        "https://",
        "https://a b/",
        "https://c.example/#/x",
        "javascript:alert(1)",
    ] {
        refused(
            &cli(&[
                "--today",
                TODAY,
                "--share",
                &code,
                "--format",
                "qr",
                "--base-url",
                bad,
            ]),
            "--base-url",
        );
    }
}

#[test]
fn bad_formats_codes_and_combinations_exit_2() {
    let f = answers_file("base-bad.json", &base());
    let code = code_of(&base());
    refused(&cli(&["--today", TODAY, "--format", "pdf", &f]), "--format");
    refused(&cli(&["--today", TODAY, "--format"]), "--format");
    refused(&cli(&["--today", TODAY, "--share"]), "--share");
    refused(&cli(&["--today", TODAY, "--share", &code, &f]), "not both");
    refused(
        &cli(&["--today", TODAY, "--share", &code, "--share", &code]),
        "--share",
    );
    refused(
        &cli(&["--today", TODAY, "--share", "BRoMyAAAAAAAAAAAAAT"]),
        "damaged",
    );
    refused(
        &cli(&["--today", TODAY, "--share", "BRoMyAAAAAAAAAAAA"]),
        "--share",
    );
    refused(&cli(&["--today", TODAY, "--share", ""]), "empty");
    // A newer version says so.
    refused(
        &cli(&["--today", TODAY, "--share", "CAAAAAAAAAAAAAAAAAC"]),
        "newer version of the advisor",
    );
    // A start date that has passed since the code was made names the field.
    let later = with(&[("start_date", json!("2026-12-01"))]);
    let c = code_of(&later);
    refused(
        &cli(&["--today", "2026-12-05", "--share", &c]),
        "start_date",
    );
}

#[test]
fn random_share_codes_never_panic() {
    let mut rng = py::Rng::new(4242);
    const CHARS: &[char] = &[
        'A', 'B', 'Q', 'z', '0', '9', '-', '_', '=', '+', '/', ' ', '#', 'é', '💇', '\\', '"', '%',
    ];
    let valid = code_of(&base());
    for i in 0..200 {
        let s: String = if i % 2 == 0 {
            let len = rng.below(40) as usize;
            (0..len)
                .map(|_| CHARS[rng.below(CHARS.len() as u64) as usize])
                .collect()
        } else {
            // A valid code with one to three characters replaced.
            let mut v: Vec<char> = valid.chars().collect();
            for _ in 0..=rng.below(3) {
                let at = rng.below(v.len() as u64) as usize;
                v[at] = CHARS[rng.below(CHARS.len() as u64) as usize];
            }
            v.into_iter().collect()
        };
        let format = ["outcome", "ics", "fhir", "share"][i % 4];
        let r = cli(&["--today", TODAY, "--format", format, "--share", &s]);
        assert!(
            matches!(r.code, Some(0) | Some(2)),
            "{s:?}: exit {:?} {}",
            r.code,
            r.stderr
        );
        assert!(!r.stderr.contains("panicked"), "{s:?}: {}", r.stderr);
        if r.code == Some(2) {
            assert!(r.stdout.is_empty());
        } else {
            assert_eq!(s, valid, "only the valid code is accepted");
        }
    }
}
