//! Spec §3: the answers JSON is strict. Every error class produces an error line naming the
//! field (`field: message`), every problem is reported at once, optional fields may be
//! absent or null and arrays may be empty.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::*;
use meso_advisor::core::{Answers, InputError};
use serde_json::{json, Value};

const REQUIRED: &[&str] = &[
    "schema",
    "age",
    "sex",
    "pattern",
    "no_regrowth_visible",
    "duration",
    "onset",
    "shedding_increased",
    "family_history",
    "scalp_signs",
    "recent_triggers",
    "lifestyle",
    "conditions",
    "symptoms",
    "menopause",
    "previous_treatments",
    "hair_loss_after_previous_mesotherapy",
    "injections",
];

const SETS: &[(&str, &str)] = &[
    ("scalp_signs", "sunburn"),
    ("recent_triggers", "surgery"),
    ("lifestyle", "smoking"),
    ("conditions", "diabetes_other"),
    ("symptoms", "nail_pitting"),
    ("previous_treatments", "minoxidil"),
];

/// Whether a line is about `field`: it starts with the field's path, followed by `:`, `[` or
/// `.` (a sub-path), possibly after a prefix such as `answers: `.
fn line_names(line: &str, field: &str) -> bool {
    let mut rest = line;
    loop {
        if let Some(after) = rest.strip_prefix(field) {
            if after.starts_with(':') || after.starts_with('[') || after.starts_with('.') {
                return true;
            }
        }
        match rest.find(": ") {
            Some(i) => rest = &rest[i + 2..],
            None => return false,
        }
    }
}

#[track_caller]
fn assert_field(lines: &[String], field: &str) {
    assert!(
        lines.iter().any(|l| line_names(l, field)),
        "expected a line `{field}: …`, got {lines:#?}"
    );
}

fn errs(v: &Value) -> Vec<String> {
    errors(&v.to_string())
}

#[test]
fn the_line_matcher_works() {
    assert!(line_names("stage.grade: must be 1 to 7", "stage.grade"));
    assert!(line_names("scalp_signs[1]: duplicate", "scalp_signs"));
    assert!(line_names("stage.x: unknown field", "stage"));
    assert!(!line_names("stages: x", "stage"));
    assert!(!line_names("age: x", "stage"));
}

#[test]
fn base_and_variants_are_accepted() {
    assert!(try_run_full(&base().to_string(), None, today()).is_ok());
    let parsed = Answers::parse(&base().to_string(), Some(today()));
    assert!(parsed.is_ok(), "{parsed:?}");
}

#[test]
fn unknown_field_is_refused_naming_it() {
    let lines = errs(&with(&[("favourite_colour", json!("blue"))]));
    assert_field(&lines, "favourite_colour");
    // a misspelt field: the unknown one is named (and the missing one too)
    let v = without(
        with(&[("shedding_increase", json!(true))]),
        "shedding_increased",
    );
    let lines = errs(&v);
    assert_field(&lines, "shedding_increase");
    assert_field(&lines, "shedding_increased");
    // nested: inside stage
    let lines = errs(&with(&[(
        "stage",
        json!({ "scale": "norwood", "grade": 3, "colour": "x" }),
    )]));
    assert_field(&lines, "stage");
    assert!(lines.iter().any(|l| l.contains("colour")), "{lines:?}");
}

#[test]
fn wrong_schema_tag_is_refused() {
    for tag in [
        json!("meso-advisor/assessment@2"),
        json!("meso-advisor/clinic@1"),
        json!(""),
        json!(1),
        Value::Null,
    ] {
        let lines = errs(&with(&[("schema", tag.clone())]));
        assert_field(&lines, "schema");
    }
}

#[test]
fn every_missing_required_field_is_named() {
    for field in REQUIRED {
        let lines = errs(&without(base(), field));
        assert_field(&lines, field);
    }
    // null is not a value for a required field
    for field in REQUIRED {
        let lines = errs(&with(&[(field, Value::Null)]));
        assert_field(&lines, field);
    }
}

#[test]
fn all_missing_fields_are_reported_together() {
    let lines = errors(r#"{"schema":"meso-advisor/assessment@1"}"#);
    for field in &REQUIRED[1..] {
        assert_field(&lines, field);
    }
    assert!(lines.len() >= REQUIRED.len() - 1, "{lines:#?}");
}

#[test]
fn optional_fields_may_be_absent_or_null() {
    for v in [
        without(base(), "stage"),
        with(&[("stage", Value::Null)]),
        without(base(), "start_date"),
        with(&[("start_date", Value::Null)]),
        with(&[("stage", Value::Null), ("start_date", Value::Null)]),
    ] {
        let r = try_run_full(&v.to_string(), None, today());
        assert!(r.is_ok(), "{v}: {r:?}");
    }
}

#[test]
fn empty_arrays_are_accepted_and_full_sets_too() {
    // base has every set empty
    assert!(try_run_full(&base().to_string(), None, today()).is_ok());
    // every value of every set at once (female, so `pregnant` is allowed)
    let v = with(&[
        ("sex", json!("female")),
        ("scalp_signs", json!(SCALP)),
        ("recent_triggers", json!(TRIGGERS)),
        ("lifestyle", json!(LIFESTYLE)),
        ("conditions", json!(CONDITIONS)),
        ("symptoms", json!(SYMPTOMS)),
        ("menopause", json!(true)),
        ("previous_treatments", json!(TREATMENTS)),
        ("hair_loss_after_previous_mesotherapy", json!(true)),
    ]);
    let r = try_run_full(&v.to_string(), None, today());
    assert!(r.is_ok(), "{r:?}");
    assert_eq!(r.unwrap()["verdict"], "refer");
}

#[test]
fn every_enum_value_is_accepted() {
    let cases: Vec<(&str, Vec<Value>)> = vec![
        ("sex", vec![json!("female"), json!("male"), json!("other")]),
        (
            "pattern",
            vec![
                json!("hairline_or_crown"),
                json!("part_widening"),
                json!("diffuse_shedding"),
                json!("patches"),
                json!("unsure"),
            ],
        ),
        (
            "duration",
            vec![
                json!("under_3_months"),
                json!("3_to_12_months"),
                json!("1_to_5_years"),
                json!("over_5_years"),
            ],
        ),
        ("onset", vec![json!("sudden"), json!("gradual")]),
        (
            "family_history",
            vec![json!("yes"), json!("no"), json!("unsure")],
        ),
        (
            "injections",
            vec![
                json!("accepted"),
                json!("needle_free_only"),
                json!("unsure"),
            ],
        ),
    ];
    for (field, values) in cases {
        for v in values {
            let a = with(&[(field, v.clone())]);
            let r = try_run_full(&a.to_string(), None, today());
            assert!(r.is_ok(), "{field} = {v}: {r:?}");
        }
    }
    for g in 1..=7 {
        assert!(try_run_full(&with(&[("stage", norwood(g))]).to_string(), None, today()).is_ok());
    }
    for g in 1..=3 {
        assert!(try_run_full(&with(&[("stage", ludwig(g))]).to_string(), None, today()).is_ok());
    }
    for age in [0, 1, 18, 119, 120] {
        assert!(try_run_full(&with(&[("age", json!(age))]).to_string(), None, today()).is_ok());
    }
}

#[test]
fn wrong_types_are_refused_naming_the_field() {
    let cases: Vec<(&str, Value)> = vec![
        ("age", json!("35")),
        ("age", json!(35.5)),
        ("age", json!(-1)),
        ("age", json!(121)),
        ("age", json!(1e10)),
        ("age", json!(true)),
        ("sex", json!(1)),
        ("sex", json!(["male"])),
        ("pattern", json!({ "x": 1 })),
        ("no_regrowth_visible", json!("false")),
        ("no_regrowth_visible", json!(0)),
        ("shedding_increased", json!("yes")),
        ("menopause", json!(1)),
        ("hair_loss_after_previous_mesotherapy", json!("no")),
        ("scalp_signs", json!("sunburn")),
        ("recent_triggers", json!({})),
        ("lifestyle", json!(3)),
        ("conditions", json!([1])),
        ("symptoms", json!([null])),
        ("previous_treatments", json!([["prp"]])),
        ("stage", json!("norwood 3")),
        ("stage", json!(3)),
        ("stage", json!([])),
        ("start_date", json!(20261201)),
        ("start_date", json!(true)),
        ("injections", json!(false)),
        ("duration", json!(3)),
        ("onset", Value::Null),
    ];
    for (field, value) in cases {
        let lines = errs(&with(&[(field, value.clone())]));
        assert_field(&lines, field);
    }
}

#[test]
fn stage_parts_are_checked() {
    // missing grade / scale
    let lines = errs(&with(&[("stage", json!({ "scale": "norwood" }))]));
    assert_field(&lines, "stage.grade");
    let lines = errs(&with(&[("stage", json!({ "grade": 3 }))]));
    assert_field(&lines, "stage.scale");
    // wrong types
    let lines = errs(&with(&[(
        "stage",
        json!({ "scale": "norwood", "grade": "3" }),
    )]));
    assert_field(&lines, "stage.grade");
    let lines = errs(&with(&[(
        "stage",
        json!({ "scale": "norwood", "grade": 2.5 }),
    )]));
    assert_field(&lines, "stage.grade");
    let lines = errs(&with(&[("stage", json!({ "scale": 1, "grade": 3 }))]));
    assert_field(&lines, "stage.scale");
    // unknown scale
    let lines = errs(&with(&[(
        "stage",
        json!({ "scale": "hamilton", "grade": 3 }),
    )]));
    assert_field(&lines, "stage.scale");
    let lines = errs(&with(&[(
        "stage",
        json!({ "scale": "Norwood", "grade": 3 }),
    )]));
    assert_field(&lines, "stage.scale");
}

#[test]
fn unknown_enum_values_are_refused_naming_the_field() {
    let cases: Vec<(&str, Value)> = vec![
        ("sex", json!("m")),
        ("sex", json!("Male")),
        ("pattern", json!("hairline-or-crown")),
        ("pattern", json!("HairlineOrCrown")),
        ("duration", json!("3-12 months")),
        ("duration", json!("over_10_years")),
        ("onset", json!("slow")),
        ("family_history", json!("maybe")),
        ("injections", json!("no")),
        ("scalp_signs", json!(["dandruff"])),
        ("recent_triggers", json!(["covid"])),
        ("lifestyle", json!(["vegan"])),
        ("conditions", json!(["asthma"])),
        ("symptoms", json!(["headache"])),
        ("previous_treatments", json!(["laser"])),
        ("conditions", json!(["diabetes_other", "Diabetes_Other"])),
    ];
    for (field, value) in cases {
        let lines = errs(&with(&[(field, value.clone())]));
        assert_field(&lines, field);
    }
}

#[test]
fn stage_grade_out_of_range_for_its_scale() {
    for stage in [
        norwood(8),
        norwood(0),
        norwood(-1),
        norwood(100),
        ludwig(4),
        ludwig(0),
        ludwig(7),
    ] {
        let lines = errs(&with(&[("stage", stage.clone())]));
        assert_field(&lines, "stage.grade");
    }
    // Ludwig 4 is refused even for a woman with part widening
    let mut f = female();
    f.push(("stage", ludwig(4)));
    let lines = errs(&set(base(), &f));
    assert_field(&lines, "stage.grade");
}

#[test]
fn pregnant_with_male_is_refused() {
    let lines = errs(&with(&[("conditions", json!(["pregnant"]))]));
    assert!(
        lines
            .iter()
            .any(|l| line_names(l, "conditions") || line_names(l, "sex")),
        "expected a line naming conditions or sex: {lines:#?}"
    );
    // allowed for female and other
    for sex in ["female", "other"] {
        let v = with(&[("sex", json!(sex)), ("conditions", json!(["pregnant"]))]);
        assert!(try_run_full(&v.to_string(), None, today()).is_ok(), "{sex}");
    }
    // breastfeeding is not restricted by the spec
}

#[test]
fn start_date_before_today_is_refused() {
    // yesterday
    let lines = errs(&with(&[("start_date", json!("2026-11-23"))]));
    assert_field(&lines, "start_date");
    let lines = errs(&with(&[("start_date", json!("2020-01-01"))]));
    assert_field(&lines, "start_date");
    // today and later are fine
    for ok in ["2026-11-24", "2026-11-25", "2030-06-30"] {
        let v = with(&[("start_date", json!(ok))]);
        assert!(try_run_full(&v.to_string(), None, today()).is_ok(), "{ok}");
    }
    // "before today" depends on the `today` given
    let v = with(&[("start_date", json!("2026-11-24"))]);
    assert!(try_run_full(&v.to_string(), None, d("2026-11-25")).is_err());
    assert!(Answers::parse(&v.to_string(), Some(d("2026-11-25"))).is_err());
    assert!(Answers::parse(&v.to_string(), Some(d("2026-11-24"))).is_ok());
}

#[test]
fn start_date_not_a_real_date_is_refused() {
    for bad in [
        "2026-02-30",
        "2026-13-01",
        "2026-00-10",
        "2026-12-32",
        "2027-02-29",
        "tomorrow",
        "",
        "2026/12/01",
        "01-12-2026",
        "2026-12-1",
        "2026-12-01T10:00:00",
        " 2026-12-01",
    ] {
        let lines = errs(&with(&[("start_date", json!(bad))]));
        assert_field(&lines, "start_date");
    }
    // a real 29 February is fine
    let v = with(&[("start_date", json!("2028-02-29"))]);
    assert!(try_run_full(&v.to_string(), None, today()).is_ok());
}

#[test]
fn duplicates_in_a_set_are_refused() {
    for (field, value) in SETS {
        let lines = errs(&with(&[(field, json!([value, value]))]));
        assert_field(&lines, field);
    }
    let lines = errs(&with(&[(
        "conditions",
        json!(["thyroid_disorder", "heart_disease", "thyroid_disorder"]),
    )]));
    assert_field(&lines, "conditions");
}

#[test]
fn menopause_must_be_false_for_male() {
    let lines = errs(&with(&[("menopause", json!(true))]));
    assert_field(&lines, "menopause");
    for sex in ["female", "other"] {
        let v = with(&[("sex", json!(sex)), ("menopause", json!(true))]);
        assert!(try_run_full(&v.to_string(), None, today()).is_ok(), "{sex}");
    }
}

#[test]
fn hair_loss_after_mesotherapy_needs_mesotherapy() {
    let lines = errs(&with(&[(
        "hair_loss_after_previous_mesotherapy",
        json!(true),
    )]));
    assert_field(&lines, "hair_loss_after_previous_mesotherapy");
    let lines = errs(&with(&[
        ("hair_loss_after_previous_mesotherapy", json!(true)),
        (
            "previous_treatments",
            json!(["prp", "minoxidil", "transplant"]),
        ),
    ]));
    assert_field(&lines, "hair_loss_after_previous_mesotherapy");
    let v = with(&[
        ("hair_loss_after_previous_mesotherapy", json!(true)),
        ("previous_treatments", json!(["mesotherapy"])),
    ]);
    assert!(try_run_full(&v.to_string(), None, today()).is_ok());
}

#[test]
fn several_problems_are_all_reported() {
    let v = with(&[
        ("age", json!("thirty")),
        ("sex", json!("robot")),
        ("stage", norwood(9)),
        ("start_date", json!("2026-02-30")),
        ("scalp_signs", json!(["sunburn", "sunburn"])),
        ("lifestyle", json!(["vegan"])),
        ("surprise", json!(1)),
    ]);
    let v = without(v, "onset");
    let lines = errs(&v);
    for field in [
        "age",
        "sex",
        "stage.grade",
        "start_date",
        "scalp_signs",
        "lifestyle",
        "surprise",
        "onset",
    ] {
        assert_field(&lines, field);
    }
    assert!(lines.len() >= 8, "{lines:#?}");

    // the cross-field problems together
    let v = with(&[
        ("conditions", json!(["pregnant"])),
        ("menopause", json!(true)),
        ("hair_loss_after_previous_mesotherapy", json!(true)),
        ("start_date", json!("2026-11-01")),
        ("stage", ludwig(5)),
    ]);
    let lines = errs(&v);
    assert_field(&lines, "menopause");
    assert_field(&lines, "hair_loss_after_previous_mesotherapy");
    assert_field(&lines, "start_date");
    assert_field(&lines, "stage.grade");
    assert!(
        lines
            .iter()
            .any(|l| line_names(l, "conditions") || line_names(l, "sex")),
        "{lines:#?}"
    );
    assert!(lines.len() >= 5, "{lines:#?}");
}

#[test]
fn each_problem_is_one_line() {
    let v = with(&[("age", json!(-3)), ("sex", json!("robot"))]);
    let lines = errs(&v);
    for l in &lines {
        assert!(!l.contains('\n'), "multi-line problem: {l:?}");
        assert!(l.contains(": "), "`field: message` expected: {l:?}");
        let msg = l.rsplit(": ").next().unwrap();
        assert!(!msg.trim().is_empty(), "empty message: {l:?}");
    }
}

#[test]
fn not_json_or_not_an_object_is_refused() {
    for text in [
        "",
        "   ",
        "{",
        "{\"schema\":",
        "not json",
        "[]",
        "[{}]",
        "null",
        "42",
        "\"answers\"",
        "true",
    ] {
        let r = try_run_full(text, None, today());
        assert!(r.is_err(), "{text:?} was accepted");
        let lines = r.unwrap_err();
        assert!(!lines.is_empty());
        assert!(lines.iter().all(|l| !l.trim().is_empty()), "{lines:?}");
    }
    // Answers::parse separates syntax from content problems
    assert!(matches!(
        Answers::parse("{", Some(today())),
        Err(InputError::Syntax { .. })
    ));
    assert!(matches!(
        Answers::parse(r#"{"age": 3}"#, Some(today())),
        Err(InputError::Invalid(_))
    ));
}

#[test]
fn huge_numbers_and_deep_nesting_are_refused_without_panic() {
    let v = base()
        .to_string()
        .replace("\"age\":35", "\"age\":99999999999999999999999");
    assert!(v.contains("99999999999999999999999"));
    let lines = errors(&v);
    assert_field(&lines, "age");
    let v = base().to_string().replace("\"age\":35", "\"age\":1e400");
    let r = try_run_full(&v, None, today());
    assert!(r.is_err());
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(try_run_full(&deep, None, today()).is_err());
    let deep_obj = base().to_string().replace(
        "\"conditions\":[]",
        &format!("\"conditions\":{}{}", "[".repeat(5000), "]".repeat(5000)),
    );
    assert!(try_run_full(&deep_obj, None, today()).is_err());
}

#[test]
fn duplicate_json_keys_do_not_panic() {
    // JSON with the same key twice: whichever value is kept, the result must be valid input
    // handling (no panic); an error or the outcome of one of the two values.
    let text = base()
        .to_string()
        .replace("\"age\":35", "\"age\":35,\"age\":16");
    match try_run_full(&text, None, today()) {
        Ok(o) => assert!(o["verdict"] == "suitable" || o["verdict"] == "refer"),
        Err(lines) => assert!(!lines.is_empty()),
    }
}
