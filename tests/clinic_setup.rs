//! Clinic setup without writing JSON: `Clinic::to_minimal_json` and `to_json` read back equal
//! through the one validator, write only what differs from the default (plus `schema`) in a
//! stable order, the setup form's table covers every key with texts in the catalog, and the
//! command line's `--check-clinic` / `--print-default-clinic`. It must not check settings
//! with rules of its own: every verdict here is `Clinic::from_value`'s.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::path::Path;
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

use meso_advisor::core::clinic::{PolicyKey, CLINIC_SCHEMA};
use meso_advisor::core::clinic_json::{keys, KeyKind};
use meso_advisor::core::{Catalog, Clinic};
use serde_json::{json, Value};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(root().join(rel)).unwrap()
}

/// Valid settings: the shipped file, the default, the priced fixture and edited variants.
fn corpus() -> Vec<(String, Value)> {
    let mut out = vec![
        (
            "clinic.json".to_string(),
            serde_json::from_str(&read("clinic.json")).unwrap(),
        ),
        ("default".to_string(), json!({})),
        (
            "clinic-priced".to_string(),
            serde_json::from_str(&read("tests/fixtures/plans_v1/clinic-priced.json")).unwrap(),
        ),
    ];
    let variants = [
        json!({ "name": "Clínica Sol", "accent_colour": "#0B5C73", "logo": "img/logo.svg" }),
        json!({ "languages": { "offered": ["es", "en"], "default": "en" } }),
        json!({ "languages": { "offered": ["de"] } }),
        json!({ "closed_weekdays": [] }),
        json!({ "closed_weekdays": ["sat", "sun", "mon"] }),
        json!({ "protocol": { "min_sessions": 1, "max_sessions": 12, "min_interval_weeks": 1,
                              "max_interval_weeks": 8, "first_session_after_days": 0 } }),
        json!({ "policies": { "anticoagulants": { "policy": "doctor_letter" },
                              "isotretinoin_last_12_months": { "policy": "exclude" },
                              "keloid_tendency": { "policy": "defer", "recheck_after_months": 24 } } }),
        json!({ "policies": { "cancer_within_12_months": { "policy": "defer", "recheck_after_months": 12 } } }),
        json!({ "aftercare": { "no_sun_hours": 0, "no_washing_hours": 336 } }),
        json!({ "prices": { "currency": "GBP", "session": 99.99 } }),
        json!({ "prices": { "currency": "EUR", "session": 150, "booster": 150 } }),
        json!({ "kiosk": { "idle_reset_seconds": 30, "staff_passcode": false } }),
        json!({ "contact": { "phone": "+49 30 123456", "email": "a@b.de",
                             "booking_url": "http://example.org/x?y=1", "address": "Hauptstr. 1" } }),
    ];
    out.extend(
        variants
            .into_iter()
            .enumerate()
            .map(|(i, v)| (format!("variant {i}"), v)),
    );
    out
}

fn parse(v: &Value) -> Clinic {
    Clinic::from_value(v).unwrap_or_else(|p| panic!("{v} refused: {p:?}"))
}

/// Every object's keys in sorted order, at every level (serde_json keeps them sorted, so the
/// text is the same every time).
fn keys_sorted(v: &Value) -> bool {
    match v {
        Value::Object(m) => {
            let ks: Vec<&String> = m.keys().collect();
            ks.windows(2).all(|w| w[0] < w[1]) && m.values().all(keys_sorted)
        }
        Value::Array(a) => a.iter().all(keys_sorted),
        _ => true,
    }
}

#[test]
fn minimal_json_reads_back_equal_with_only_keys_that_differ() {
    let default = Clinic::default().to_json();
    for (name, v) in corpus() {
        let clinic = parse(&v);
        let minimal = clinic.to_minimal_json();
        assert_eq!(
            parse(&minimal),
            clinic,
            "{name}: minimal JSON reads back equal: {minimal}"
        );
        assert_eq!(
            parse(&clinic.to_json()),
            clinic,
            "{name}: full JSON reads back equal"
        );
        assert_eq!(minimal["schema"], CLINIC_SCHEMA, "{name}");
        assert!(keys_sorted(&minimal), "{name}: stable key order");
        let text = serde_json::to_string_pretty(&minimal).unwrap();
        assert_eq!(
            text,
            serde_json::to_string_pretty(&clinic.to_minimal_json()).unwrap()
        );
        // Only keys whose value differs from the default (objects compared key by key,
        // except those written whole: languages, prices, one policy).
        for (key, value) in minimal.as_object().unwrap() {
            if key == "schema" {
                continue;
            }
            assert_ne!(
                Some(value),
                default.get(key),
                "{name}: {key} equals the default"
            );
            if let (Value::Object(sub), Some(Value::Object(dsub))) = (value, default.get(key)) {
                if key != "languages" && key != "prices" {
                    for (k, x) in sub {
                        assert_ne!(Some(x), dsub.get(k), "{name}: {key}.{k} equals the default");
                    }
                }
            }
        }
        // Idempotent: the minimal JSON of the minimal JSON is itself.
        assert_eq!(parse(&minimal).to_minimal_json(), minimal, "{name}");
    }
    assert_eq!(
        Clinic::default().to_minimal_json(),
        json!({ "schema": CLINIC_SCHEMA })
    );
    let shipped = parse(&serde_json::from_str(&read("clinic.json")).unwrap()).to_minimal_json();
    assert_eq!(
        shipped,
        json!({
            "schema": CLINIC_SCHEMA,
            "contact": { "phone": "+34 600 000 000", "email": "hello@example.org",
                         "booking_url": "https://example.org/book", "address": "1 Main St" },
            "languages": { "default": "en", "offered": ["en", "es", "de"] }
        })
    );
}

#[test]
fn the_form_table_covers_every_key_with_texts_in_every_language() {
    let table = keys();
    // Every leaf of a complete document (with prices and every contact detail) is in the table.
    let full = parse(&json!({
        "logo": "logo.svg",
        "contact": { "phone": "1", "email": "a@b.c", "booking_url": "https://a.b", "address": "x" },
        "prices": { "currency": "EUR", "session": 1, "booster": 2 },
        "policies": PolicyKey::IDS.iter().map(|id| (id.to_string(), json!({ "policy": "defer", "recheck_after_months": 3 }))).collect::<serde_json::Map<_, _>>(),
    }))
    .to_json();
    fn leaves(v: &Value, prefix: &str, out: &mut Vec<String>) {
        for (k, x) in v.as_object().unwrap() {
            let path = if prefix.is_empty() {
                k.clone()
            } else {
                format!("{prefix}.{k}")
            };
            if x.is_object() {
                leaves(x, &path, out)
            } else if path != "schema" {
                out.push(path)
            }
        }
    }
    let mut all = Vec::new();
    leaves(&full, "", &mut all);
    let mut paths: Vec<String> = table.iter().map(|(p, _)| p.clone()).collect();
    paths.sort();
    all.sort();
    assert_eq!(paths, all, "the form's keys are exactly the document's");
    for c in ["en", "es", "de"].map(|l| Catalog::loaded(l).unwrap()) {
        for (path, kind) in &table {
            if path.starts_with("policies.") {
                continue;
            }
            for k in [format!("setup.field.{path}"), format!("setup.help.{path}")] {
                assert!(c.has(&k), "{}: missing {k}", c.lang());
            }
            let _ = kind;
        }
        for k in [
            "setup.policy.label",
            "setup.months.label",
            "setup.help.policy",
            "setup.help.recheck_after_months",
        ] {
            assert!(c.has(k), "{}: missing {k}", c.lang());
        }
        for g in [
            "clinic",
            "contact",
            "languages",
            "closed_weekdays",
            "protocol",
            "policies",
            "aftercare",
            "prices",
            "kiosk",
            "other",
        ] {
            assert!(
                c.has(&format!("setup.group.{g}")),
                "{}: group {g}",
                c.lang()
            );
        }
        for p in ["exclude", "doctor_letter", "defer"] {
            assert!(c.has(&format!("setup.policy.{p}")));
        }
        for id in PolicyKey::IDS {
            assert!(c.has(&format!("answer.conditions.{id}")));
        }
    }
    assert!(table
        .iter()
        .any(|(p, k)| p == "kiosk.staff_passcode" && *k == KeyKind::Bool));
}

// ---------------------------------------------------------------------------------------------
// The command line
// ---------------------------------------------------------------------------------------------

fn binary() -> &'static Path {
    common::assess_binary()
}

fn run(args: &[&str]) -> Output {
    Command::new(binary()).args(args).output().unwrap()
}

fn check(v: &Value) -> (i32, String, String) {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!("meso-setup-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(format!("clinic-{}.json", N.fetch_add(1, Ordering::SeqCst)));
    std::fs::write(&file, serde_json::to_string_pretty(v).unwrap()).unwrap();
    let out = run(&["--check-clinic", file.to_str().unwrap()]);
    let _ = std::fs::remove_file(&file);
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn check_clinic_says_ok_for_every_valid_file() {
    for (name, v) in corpus() {
        let (code, out, err) = check(&v);
        assert_eq!(
            (code, out.as_str(), err.as_str()),
            (0, "ok\n", ""),
            "{name}"
        );
        let (code, out, _) = check(&parse(&v).to_minimal_json());
        assert_eq!((code, out.as_str()), (0, "ok\n"), "{name}: minimal");
    }
}

#[test]
fn check_clinic_names_the_key_of_each_problem_and_exits_2() {
    let cases: Vec<(Value, &str, &str)> = vec![
        (json!({ "colour": "#000" }), "colour", "unknown field"),
        (
            json!({ "protocol": { "sessions": 4 } }),
            "protocol.sessions",
            "unknown field",
        ),
        (
            json!({ "protocol": { "min_sessions": 7 } }),
            "protocol.min_sessions",
            "is more than protocol.max_sessions (6)",
        ),
        (
            json!({ "protocol": { "min_interval_weeks": 5, "max_interval_weeks": 3 } }),
            "protocol.min_interval_weeks",
            "is more than",
        ),
        (
            json!({ "protocol": { "max_interval_weeks": 9 } }),
            "protocol.max_interval_weeks",
            "from 1 to 8",
        ),
        (
            json!({ "protocol": { "min_interval_weeks": 0 } }),
            "protocol.min_interval_weeks",
            "from 1 to 8",
        ),
        (
            json!({ "protocol": { "max_sessions": 13 } }),
            "protocol.max_sessions",
            "from 1 to 12",
        ),
        (
            json!({ "protocol": { "min_sessions": 0 } }),
            "protocol.min_sessions",
            "from 1 to 12",
        ),
        (
            json!({ "accent_colour": "teal" }),
            "accent_colour",
            "must be a colour",
        ),
        (
            json!({ "accent_colour": "#ffcc00" }),
            "accent_colour",
            "too light",
        ),
        (
            json!({ "contact": { "booking_url": "ftp://example.org" } }),
            "contact.booking_url",
            "https://",
        ),
        (
            json!({ "contact": { "booking_url": "https://exa mple.org" } }),
            "contact.booking_url",
            "https://",
        ),
        (
            json!({ "policies": { "keloid_tendency": { "policy": "defer" } } }),
            "policies.keloid_tendency.recheck_after_months",
            "required with policy \"defer\"",
        ),
    ];
    for (v, key, says) in cases {
        let (code, out, err) = check(&v);
        assert_eq!(code, 2, "{v}");
        assert_eq!(out, "", "{v}: nothing on stdout");
        let lines: Vec<&str> = err.lines().collect();
        assert_eq!(lines.len(), 1, "{v}: one line per problem: {err}");
        assert!(
            lines[0].starts_with(&format!("{key}: ")),
            "{v}: {}",
            lines[0]
        );
        assert!(lines[0].contains(says), "{v}: {}", lines[0]);
        // The very lines the core gives (and the setup page shows).
        let core = Clinic::from_value(&v).unwrap_err();
        assert_eq!(
            lines,
            core.iter().map(|p| p.to_string()).collect::<Vec<_>>()
        );
    }
    // Several problems: one line each.
    let (code, _, err) =
        check(&json!({ "x": 1, "accent_colour": "#fff", "protocol": { "max_sessions": 20 } }));
    assert_eq!(code, 2);
    assert_eq!(err.lines().count(), 3, "{err}");
    // Not JSON at all, a missing file.
    let dir = std::env::temp_dir();
    let bad = dir.join(format!("meso-setup-bad-{}.json", std::process::id()));
    std::fs::write(&bad, "{ nope").unwrap();
    let out = run(&["--check-clinic", bad.to_str().unwrap()]);
    let _ = std::fs::remove_file(&bad);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("clinic.json: not valid JSON"));
    let out = run(&["--check-clinic", "/nonexistent/clinic.json"]);
    assert_eq!(out.status.code(), Some(2));
    let out = run(&["--check-clinic"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn print_default_clinic_reads_back_as_the_default() {
    let out = run(&["--print-default-clinic"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("\n  \""), "pretty printed");
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["schema"], CLINIC_SCHEMA);
    assert_eq!(parse(&v), Clinic::default());
    assert_eq!(Clinic::parse(&text).unwrap(), Clinic::default());
    // Used alone.
    assert_eq!(
        run(&["--print-default-clinic", "x.json"]).status.code(),
        Some(2)
    );
}
