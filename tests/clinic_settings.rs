//! Spec §8: clinic settings. Every key is optional (absent → default); unknown keys,
//! impossible ranges, bad colours and URLs, and bad policies are refused with a message
//! naming the key. Errors from the clinic file are prefixed `clinic settings: `.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::*;
use meso_advisor::core::{Clinic, InputError};
use serde_json::{json, Value};

/// Whether some line names `key` (`clinic settings: key: …`, or `key[…]`, `key.sub`).
fn names_key(lines: &[String], key: &str) -> bool {
    lines.iter().any(|l| {
        let rest = l.strip_prefix("clinic settings: ").unwrap_or(l);
        rest.strip_prefix(key).is_some_and(|after| {
            after.starts_with(':') || after.starts_with('[') || after.starts_with('.')
        })
    })
}

#[track_caller]
fn assert_key(clinic: &Value, key: &str) {
    let lines = clinic_errors(&clinic.to_string());
    assert!(
        names_key(&lines, key),
        "expected a problem naming `{key}` for {clinic}, got {lines:#?}"
    );
    assert!(
        lines.iter().all(|l| l.starts_with("clinic settings: ")),
        "clinic problems are prefixed `clinic settings: `: {lines:#?}"
    );
}

#[track_caller]
fn assert_ok(clinic: &Value) {
    let r = try_run_full(&base().to_string(), Some(&clinic.to_string()), today());
    assert!(r.is_ok(), "{clinic} was refused: {r:?}");
}

/// The full example of spec §8.
fn spec_example() -> Value {
    json!({
      "schema": "meso-advisor/clinic@1",
      "name": "Demo Hair Clinic",
      "logo": "logo.svg",
      "contact": { "phone": "+34 600 000 000", "email": "hello@example.org",
                   "booking_url": "https://example.org/book", "address": "1 Main St" },
      "languages": { "default": "en", "offered": ["en"] },
      "accent_colour": "#0b7285",
      "closed_weekdays": ["sun"],
      "protocol": { "min_sessions": 4, "max_sessions": 6, "min_interval_weeks": 2,
                    "max_interval_weeks": 4, "booster_months_genetic": 3,
                    "booster_months_other": 6, "review_after_weeks": 12,
                    "home_care_per_week": 3, "first_session_after_days": 7 },
      "policies": { "anticoagulants": { "policy": "exclude" },
                    "isotretinoin_last_12_months": { "policy": "defer", "recheck_after_months": 6 } },
      "aftercare": { "no_washing_hours": 24, "no_sun_hours": 48, "no_sauna_pool_hours": 72,
                     "no_exercise_hours": 24, "no_alcohol_hours_after": 48 },
      "prices": { "currency": "EUR", "session": 150, "booster": 150 },
      "kiosk": { "idle_reset_seconds": 120, "staff_passcode": true }
    })
}

#[test]
fn empty_object_is_valid_and_equals_the_defaults() {
    let parsed = Clinic::parse("{}").expect("{} is a valid clinic");
    assert_eq!(parsed, Clinic::default());
    // and gives the same outcome as no clinic file at all
    let a = base().to_string();
    let with_empty = try_run_full(&a, Some("{}"), today()).unwrap();
    let without = try_run_full(&a, None, today()).unwrap();
    assert_eq!(with_empty, without);
}

#[test]
fn defaults_are_those_of_the_spec() {
    let c = Clinic::default();
    let p = &c.protocol;
    assert_eq!(
        (
            p.min_sessions,
            p.max_sessions,
            p.min_interval_weeks,
            p.max_interval_weeks,
            p.booster_months_genetic,
            p.booster_months_other,
            p.review_after_weeks,
            p.home_care_per_week,
            p.first_session_after_days
        ),
        (4, 6, 2, 4, 3, 6, 12, 3, 7)
    );
    let a = &c.aftercare;
    assert_eq!(
        (
            a.no_washing_hours,
            a.no_sun_hours,
            a.no_sauna_pool_hours,
            a.no_exercise_hours,
            a.no_alcohol_hours_after
        ),
        (24, 48, 72, 24, 48)
    );
    assert!(c.prices.is_none());
    assert!(c.is_closed(chrono::Weekday::Sun));
    for day in [
        chrono::Weekday::Mon,
        chrono::Weekday::Tue,
        chrono::Weekday::Wed,
        chrono::Weekday::Thu,
        chrono::Weekday::Fri,
        chrono::Weekday::Sat,
    ] {
        assert!(!c.is_closed(day), "{day:?}");
    }
}

#[test]
fn the_spec_example_is_valid() {
    assert_ok(&spec_example());
    let c = Clinic::parse(&spec_example().to_string()).unwrap();
    assert!(c.prices.is_some());
    // same protocol as the defaults: the same plan as without a file, plus a cost
    let o = run_clinic(&base(), &spec_example());
    let d = run(&base());
    assert_eq!(o["plan"]["sessions"], d["plan"]["sessions"]);
    assert_eq!(o["plan"]["boosters"], d["plan"]["boosters"]);
    assert!(o["plan"]["estimated_cost"].is_object());
}

#[test]
fn every_key_is_optional_on_its_own() {
    let full = spec_example();
    for key in full.as_object().unwrap().keys() {
        let single = json!({ key.clone(): full[key].clone() });
        assert_ok(&single);
    }
    // and inside the nested objects
    for group in ["contact", "languages", "protocol", "aftercare", "kiosk"] {
        for (key, value) in full[group].as_object().unwrap() {
            let single = json!({ group: { key.clone(): value.clone() } });
            if group == "languages" && key == "default" {
                // a default alone must be among the (default) offered languages: "en" is
                assert_ok(&single);
                continue;
            }
            assert_ok(&single);
        }
    }
    // every nested object may be empty
    for group in ["contact", "protocol", "policies", "aftercare", "kiosk"] {
        assert_ok(&json!({ group: {} }));
    }
}

#[test]
fn unknown_keys_are_refused_naming_them() {
    assert_key(&json!({ "colour": "#000000" }), "colour");
    assert_key(&json!({ "protocol": { "foo": 1 } }), "protocol.foo");
    assert_key(
        &json!({ "protocol": { "min_session": 4 } }),
        "protocol.min_session",
    );
    assert_key(&json!({ "contact": { "fax": "1" } }), "contact.fax");
    assert_key(
        &json!({ "aftercare": { "no_swimming_hours": 3 } }),
        "aftercare.no_swimming_hours",
    );
    assert_key(&json!({ "kiosk": { "timeout": 3 } }), "kiosk.timeout");
    assert_key(
        &json!({ "prices": { "currency": "EUR", "session": 100, "tax": 20 } }),
        "prices.tax",
    );
    assert_key(
        &json!({ "policies": { "anticoagulants": { "policy": "exclude", "note": "x" } } }),
        "policies.anticoagulants.note",
    );
}

#[test]
fn wrong_schema_is_refused() {
    assert_key(&json!({ "schema": "meso-advisor/clinic@2" }), "schema");
    assert_key(&json!({ "schema": "meso-advisor/assessment@1" }), "schema");
}

#[test]
fn impossible_session_ranges_are_refused() {
    let lines =
        clinic_errors(&json!({ "protocol": { "min_sessions": 5, "max_sessions": 4 } }).to_string());
    assert!(
        names_key(&lines, "protocol.min_sessions") || names_key(&lines, "protocol.max_sessions"),
        "{lines:#?}"
    );
    // min above the default max (6)
    let lines = clinic_errors(&json!({ "protocol": { "min_sessions": 7 } }).to_string());
    assert!(
        names_key(&lines, "protocol.min_sessions") || names_key(&lines, "protocol.max_sessions"),
        "{lines:#?}"
    );
    // max below the default min (4)
    let lines = clinic_errors(&json!({ "protocol": { "max_sessions": 3 } }).to_string());
    assert!(
        names_key(&lines, "protocol.min_sessions") || names_key(&lines, "protocol.max_sessions"),
        "{lines:#?}"
    );
    // sessions outside 1–12
    for (k, v) in [
        ("min_sessions", 0),
        ("max_sessions", 13),
        ("max_sessions", 0),
        ("min_sessions", 13),
        ("min_sessions", -1),
    ] {
        assert_key(&json!({ "protocol": { k: v } }), &format!("protocol.{k}"));
    }
    // the extremes are fine
    assert_ok(&json!({ "protocol": { "min_sessions": 1, "max_sessions": 12 } }));
    assert_ok(&json!({ "protocol": { "min_sessions": 12, "max_sessions": 12 } }));
    assert_ok(&json!({ "protocol": { "min_sessions": 1, "max_sessions": 1 } }));
}

#[test]
fn impossible_interval_ranges_are_refused() {
    let lines = clinic_errors(
        &json!({ "protocol": { "min_interval_weeks": 4, "max_interval_weeks": 3 } }).to_string(),
    );
    assert!(
        names_key(&lines, "protocol.min_interval_weeks")
            || names_key(&lines, "protocol.max_interval_weeks"),
        "{lines:#?}"
    );
    for (k, v) in [
        ("min_interval_weeks", 0),
        ("max_interval_weeks", 9),
        ("min_interval_weeks", 9),
        ("max_interval_weeks", 0),
    ] {
        assert_key(&json!({ "protocol": { k: v } }), &format!("protocol.{k}"));
    }
    assert_ok(&json!({ "protocol": { "min_interval_weeks": 1, "max_interval_weeks": 8 } }));
    assert_ok(&json!({ "protocol": { "min_interval_weeks": 8, "max_interval_weeks": 8 } }));
}

#[test]
fn protocol_values_of_the_wrong_type_are_refused() {
    for (k, v) in [
        ("min_sessions", json!("4")),
        ("max_sessions", json!(5.5)),
        ("review_after_weeks", json!("12")),
        ("home_care_per_week", json!(-1)),
        ("first_session_after_days", json!(-7)),
        ("booster_months_genetic", json!(0)),
        ("booster_months_other", json!(true)),
    ] {
        assert_key(
            &json!({ "protocol": { k: v.clone() } }),
            &format!("protocol.{k}"),
        );
    }
}

#[test]
fn bad_colours_are_refused() {
    for bad in [
        "red",
        "#12345g",
        "0b7285",
        "#0b72851",
        "#0b728",
        "",
        "#",
        "rgb(0,0,0)",
    ] {
        assert_key(&json!({ "accent_colour": bad }), "accent_colour");
    }
    assert_key(&json!({ "accent_colour": 123 }), "accent_colour");
    // (light colours may also be refused for contrast with white text: not tested here)
    for good in ["#0b7285", "#000000", "#1A2B3C", "#1a2b3c"] {
        assert_ok(&json!({ "accent_colour": good }));
    }
}

#[test]
fn bad_booking_urls_are_refused() {
    for bad in [
        "example.org/book",
        "javascript:alert(1)",
        "ftp://example.org/book",
        "https://",
        "https://exa mple.org",
        "not a url",
        "",
        "data:text/html,<b>x</b>",
    ] {
        assert_key(
            &json!({ "contact": { "booking_url": bad } }),
            "contact.booking_url",
        );
    }
    for good in [
        "https://example.org/book",
        "https://clinic.example.com/book?x=1",
    ] {
        assert_ok(&json!({ "contact": { "booking_url": good } }));
    }
}

#[test]
fn policy_defer_needs_recheck_months_in_range() {
    assert_key(
        &json!({ "policies": { "anticoagulants": { "policy": "defer" } } }),
        "policies.anticoagulants",
    );
    for months in [0, 25, -1, 100] {
        assert_key(
            &json!({ "policies": { "anticoagulants": { "policy": "defer", "recheck_after_months": months } } }),
            "policies.anticoagulants",
        );
    }
    for months in [1, 12, 24] {
        assert_ok(
            &json!({ "policies": { "keloid_tendency": { "policy": "defer", "recheck_after_months": months } } }),
        );
    }
    assert_key(
        &json!({ "policies": { "anticoagulants": { "policy": "defer", "recheck_after_months": "6" } } }),
        "policies.anticoagulants",
    );
}

#[test]
fn unknown_policy_values_are_refused() {
    for bad in [
        json!({ "policy": "allow" }),
        json!({}),
        json!("exclude"),
        json!({ "policy": 1 }),
    ] {
        assert_key(
            &json!({ "policies": { "immunosuppressed": bad.clone() } }),
            "policies.immunosuppressed",
        );
    }
}

#[test]
fn policies_for_non_configurable_conditions_are_refused() {
    for key in [
        "pregnant",
        "breastfeeding",
        "needle_fainting",
        "heart_disease",
        "thyroid_disorder",
        "diabetes_other",
        "minor",
        "CI-ANTICOAG",
    ] {
        assert_key(
            &json!({ "policies": { key: { "policy": "exclude" } } }),
            &format!("policies.{key}"),
        );
    }
}

#[test]
fn every_configurable_condition_accepts_every_policy() {
    for &key in POLICY_KEYS {
        for p in [
            json!({ "policy": "exclude" }),
            json!({ "policy": "doctor_letter" }),
            json!({ "policy": "defer", "recheck_after_months": 3 }),
        ] {
            assert_ok(&json!({ "policies": { key: p.clone() } }));
        }
    }
}

#[test]
fn closed_weekdays_are_checked() {
    assert_ok(&json!({ "closed_weekdays": [] }));
    assert_ok(&json!({ "closed_weekdays": ["sat", "sun"] }));
    assert_ok(&json!({ "closed_weekdays": ["mon", "tue", "wed", "thu", "fri", "sat"] }));
    assert_key(&json!({ "closed_weekdays": ["sunday"] }), "closed_weekdays");
    assert_key(&json!({ "closed_weekdays": ["Sun"] }), "closed_weekdays");
    assert_key(&json!({ "closed_weekdays": "sun" }), "closed_weekdays");
    assert_key(
        &json!({ "closed_weekdays": ["sun", "sun"] }),
        "closed_weekdays",
    );
    // a clinic that is never open cannot plan anything
    assert_key(
        &json!({ "closed_weekdays": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] }),
        "closed_weekdays",
    );
}

#[test]
fn prices_are_checked() {
    assert_ok(&json!({ "prices": { "currency": "EUR", "session": 150, "booster": 120 } }));
    assert_key(
        &json!({ "prices": { "currency": "EUR", "session": -5, "booster": 1 } }),
        "prices.session",
    );
    assert_key(
        &json!({ "prices": { "currency": "EUR", "session": "150", "booster": 1 } }),
        "prices.session",
    );
    assert_key(
        &json!({ "prices": { "currency": "EUR", "session": 100, "booster": -1 } }),
        "prices.booster",
    );
}

#[test]
fn several_clinic_problems_are_all_reported() {
    let c = json!({
        "accent_colour": "blue",
        "protocol": { "min_sessions": 0, "foo": 1 },
        "contact": { "booking_url": "nope" },
        "policies": { "pregnant": { "policy": "exclude" } },
        "bar": true
    });
    let lines = clinic_errors(&c.to_string());
    for key in [
        "accent_colour",
        "protocol.min_sessions",
        "protocol.foo",
        "contact.booking_url",
        "policies.pregnant",
        "bar",
    ] {
        assert!(names_key(&lines, key), "{key} not named in {lines:#?}");
    }
}

#[test]
fn answer_and_clinic_problems_are_reported_together() {
    let a = with(&[("age", json!(-1))]).to_string();
    let lines = try_run_full(&a, Some(r#"{"accent_colour":"blue"}"#), today()).unwrap_err();
    assert!(lines.iter().any(|l| l.starts_with("age")), "{lines:#?}");
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("clinic settings: accent_colour")),
        "{lines:#?}"
    );
}

#[test]
fn clinic_syntax_errors_are_refused() {
    for text in ["", "{", "[]", "null", "\"x\"", "{\"protocol\": []}"] {
        let r = try_run_full(&base().to_string(), Some(text), today());
        let lines = r.expect_err(text);
        assert!(
            lines.iter().all(|l| l.starts_with("clinic settings: ")),
            "{text:?}: {lines:#?}"
        );
    }
    assert!(matches!(Clinic::parse("{"), Err(InputError::Syntax { .. })));
    assert!(matches!(
        Clinic::parse(r#"{"bar":1}"#),
        Err(InputError::Invalid(_))
    ));
}
