//! Shared helpers of the native test suite: a builder for answers JSON starting from a BASE
//! that is plainly `suitable` (spec §3–§4), and runners that return the outcome as a
//! `serde_json::Value` (spec §7), so the tests stay black-box.

#![allow(dead_code)]

use chrono::NaiveDate;
use meso_advisor::core::{assess_text, Catalog};
use serde_json::{json, Value};

/// The fixed `today` of the suite: 2026-11-24, a Tuesday.
pub const TODAY: &str = "2026-11-24";

/// A date from `YYYY-MM-DD` (panics on a typo in a test).
pub fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_else(|e| panic!("bad test date {s}: {e}"))
}

/// The suite's `today`.
pub fn today() -> NaiveDate {
    d(TODAY)
}

/// The BASE answers: a 35-year-old man, hairline/crown pattern, Norwood 3, 3–12 months,
/// gradual, nothing else. Only ST-EARLY fires: verdict `suitable`.
pub fn base() -> Value {
    serde_json::from_str(include_str!("../fixtures/answers-suitable.json"))
        .expect("the fixture is JSON")
}

/// A Norwood stage object.
pub fn norwood(grade: i64) -> Value {
    json!({ "scale": "norwood", "grade": grade })
}

/// A Ludwig stage object.
pub fn ludwig(grade: i64) -> Value {
    json!({ "scale": "ludwig", "grade": grade })
}

/// Overrides (or adds) top-level fields of `v`.
pub fn set(mut v: Value, overrides: &[(&str, Value)]) -> Value {
    let map = v.as_object_mut().expect("answers are an object");
    for (k, val) in overrides {
        map.insert((*k).to_string(), val.clone());
    }
    v
}

/// BASE with fields overridden: `with(&[("age", json!(16))])`.
pub fn with(overrides: &[(&str, Value)]) -> Value {
    set(base(), overrides)
}

/// Removes a top-level field.
pub fn without(mut v: Value, field: &str) -> Value {
    v.as_object_mut()
        .expect("answers are an object")
        .remove(field);
    v
}

/// Overrides making BASE a woman with a part-widening pattern, Ludwig 1 (still `suitable`).
pub fn female() -> Vec<(&'static str, Value)> {
    vec![
        ("sex", json!("female")),
        ("pattern", json!("part_widening")),
        ("stage", ludwig(1)),
    ]
}

/// Overrides making BASE a diffuse-shedding case without a stage (ST-SHEDDING, no genetic
/// driver, still `suitable`).
pub fn diffuse() -> Vec<(&'static str, Value)> {
    vec![
        ("pattern", json!("diffuse_shedding")),
        ("stage", Value::Null),
    ]
}

/// Concatenates override lists (later ones win).
pub fn ov(parts: &[&[(&'static str, Value)]]) -> Vec<(&'static str, Value)> {
    parts.iter().flat_map(|p| p.iter().cloned()).collect()
}

/// Runs the black-box JSON API; `Err` lines on invalid input.
pub fn try_run_full(
    answers: &str,
    clinic: Option<&str>,
    today: NaiveDate,
) -> Result<Value, Vec<String>> {
    assess_text(answers, clinic, today, Catalog::english())
        .map(|o| serde_json::to_value(&o).expect("the outcome serialises"))
}

/// Runs answers (and optional clinic settings) on a given day; panics on invalid input.
pub fn run_full(answers: &Value, clinic: Option<&Value>, today: NaiveDate) -> Value {
    let a = answers.to_string();
    let c = clinic.map(|c| c.to_string());
    match try_run_full(&a, c.as_deref(), today) {
        Ok(v) => v,
        Err(lines) => panic!("valid input was refused: {lines:?}\nanswers: {a}\nclinic: {c:?}"),
    }
}

/// Runs answers with the default clinic on TODAY.
pub fn run(answers: &Value) -> Value {
    run_full(answers, None, today())
}

/// Runs answers with clinic settings on TODAY.
pub fn run_clinic(answers: &Value, clinic: &Value) -> Value {
    run_full(answers, Some(clinic), today())
}

/// Runs answers on a given day with the default clinic.
pub fn run_on(answers: &Value, today: NaiveDate) -> Value {
    run_full(answers, None, today)
}

/// The error lines for answers text (default clinic, TODAY); panics when accepted.
pub fn errors(answers_text: &str) -> Vec<String> {
    match try_run_full(answers_text, None, today()) {
        Ok(o) => panic!("invalid answers were accepted: {answers_text}\noutcome: {o}"),
        Err(lines) => lines,
    }
}

/// The error lines for clinic settings text (BASE answers, TODAY); panics when accepted.
pub fn clinic_errors(clinic_text: &str) -> Vec<String> {
    match try_run_full(&base().to_string(), Some(clinic_text), today()) {
        Ok(o) => panic!("invalid clinic settings were accepted: {clinic_text}\noutcome: {o}"),
        Err(lines) => lines,
    }
}

/// The verdict.
pub fn verdict(o: &Value) -> &str {
    o["verdict"].as_str().expect("verdict is a string")
}

/// Rule ids of the findings, in output order.
pub fn rules(o: &Value) -> Vec<String> {
    o["findings"]
        .as_array()
        .expect("findings is an array")
        .iter()
        .map(|f| f["rule"].as_str().expect("rule id").to_string())
        .collect()
}

/// The finding with a rule id, if it fired.
pub fn finding<'a>(o: &'a Value, rule: &str) -> Option<&'a Value> {
    o["findings"]
        .as_array()
        .expect("findings is an array")
        .iter()
        .find(|f| f["rule"] == rule)
}

/// Whether a rule fired.
pub fn fired(o: &Value, rule: &str) -> bool {
    finding(o, rule).is_some()
}

/// Referrals of a rule as (to, urgency).
pub fn referrals_of(o: &Value, rule: &str) -> Vec<(String, String)> {
    o["referrals"]
        .as_array()
        .expect("referrals is an array")
        .iter()
        .filter(|r| r["rule"] == rule)
        .map(|r| {
            (
                r["to"].as_str().expect("to").to_string(),
                r["urgency"].as_str().expect("urgency").to_string(),
            )
        })
        .collect()
}

/// Note ids, in output order.
pub fn notes(o: &Value) -> Vec<String> {
    o["notes"]
        .as_array()
        .expect("notes is an array")
        .iter()
        .map(|n| n["rule"].as_str().expect("note id").to_string())
        .collect()
}

/// Drivers, sorted (the spec does not fix their order).
pub fn drivers(o: &Value) -> Vec<String> {
    let mut v: Vec<String> = o["drivers"]
        .as_array()
        .expect("drivers is an array")
        .iter()
        .map(|x| x.as_str().expect("driver id").to_string())
        .collect();
    v.sort();
    v
}

/// The plan object (panics when the plan is null).
pub fn plan(o: &Value) -> &Value {
    let p = &o["plan"];
    assert!(p.is_object(), "expected a plan, got {p} in {o}");
    p
}

/// Session dates of the plan as strings.
pub fn sessions(o: &Value) -> Vec<String> {
    plan(o)["sessions"]
        .as_array()
        .expect("sessions is an array")
        .iter()
        .map(|s| s["date"].as_str().expect("session date").to_string())
        .collect()
}

/// Booster dates of the plan as strings.
pub fn boosters(o: &Value) -> Vec<String> {
    plan(o)["boosters"]
        .as_array()
        .expect("boosters is an array")
        .iter()
        .map(|s| s.as_str().expect("booster date").to_string())
        .collect()
}

/// The review date.
pub fn review(o: &Value) -> String {
    plan(o)["review_on"]
        .as_str()
        .expect("review_on is a date")
        .to_string()
}

/// Rank of an effect: 0 = strongest (`refer`) … 4 = `suitable` (spec §4).
pub fn effect_rank(effect: &str) -> usize {
    match effect {
        "refer" => 0,
        "not_suitable" => 1,
        "defer" => 2,
        "consult" => 3,
        "suitable" => 4,
        other => panic!("unknown effect {other}"),
    }
}

/// The strongest effect among the findings (`suitable` when there are none).
pub fn strongest(o: &Value) -> String {
    o["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| f["effect"].as_str().expect("effect").to_string())
        .min_by_key(|e| effect_rank(e))
        .unwrap_or_else(|| "suitable".into())
}

/// Whether some error line names `field` (as `field: …`, possibly prefixed, or mentions it).
pub fn names(lines: &[String], field: &str) -> bool {
    lines.iter().any(|l| l.contains(field))
}

/// Asserts that some error line names `field`.
#[track_caller]
pub fn assert_names(lines: &[String], field: &str) {
    assert!(
        names(lines, field),
        "expected an error naming `{field}`, got {lines:#?}"
    );
}

/// Every value of each set and closed list, written from the spec (§3, §4.2–4.3, §8), not
/// from the implementation.
pub const SCALP: &[&str] = &[
    "redness_scaling",
    "pain_burning_itch",
    "shiny_patches_no_openings",
    "pustules_or_swelling",
    "open_wound_or_infection",
    "sunburn",
];
pub const TRIGGERS: &[&str] = &[
    "illness_or_fever",
    "surgery",
    "childbirth",
    "crash_diet_or_weight_loss",
    "severe_stress",
    "new_medication",
    "chemotherapy",
];
pub const LIFESTYLE: &[&str] = &[
    "poor_sleep",
    "high_stress",
    "restrictive_diet",
    "smoking",
    "pollution_exposure",
];
pub const CONDITIONS: &[&str] = &[
    "pregnant",
    "breastfeeding",
    "anticoagulants",
    "bleeding_disorder",
    "active_cancer_treatment",
    "cancer_within_12_months",
    "immunosuppressed",
    "autoimmune_disease",
    "keloid_tendency",
    "diabetes_insulin",
    "diabetes_other",
    "uncontrolled_blood_pressure",
    "heart_disease",
    "systemic_steroids",
    "isotretinoin_last_12_months",
    "ingredient_allergy",
    "thyroid_disorder",
    "iron_deficiency_or_anaemia",
    "needle_fainting",
];
pub const SYMPTOMS: &[&str] = &[
    "fatigue_weight_change",
    "irregular_periods",
    "acne_or_excess_hair",
    "voice_deepening",
    "nail_pitting",
    "hair_pulling_urge",
];
pub const TREATMENTS: &[&str] = &[
    "minoxidil",
    "finasteride_or_dutasteride",
    "prp",
    "mesotherapy",
    "transplant",
    "supplements",
];
pub const WEEKDAYS: &[&str] = &["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
pub const POLICY_KEYS: &[&str] = &[
    "active_cancer_treatment",
    "immunosuppressed",
    "autoimmune_disease",
    "keloid_tendency",
    "bleeding_disorder",
    "anticoagulants",
    "systemic_steroids",
    "diabetes_insulin",
    "uncontrolled_blood_pressure",
    "isotretinoin_last_12_months",
    "cancer_within_12_months",
];

/// Builds `examples/assess.rs` once per test binary and returns the path of the executable.
pub fn assess_binary() -> &'static std::path::Path {
    use std::path::{Path, PathBuf};
    use std::process::{Command, Stdio};
    static BIN: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    BIN.get_or_init(|| {
        let out = Command::new(env!("CARGO"))
            .args([
                "build",
                "--example",
                "assess",
                "--message-format=json-render-diagnostics",
            ])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .stderr(Stdio::inherit())
            .output()
            .expect("run cargo build --example assess");
        assert!(out.status.success(), "cargo build --example assess failed");
        let stdout = String::from_utf8_lossy(&out.stdout);
        let exe = stdout
            .lines()
            .filter_map(|l| serde_json::from_str::<Value>(l).ok())
            .filter(|m| m["reason"] == "compiler-artifact" && m["target"]["name"] == "assess")
            .find_map(|m| m["executable"].as_str().map(PathBuf::from))
            .unwrap_or_else(|| {
                Path::new(env!("CARGO_MANIFEST_DIR")).join("target/debug/examples/assess")
            });
        assert!(exe.exists(), "no binary at {}", exe.display());
        exe
    })
}
