//! Input strictness and wording rules added after review: keys given twice, grades out of
//! range named per scale, far-future start dates, a byte-order mark, the surgeon sentence
//! only with its referral, the medical-treatments line only for pattern hair loss, and no
//! maintenance advice in a plan without sessions.
#![cfg(not(target_arch = "wasm32"))]

use chrono::NaiveDate;
use meso_advisor::core::outcome::mentions_medical_treatments;
use meso_advisor::core::{assess, assess_text, Answers, Catalog, Clinic, InputError};
use serde_json::{json, Value};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
}

fn base() -> Value {
    serde_json::from_str(include_str!("fixtures/answers-suitable.json")).unwrap()
}

fn with(pairs: &[(&str, Value)]) -> String {
    let mut v = base();
    for (k, x) in pairs {
        v[*k] = x.clone();
    }
    v.to_string()
}

fn problems(text: &str) -> Vec<String> {
    match Answers::parse(text, Some(today())) {
        Ok(_) => vec![],
        Err(e) => e.lines(),
    }
}

#[test]
fn a_key_given_twice_is_refused() {
    let text = base()
        .to_string()
        .replacen("\"age\":35", "\"age\":35,\"age\":12", 1);
    assert!(
        text.contains("\"age\":12"),
        "the fixture is compact JSON: {text:.60}"
    );
    let lines = problems(&text);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(lines[0].contains("\"age\" is given twice"), "{lines:?}");
    let clinic = Clinic::parse(r#"{"name":"A","name":"B"}"#);
    assert!(
        matches!(clinic, Err(InputError::Syntax { .. })),
        "{clinic:?}"
    );
}

#[test]
fn a_grade_out_of_range_names_its_scale_range() {
    for (stage, want) in [
        (
            json!({"scale":"norwood","grade":300}),
            "300 is out of range for the norwood scale (1 to 7)",
        ),
        (
            json!({"scale":"ludwig","grade":4}),
            "4 is out of range for the ludwig scale (1 to 3)",
        ),
        (
            json!({"scale":"ludwig","grade":-1}),
            "-1 is out of range for the ludwig scale (1 to 3)",
        ),
    ] {
        let lines = problems(&with(&[("stage", stage)]));
        assert_eq!(lines, vec![format!("stage.grade: {want}")]);
    }
}

#[test]
fn a_start_date_more_than_ten_years_ahead_is_refused() {
    assert!(problems(&with(&[("start_date", json!("2036-11-24"))])).is_empty());
    let lines = problems(&with(&[("start_date", json!("2036-11-25"))]));
    assert_eq!(lines.len(), 1);
    assert!(
        lines[0].starts_with("start_date: 2036-11-25 is more than 10 years after today"),
        "{lines:?}"
    );
    let lines = problems(&with(&[("start_date", json!("9999-12-30"))]));
    assert!(lines[0].starts_with("start_date: "), "{lines:?}");
}

#[test]
fn a_byte_order_mark_is_allowed() {
    let text = format!("\u{feff}{}", base());
    assert!(problems(&text).is_empty());
}

#[test]
fn the_surgeon_sentence_comes_only_with_the_surgeon_referral() {
    let c = Catalog::english();
    let surgeon = c.t("rule.ST-ADVANCED.surgeon");
    for (age, want) in [(40, true), (22, false)] {
        let text = with(&[("age", json!(age)), ("no_regrowth_visible", json!(true))]);
        let o = assess_text(&text, None, today(), c).unwrap();
        let f = o
            .findings
            .iter()
            .find(|f| f.rule.id() == "ST-ADVANCED")
            .unwrap();
        assert_eq!(f.detail.contains(&surgeon), want, "age {age}: {}", f.detail);
        assert_eq!(
            o.referrals.iter().any(|r| r.rule.id() == "ST-ADVANCED"),
            want
        );
    }
}

#[test]
fn medical_treatments_are_mentioned_only_for_pattern_hair_loss() {
    let case = |pairs: &[(&str, Value)]| {
        let a = Answers::parse(&with(pairs), Some(today())).unwrap();
        let e = assess(&a, &Clinic::default(), today());
        mentions_medical_treatments(&a, &e)
    };
    assert!(case(&[]));
    assert!(!case(&[
        ("pattern", json!("patches")),
        ("stage", Value::Null)
    ]));
    assert!(!case(&[
        ("pattern", json!("diffuse_shedding")),
        ("family_history", json!("yes"))
    ]));
    assert!(!case(&[("age", json!(16))]));
    assert!(!case(&[
        ("sex", json!("female")),
        ("conditions", json!(["pregnant"]))
    ]));
}

#[test]
fn a_plan_without_sessions_gives_no_maintenance_advice() {
    let c = Catalog::english();
    let maintenance = c.t("lifestyle.keep_maintenance");
    let injected = assess_text(&with(&[]), None, today(), c).unwrap();
    assert!(injected.plan.unwrap().lifestyle.contains(&maintenance));
    let home = assess_text(
        &with(&[("injections", json!("needle_free_only"))]),
        None,
        today(),
        c,
    )
    .unwrap();
    let plan = home.plan.unwrap();
    assert!(plan.sessions.is_empty());
    assert!(
        !plan.lifestyle.contains(&maintenance),
        "{:?}",
        plan.lifestyle
    );
}

#[test]
fn referrals_are_merged_per_person_with_the_strongest_urgency() {
    use meso_advisor::core::outcome::referral_groups;
    // Patches (dermatologist, soon) + scalp redness (dermatologist, soon) + thyroid (GP,
    // routine) + voice deepening in a woman (endocrinology, urgent).
    let a = Answers::parse(
        &with(&[
            ("sex", json!("female")),
            ("pattern", json!("patches")),
            ("stage", Value::Null),
            ("menopause", json!(false)),
            ("scalp_signs", json!(["redness_scaling"])),
            ("conditions", json!(["thyroid_disorder"])),
            ("symptoms", json!(["voice_deepening"])),
        ]),
        Some(today()),
    )
    .unwrap();
    let e = assess(&a, &Clinic::default(), today());
    let groups = referral_groups(&e.findings);
    let lines: Vec<(String, String, Vec<String>)> = groups
        .iter()
        .map(|g| {
            (
                g.to.id().to_string(),
                g.urgency.id().to_string(),
                g.rules.iter().map(|r| r.id().to_string()).collect(),
            )
        })
        .collect();
    assert_eq!(
        lines,
        vec![
            (
                "endocrinology".into(),
                "urgent".into(),
                vec!["RF-ANDROGEN".into()]
            ),
            (
                "dermatologist".into(),
                "soon".into(),
                vec!["RF-PATCHES".into(), "RF-SCALP".into()]
            ),
            ("gp".into(), "routine".into(), vec!["CO-THYROID".into()]),
        ]
    );
    // The outcome JSON keeps one referral per finding (spec §7): only the views merge.
    let o = e.render(Catalog::english());
    assert_eq!(o.referrals.len(), 4);
}
