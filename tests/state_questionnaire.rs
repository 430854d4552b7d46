//! Native tests of the questionnaire state machine: which questions apply, step
//! validation, the reducer's actions and the draft ↔ answers conversion.
#![cfg(not(target_arch = "wasm32"))]

use chrono::NaiveDate;
use meso_advisor::core::answers::{
    Condition, Pattern, Scale, ScalpSign, Sex, Stage, Symptom, Treatment,
};
use meso_advisor::core::{assess, Answers, Clinic};
use meso_advisor::state::questionnaire::{
    option_hidden, Action, Draft, Field, FieldIssue, Multi, SetField, StageAnswer, FIELDS, STEPS,
};
use meso_advisor::state::route::Route;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
}

/// A draft with every step answered (a 35-year-old man, Norwood 3).
fn complete() -> Draft {
    let mut d = Draft::default();
    for a in [
        Action::SetAge("35".into()),
        Action::SetSex(Sex::Male),
        Action::SetPattern(Pattern::HairlineOrCrown),
        Action::SetStage(StageAnswer::Picked(Stage {
            scale: Scale::Norwood,
            grade: 3,
        })),
        Action::SetBool(Field::NoRegrowthVisible, false),
        Action::SetDuration(meso_advisor::core::answers::HairLossDuration::From1To5Years),
        Action::SetOnset(meso_advisor::core::answers::Onset::Gradual),
        Action::SetBool(Field::SheddingIncreased, false),
        Action::SetFamilyHistory(meso_advisor::core::answers::FamilyHistory::Yes),
        Action::ChooseNone(SetField::RecentTriggers),
        Action::ChooseNone(SetField::ScalpSigns),
        Action::ChooseNone(SetField::Symptoms),
        Action::ChooseNone(SetField::Conditions),
        Action::ChooseNone(SetField::PreviousTreatments),
        Action::SetInjections(meso_advisor::core::answers::Injections::Accepted),
        Action::ChooseNone(SetField::Lifestyle),
    ] {
        d.apply(a);
    }
    d
}

#[test]
fn every_field_is_on_a_step_and_every_step_has_fields() {
    for step in 1..=STEPS {
        assert!(
            FIELDS.iter().any(|f| f.step() == step),
            "step {step} has no question"
        );
    }
    assert_eq!(FIELDS.len(), 19);
}

#[test]
fn an_empty_draft_lists_every_unanswered_question_of_a_step() {
    let d = Draft::default();
    let issues = d.step_issues(1, today());
    assert_eq!(
        issues,
        vec![
            (Field::Age, FieldIssue::Missing),
            (Field::Sex, FieldIssue::Missing)
        ]
    );
    assert_eq!(d.first_incomplete_step(today()), Some(1));
    assert!(d.to_answers(today()).is_none());
}

#[test]
fn age_must_be_a_whole_number_up_to_120() {
    let mut d = Draft::default();
    for (typed, ok) in [
        ("0", true),
        ("120", true),
        ("121", false),
        ("abc", false),
        ("3.5", false),
        ("-1", false),
        (" 40 ", true),
    ] {
        d.apply(Action::SetAge(typed.into()));
        let issue = d.issue(Field::Age, today());
        assert_eq!(issue.is_none(), ok, "age {typed:?}: {issue:?}");
        if !ok {
            assert_eq!(issue, Some(FieldIssue::AgeInvalid));
        }
    }
}

#[test]
fn start_date_is_optional_but_must_be_real_and_not_past() {
    let mut d = complete();
    assert_eq!(d.issue(Field::StartDate, today()), None);
    d.apply(Action::SetStartDate("2026-11-23".into()));
    assert_eq!(
        d.issue(Field::StartDate, today()),
        Some(FieldIssue::DateInPast)
    );
    d.apply(Action::SetStartDate("2026-02-30".into()));
    assert_eq!(
        d.issue(Field::StartDate, today()),
        Some(FieldIssue::DateInvalid)
    );
    d.apply(Action::SetStartDate("2026-11-24".into()));
    assert_eq!(d.issue(Field::StartDate, today()), None);
    assert_eq!(d.to_answers(today()).unwrap().start_date, Some(today()));
    // More than 10 years ahead: the core refuses it, so the step does too (it used to pass
    // the steps and leave the result and plan pages blank).
    d.apply(Action::SetStartDate("2036-11-25".into()));
    assert_eq!(
        d.issue(Field::StartDate, today()),
        Some(FieldIssue::DateTooFar)
    );
    assert_eq!(d.first_incomplete_step(today()), Some(6));
    assert_eq!(d.to_answers(today()), None);
    d.apply(Action::SetStartDate("2036-11-24".into()));
    assert_eq!(d.issue(Field::StartDate, today()), None);
}

#[test]
fn one_tap_answers_none_to_the_unanswered_lists_of_a_step_only() {
    let mut d = Draft::default();
    d.apply(Action::Toggle(SetField::RecentTriggers, "surgery"));
    assert_eq!(d.unanswered_sets(3), vec![SetField::Lifestyle]);
    assert_eq!(
        d.unanswered_sets(4),
        vec![SetField::ScalpSigns, SetField::Symptoms]
    );
    d.apply(Action::ChooseNoneForUnanswered(4));
    assert_eq!(d.scalp_signs, Multi::NoneOfThese);
    assert_eq!(d.symptoms, Multi::NoneOfThese);
    assert_eq!(d.lifestyle, Multi::Unanswered, "other steps untouched");
    d.apply(Action::ChooseNoneForUnanswered(3));
    assert!(
        d.recent_triggers
            .contains(meso_advisor::core::answers::Trigger::Surgery),
        "answers kept"
    );
    assert_eq!(d.lifestyle, Multi::NoneOfThese);
    assert!(d.unanswered_sets(3).is_empty());
}

#[test]
fn lifestyle_is_asked_with_the_triggers_and_the_optional_date_last() {
    assert_eq!(Field::Lifestyle.step(), 3);
    let step6: Vec<Field> = FIELDS.iter().copied().filter(|f| f.step() == 6).collect();
    assert_eq!(step6.last(), Some(&Field::StartDate));
}

#[test]
fn conditional_questions_apply_only_when_relevant() {
    let mut d = Draft::default();
    assert!(!d.applies(Field::Stage));
    d.apply(Action::SetPattern(Pattern::HairlineOrCrown));
    assert!(d.applies(Field::Stage));
    d.apply(Action::SetPattern(Pattern::DiffuseShedding));
    assert!(!d.applies(Field::Stage));
    d.apply(Action::SetSex(Sex::Male));
    assert!(!d.applies(Field::Menopause));
    d.apply(Action::SetSex(Sex::Other));
    assert!(d.applies(Field::Menopause));
    assert!(!d.applies(Field::HairLossAfterPreviousMesotherapy));
    d.apply(Action::Toggle(SetField::PreviousTreatments, "mesotherapy"));
    assert!(d.applies(Field::HairLossAfterPreviousMesotherapy));
    d.apply(Action::Toggle(SetField::PreviousTreatments, "mesotherapy"));
    assert!(!d.applies(Field::HairLossAfterPreviousMesotherapy));
}

#[test]
fn changing_pattern_drops_a_stage_of_the_other_scale() {
    let mut d = Draft::default();
    d.apply(Action::SetPattern(Pattern::HairlineOrCrown));
    d.apply(Action::SetStage(StageAnswer::Picked(Stage {
        scale: Scale::Norwood,
        grade: 4,
    })));
    d.apply(Action::SetPattern(Pattern::PartWidening));
    assert_eq!(d.stage, None);
    d.apply(Action::SetStage(StageAnswer::Unsure));
    d.apply(Action::SetPattern(Pattern::HairlineOrCrown));
    assert_eq!(
        d.stage,
        Some(StageAnswer::Unsure),
        "\"not sure\" fits either scale"
    );
}

#[test]
fn none_of_these_and_ticks_exclude_each_other() {
    let mut d = Draft::default();
    d.apply(Action::ChooseNone(SetField::Conditions));
    assert_eq!(d.conditions, Multi::NoneOfThese);
    d.apply(Action::Toggle(SetField::Conditions, "heart_disease"));
    assert!(d.conditions.contains(Condition::HeartDisease));
    assert_ne!(d.conditions, Multi::NoneOfThese);
    d.apply(Action::ChooseNone(SetField::Conditions));
    assert_eq!(d.conditions, Multi::NoneOfThese);
    d.apply(Action::ChooseNone(SetField::Conditions));
    assert_eq!(
        d.conditions,
        Multi::Unanswered,
        "unticking \"none\" leaves the question unanswered"
    );
    d.apply(Action::Toggle(SetField::Conditions, "not_a_condition"));
    assert_eq!(d.conditions, Multi::Unanswered, "unknown ids are ignored");
}

#[test]
fn a_complete_draft_gives_valid_answers_that_round_trip() {
    let d = complete();
    assert_eq!(d.first_incomplete_step(today()), None);
    let a = d.to_answers(today()).expect("complete");
    assert!(a.problems(Some(today())).is_empty());
    let text = serde_json::to_string(&a.to_value()).unwrap();
    assert_eq!(Answers::parse(&text, Some(today())).unwrap(), a);
    assert_eq!(Draft::from_answers(&a).to_answers(today()).unwrap(), a);
    let outcome = assess(&a, &Clinic::default(), today());
    assert!(outcome.plan.is_some());
}

#[test]
fn questions_that_do_not_apply_are_answered_false() {
    let mut d = complete();
    d.apply(Action::SetSex(Sex::Female));
    d.apply(Action::SetBool(Field::Menopause, true));
    d.apply(Action::Toggle(SetField::PreviousTreatments, "mesotherapy"));
    d.apply(Action::SetBool(
        Field::HairLossAfterPreviousMesotherapy,
        true,
    ));
    let a = d.to_answers(today()).unwrap();
    assert!(a.menopause && a.hair_loss_after_previous_mesotherapy);
    d.apply(Action::SetSex(Sex::Male));
    d.apply(Action::Toggle(SetField::PreviousTreatments, "mesotherapy"));
    d.apply(Action::ChooseNone(SetField::PreviousTreatments));
    let a = d.to_answers(today()).unwrap();
    assert!(!a.menopause && !a.hair_loss_after_previous_mesotherapy);
    assert!(a.problems(Some(today())).is_empty());
    assert!(!a.previous_treatments.contains(&Treatment::Mesotherapy));
}

#[test]
fn options_hidden_for_men_are_never_kept() {
    let mut d = complete();
    d.apply(Action::SetSex(Sex::Female));
    d.apply(Action::Toggle(SetField::Conditions, "pregnant"));
    d.apply(Action::Toggle(SetField::Conditions, "heart_disease"));
    d.apply(Action::Toggle(SetField::Symptoms, "irregular_periods"));
    d.apply(Action::SetSex(Sex::Male));
    // What a man is not asked about is dropped at once; a question left with nothing ticked
    // is unanswered again, never answered by something the visitor cannot see.
    assert!(!d.conditions.contains(Condition::Pregnant));
    assert!(d.conditions.contains(Condition::HeartDisease));
    assert_eq!(d.symptoms, Multi::Unanswered);
    assert_eq!(d.issue(Field::Symptoms, today()), Some(FieldIssue::Missing));
    assert!(d.to_answers(today()).is_none());
    d.apply(Action::ChooseNone(SetField::Symptoms));
    let a = d.to_answers(today()).unwrap();
    assert!(!a.conditions.contains(&Condition::Pregnant));
    assert!(!a.symptoms.contains(&Symptom::IrregularPeriods));
    assert!(a.problems(Some(today())).is_empty());
    assert!(option_hidden(
        Some(Sex::Male),
        "conditions",
        "breastfeeding"
    ));
    assert!(!option_hidden(Some(Sex::Female), "conditions", "pregnant"));
}

#[test]
fn not_sure_about_a_smooth_area_is_answered_false() {
    let mut d = complete();
    d.apply(Action::SetNoRegrowthUnsure);
    assert!(d.no_regrowth_unsure);
    assert!(!d.to_answers(today()).unwrap().no_regrowth_visible);
    d.apply(Action::SetBool(Field::NoRegrowthVisible, true));
    assert!(!d.no_regrowth_unsure);
    assert!(d.to_answers(today()).unwrap().no_regrowth_visible);
}

#[test]
fn the_draft_survives_serdes_json_as_earlier_versions_stored_it() {
    let d = complete();
    let text = serde_json::to_string(&d).unwrap();
    assert_eq!(serde_json::from_str::<Draft>(&text).unwrap(), d);
    assert_eq!(
        serde_json::from_str::<Draft>("{}").unwrap(),
        Draft::default()
    );
}

#[test]
fn the_stored_draft_reads_back_as_session_storage_keeps_it() {
    let d = complete();
    assert_eq!(Draft::from_json(&d.to_json()).unwrap(), d);
    // What serde wrote for it (the format of earlier versions) reads the same.
    assert_eq!(
        Draft::from_json(&serde_json::to_string(&d).unwrap()).unwrap(),
        d
    );
    // Missing keys take their default; unknown keys are ignored.
    assert_eq!(Draft::from_json("{}").unwrap(), Draft::default());
    assert_eq!(
        Draft::from_json(r#"{"age": "40", "future_key": 1}"#).unwrap(),
        Draft {
            age: "40".into(),
            ..Draft::default()
        }
    );
    // The tagged forms of serde's derive.
    let d = Draft::from_json(
        r#"{"stage": {"Picked": {"scale": "norwood", "grade": 3}}, "symptoms": "NoneOfThese",
            "scalp_signs": {"Some": ["redness_scaling"]}, "menopause": null}"#,
    )
    .unwrap();
    assert_eq!(
        d.stage,
        Some(StageAnswer::Picked(Stage {
            scale: Scale::Norwood,
            grade: 3
        }))
    );
    assert_eq!(d.symptoms, Multi::NoneOfThese);
    assert!(d.scalp_signs.contains(ScalpSign::RednessScaling));
    assert_eq!(d.menopause, None);
}

#[test]
fn a_draft_is_empty_until_any_answer_is_given() {
    assert!(Draft::default().is_empty());
    for action in [
        Action::SetAge("4".into()),
        Action::SetSex(Sex::Other),
        Action::SetPattern(Pattern::DiffuseShedding),
        Action::SetNoRegrowthUnsure,
        Action::SetBool(Field::SheddingIncreased, false),
        Action::SetBool(Field::Menopause, false),
        Action::ChooseNone(SetField::Symptoms),
        Action::ChooseNone(SetField::Lifestyle),
        Action::Toggle(SetField::ScalpSigns, "redness_scaling"),
        Action::SetStartDate("2".into()),
    ] {
        let mut d = Draft::default();
        d.apply(action.clone());
        assert!(!d.is_empty(), "{action:?}");
        d.apply(Action::Reset);
        assert!(d.is_empty());
    }
}

#[test]
fn a_stored_draft_of_the_wrong_shape_is_refused_naming_the_key() {
    for (text, key) in [
        ("[]", "not an object"),
        ("{\"age\": 40}", "age"),
        ("{\"sex\": \"robot\"}", "sex"),
        ("{\"menopause\": \"yes\"}", "menopause"),
        ("{\"no_regrowth_unsure\": 1}", "no_regrowth_unsure"),
        ("{\"no_regrowth_unsure\": null}", "no_regrowth_unsure"),
        ("{\"symptoms\": \"Some\"}", "symptoms"),
        ("{\"symptoms\": {\"Some\": [\"sneezing\"]}}", "symptoms"),
        (
            "{\"stage\": {\"Picked\": {\"scale\": \"norwood\"}}}",
            "stage",
        ),
        (
            "{\"stage\": {\"Picked\": {\"scale\": \"norwood\", \"grade\": 3, \"x\": 1}}}",
            "stage",
        ),
        (
            "{\"stage\": {\"Picked\": {\"scale\": \"norwood\", \"grade\": 300}}}",
            "stage",
        ),
        ("not json", "expected"),
    ] {
        let e = Draft::from_json(text).unwrap_err();
        assert!(e.contains(key), "{text}: {e}");
    }
}

#[test]
fn routes_parse_and_format() {
    for r in [
        Route::Start,
        Route::Step(1),
        Route::Step(6),
        Route::Result,
        Route::Plan,
        Route::Saved,
        Route::SavedPlan("ab12cd".into()),
        Route::About,
    ] {
        assert_eq!(Route::parse(&format!("#{}", r.hash())), r);
    }
    assert_eq!(Route::parse(""), Route::Start);
    assert_eq!(Route::parse("#/step/7"), Route::NotFound);
    assert_eq!(Route::parse("#/step/0"), Route::NotFound);
    assert_eq!(Route::parse("#/saved/<script>"), Route::NotFound);
    assert_eq!(Route::parse("#/nope"), Route::NotFound);
}
