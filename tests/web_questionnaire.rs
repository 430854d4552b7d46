//! Browser component tests of the questionnaire: the real `App` (default clinic) mounted into
//! a fresh element of a real (headless Chromium) document, driven through the DOM (typing,
//! clicking radios, boxes and Next), waiting for Yew with bounded loops. Covers branching
//! (questions and options that apply only to some answers, stage pictures), validation
//! (messages, summary, focus, staying on the step), Back/Next keeping answers, the draft in
//! sessionStorage, "None of these", and a complete pass to the result. Runs with
//! `cargo test --target wasm32-unknown-unknown --test web_questionnaire`; natively this file
//! compiles to nothing.

#![cfg(target_arch = "wasm32")]

mod web_common;

use chrono::{Duration as Days, NaiveDate};
use meso_advisor::core::answers::{Pattern, Scale, Sex, Stage, Trigger};
use meso_advisor::state::questionnaire::{Draft, Multi, StageAnswer};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_common::*;
use web_sys::Element;

wasm_bindgen_test_configure!(run_in_browser);

// ------------------------------------------------------------------------------------------
// Helpers: one question at a time, through the DOM
// ------------------------------------------------------------------------------------------

/// The device's date, as the app computes it.
fn today() -> NaiveDate {
    let d = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(d.get_full_year() as i32, d.get_month() + 1, d.get_date())
        .expect("a date")
}

/// A clean page at `#/step/1` with the app mounted and step 1 shown.
async fn start() -> Element {
    setup("#/step/1").await;
    let root = mount_app();
    wait_el(&root, "[data-testid=step-1]").await;
    root
}

/// The radio of `field` with value `value`.
fn radio(root: &Element, field: &str, value: &str) -> Option<Element> {
    q(
        root,
        &format!("input[type=radio][name=\"q-{field}\"][value=\"{value}\"]"),
    )
}

/// The box of a several-answers question (`value` `none` is "None of these").
fn check_box(root: &Element, field: &str, value: &str) -> Option<Element> {
    if value == "none" {
        q(root, &format!("#q-{field}-none"))
    } else {
        q(
            root,
            &format!("#q-{field}-group input[type=checkbox][value=\"{value}\"]"),
        )
    }
}

/// Whether the option's label is drawn as chosen (the app's state, not just the browser's).
fn label_checked(input: &Element, class: &str) -> bool {
    input.closest("label").ok().flatten().is_some_and(|l| {
        l.get_attribute("class")
            .unwrap_or_default()
            .split_whitespace()
            .any(|c| c == class)
    })
}

/// Clicks a radio and waits until the app shows it chosen.
async fn choose(root: &Element, field: &str, value: &str) {
    let r = radio(root, field, value).unwrap_or_else(|| panic!("no radio {field}={value}"));
    click(&r);
    wait_until(&format!("{field}={value} chosen"), || {
        radio(root, field, value).is_some_and(|r| {
            input(&r).checked() && label_checked(&r, "choice-group-option--checked")
        })
    })
    .await;
}

/// Clicks a box and waits until the app shows it `want` (ticked or not).
async fn tick_box(root: &Element, field: &str, value: &str, want: bool) {
    let b = check_box(root, field, value).unwrap_or_else(|| panic!("no box {field}={value}"));
    click(&b);
    wait_until(&format!("{field}={value} ticked={want}"), || {
        check_box(root, field, value).is_some_and(|b| {
            input(&b).checked() == want && label_checked(&b, "check-group-option--checked") == want
        })
    })
    .await;
}

fn is_ticked(root: &Element, field: &str, value: &str) -> bool {
    let b = check_box(root, field, value).unwrap_or_else(|| panic!("no box {field}={value}"));
    input(&b).checked() && label_checked(&b, "check-group-option--checked")
}

fn is_chosen(root: &Element, field: &str, value: &str) -> bool {
    let r = radio(root, field, value).unwrap_or_else(|| panic!("no radio {field}={value}"));
    input(&r).checked() && label_checked(&r, "choice-group-option--checked")
}

/// Types the age and waits until the app has it (it keeps the draft in sessionStorage after
/// each change).
async fn type_age(root: &Element, age: &str) {
    type_into(&q(root, "#q-age").expect("the age input"), age);
    wait_until(&format!("age {age:?} in the draft"), || {
        stored_draft().is_some_and(|d| d.age == age)
    })
    .await;
}

/// Types the start date and waits until the app has it.
async fn type_start_date(root: &Element, date: &str) {
    type_into(
        &q(root, "#q-start_date").expect("the start date input"),
        date,
    );
    wait_until(&format!("start date {date:?} in the draft"), || {
        stored_draft().is_some_and(|d| d.start_date == date)
    })
    .await;
}

/// Clicks Next.
fn next(root: &Element) {
    click(&q(root, "[data-testid=next]").expect("a Next button"));
}

/// Clicks Next and waits for step `to` (7: the result page).
async fn next_to(root: &Element, to: u8) {
    next(root);
    let (sel, h) = if to > 6 {
        (
            "[data-testid=result-page]".to_owned(),
            "#/result".to_owned(),
        )
    } else {
        (format!("[data-testid=step-{to}]"), format!("#/step/{to}"))
    };
    wait_el(root, &sel).await;
    assert_eq!(hash(), h);
}

/// Clicks Back and waits for step `to`.
async fn back_to(root: &Element, to: u8) {
    let back = qa(root, ".step-page-nav button[type=button]")
        .into_iter()
        .next()
        .expect("a Back button");
    assert_eq!(text(&back), catalog().t("nav.back"));
    click(&back);
    wait_el(root, &format!("[data-testid=step-{to}]")).await;
    assert_eq!(hash(), format!("#/step/{to}"));
}

async fn step1(root: &Element, age: &str, sex: &str) {
    type_age(root, age).await;
    choose(root, "sex", sex).await;
    next_to(root, 2).await;
}

/// Step 2 with a pattern that has no stage question (or Norwood 3 for hairline/crown).
async fn step2(root: &Element, pattern: &str) {
    choose(root, "pattern", pattern).await;
    if pattern == "hairline_or_crown" {
        choose(root, "stage", "norwood-3").await;
    }
    choose(root, "no_regrowth_visible", "no").await;
    next_to(root, 3).await;
}

async fn step3(root: &Element) {
    choose(root, "duration", "3_to_12_months").await;
    choose(root, "onset", "gradual").await;
    choose(root, "shedding_increased", "no").await;
    choose(root, "family_history", "no").await;
    tick_box(root, "recent_triggers", "none", true).await;
    tick_box(root, "lifestyle", "none", true).await;
    next_to(root, 4).await;
}

async fn step4(root: &Element) {
    tick_box(root, "scalp_signs", "none", true).await;
    tick_box(root, "symptoms", "none", true).await;
    next_to(root, 5).await;
}

async fn step5(root: &Element) {
    tick_box(root, "conditions", "none", true).await;
    if radio(root, "menopause", "no").is_some() {
        choose(root, "menopause", "no").await;
    }
    next_to(root, 6).await;
}

/// Step 6 answered, without clicking "See my result".
async fn step6_answers(root: &Element) {
    tick_box(root, "previous_treatments", "none", true).await;
    choose(root, "injections", "accepted").await;
}

/// From step 1 to the start of step `to` (2..=6), a 35-year-old of `sex`, hairline/crown.
async fn reach_step(root: &Element, sex: &str, to: u8) {
    step1(root, "35", sex).await;
    if to > 2 {
        step2(root, "hairline_or_crown").await;
    }
    if to > 3 {
        step3(root).await;
    }
    if to > 4 {
        step4(root).await;
    }
    if to > 5 {
        step5(root).await;
    }
}

/// The values of the radios of a question, in order.
fn radio_values(root: &Element, field: &str) -> Vec<String> {
    qa(root, &format!("input[type=radio][name=\"q-{field}\"]"))
        .iter()
        .map(|r| input(r).value())
        .collect()
}

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| (*s).to_owned()).collect()
}

// ------------------------------------------------------------------------------------------
// (a) Branching
// ------------------------------------------------------------------------------------------

#[wasm_bindgen_test]
async fn menopause_is_asked_of_women_and_other_but_not_of_men() {
    for (sex, asked) in [("female", true), ("other", true), ("male", false)] {
        let root = start().await;
        reach_step(&root, sex, 5).await;
        let step = wait_el(&root, "[data-testid=step-5]").await;
        assert!(
            q(&step, "[data-testid=q-conditions]").is_some(),
            "{sex}: step 5 shows the conditions"
        );
        assert_eq!(
            q(&step, "[data-testid=q-menopause]").is_some(),
            asked,
            "{sex}: menopause question shown"
        );
        assert_eq!(
            radio(&step, "menopause", "yes").is_some(),
            asked,
            "{sex}: menopause radios"
        );
        let page = text(&step);
        assert_eq!(
            page.contains(&catalog().t("question.menopause")),
            asked,
            "{sex}: menopause wording"
        );
    }
}

#[wasm_bindgen_test]
async fn pregnancy_breastfeeding_and_periods_options_are_not_shown_to_men() {
    for (sex, shown) in [("male", false), ("female", true), ("other", true)] {
        let root = start().await;
        reach_step(&root, sex, 4).await;
        let page4 = wait_el(&root, "[data-testid=step-4]").await;
        assert!(
            check_box(&page4, "symptoms", "voice_deepening").is_some(),
            "{sex}: other symptoms are shown"
        );
        assert_eq!(
            check_box(&page4, "symptoms", "irregular_periods").is_some(),
            shown,
            "{sex}: irregular periods box"
        );
        let label = catalog().t("answer.symptoms.irregular_periods");
        assert_eq!(
            text(&page4).contains(&label),
            shown,
            "{sex}: {label:?} on step 4"
        );

        step4(&root).await;
        let page5 = wait_el(&root, "[data-testid=step-5]").await;
        assert!(
            check_box(&page5, "conditions", "anticoagulants").is_some(),
            "{sex}: other conditions are shown"
        );
        for id in ["pregnant", "breastfeeding"] {
            assert_eq!(
                check_box(&page5, "conditions", id).is_some(),
                shown,
                "{sex}: {id} box"
            );
            let label = catalog().t(&format!("answer.conditions.{id}"));
            let labels: Vec<String> = qa(&page5, ".check-group-label").iter().map(text).collect();
            assert_eq!(
                labels.contains(&label),
                shown,
                "{sex}: {label:?} among {labels:?}"
            );
        }
    }
}

#[wasm_bindgen_test]
async fn previous_mesotherapy_question_follows_the_mesotherapy_box() {
    let root = start().await;
    reach_step(&root, "female", 6).await;
    let step = wait_el(&root, "[data-testid=step-6]").await;
    let follow_up = "[data-testid=q-hair_loss_after_previous_mesotherapy]";
    assert!(
        q(&step, follow_up).is_none(),
        "not asked before anything is ticked"
    );

    tick_box(&root, "previous_treatments", "minoxidil", true).await;
    settle().await;
    assert!(q(&root, follow_up).is_none(), "not asked for minoxidil");

    tick_box(&root, "previous_treatments", "mesotherapy", true).await;
    let question = wait_el(&root, follow_up).await;
    assert!(
        text(&question).contains(&catalog().t("question.hair_loss_after_previous_mesotherapy")),
        "the follow-up question has its wording: {}",
        text(&question)
    );
    assert!(radio(&root, "hair_loss_after_previous_mesotherapy", "yes").is_some());
    assert!(radio(&root, "hair_loss_after_previous_mesotherapy", "no").is_some());

    tick_box(&root, "previous_treatments", "mesotherapy", false).await;
    wait_gone(&root, follow_up).await;
    assert!(
        is_ticked(&root, "previous_treatments", "minoxidil"),
        "minoxidil stays ticked"
    );

    // "None of these" also removes it.
    tick_box(&root, "previous_treatments", "mesotherapy", true).await;
    wait_el(&root, follow_up).await;
    tick_box(&root, "previous_treatments", "none", true).await;
    wait_gone(&root, follow_up).await;
}

#[wasm_bindgen_test]
async fn stage_pictures_follow_the_pattern() {
    let root = start().await;
    step1(&root, "40", "male").await;
    let step = wait_el(&root, "[data-testid=step-2]").await;
    assert!(
        q(&step, "[data-testid=q-stage]").is_none(),
        "no stage question before a pattern is chosen"
    );

    // Receding hairline or crown: Norwood 1–7 and "Not sure".
    choose(&root, "pattern", "hairline_or_crown").await;
    let stage = wait_el(&root, "[data-testid=q-stage]").await;
    let mut want: Vec<String> = (1..=7).map(|g| format!("norwood-{g}")).collect();
    want.push("unsure".into());
    assert_eq!(radio_values(&root, "stage"), want);
    let labels: Vec<String> = qa(&stage, ".choice-group-label").iter().map(text).collect();
    let mut want_labels: Vec<String> = (1..=7)
        .map(|g| {
            catalog().f(
                "answer.stage.grade",
                &[
                    ("scale", &catalog().t("answer.stage.norwood")),
                    ("grade", &g.to_string()),
                ],
            )
        })
        .collect();
    want_labels.push(catalog().t("answer.unsure"));
    assert_eq!(labels, want_labels);
    assert_eq!(want_labels.last().map(String::as_str), Some("Not sure"));
    for label in qa(&stage, "label.choice-group-option") {
        let value = input(&q(&label, "input").expect("an input")).value();
        assert_eq!(
            q(&label, "svg").is_some(),
            value != "unsure",
            "{value}: a picture unless 'Not sure'"
        );
    }
    choose(&root, "stage", "norwood-3").await;

    // Widening parting: Ludwig 1–3 and "Not sure"; the Norwood answer is not kept.
    choose(&root, "pattern", "part_widening").await;
    wait_until("Ludwig pictures", || {
        radio(&root, "stage", "ludwig-1").is_some()
    })
    .await;
    assert_eq!(
        radio_values(&root, "stage"),
        strings(&["ludwig-1", "ludwig-2", "ludwig-3", "unsure"])
    );
    let stage = q(&root, "[data-testid=q-stage]").expect("the stage question");
    let labels: Vec<String> = qa(&stage, ".choice-group-label").iter().map(text).collect();
    let ludwig = catalog().t("answer.stage.ludwig");
    let mut want_labels: Vec<String> = (1..=3)
        .map(|g| {
            catalog().f(
                "answer.stage.grade",
                &[("scale", &ludwig), ("grade", &g.to_string())],
            )
        })
        .collect();
    want_labels.push(catalog().t("answer.unsure"));
    assert_eq!(labels, want_labels);
    assert_eq!(qa(&stage, "svg").len(), 3, "one picture per Ludwig grade");
    assert!(
        qa(&stage, "input:checked").is_empty(),
        "the Norwood stage is not carried over to Ludwig"
    );
    assert_eq!(
        stored_draft().expect("a draft").stage,
        None,
        "the Norwood stage is dropped from the draft"
    );

    // Thinning all over: no stage question.
    choose(&root, "pattern", "diffuse_shedding").await;
    wait_gone(&root, "[data-testid=q-stage]").await;
    assert!(radio(&root, "stage", "unsure").is_none());

    // Patches and "Not sure" patterns: no stage question either.
    for p in ["patches", "unsure"] {
        choose(&root, "pattern", p).await;
        settle().await;
        assert!(
            q(&root, "[data-testid=q-stage]").is_none(),
            "{p}: no stage question"
        );
    }
}

// ------------------------------------------------------------------------------------------
// (b) Validation
// ------------------------------------------------------------------------------------------

#[wasm_bindgen_test]
async fn next_on_an_empty_step_names_every_missing_answer_and_focuses_the_first() {
    let root = start().await;
    let summary = q(&root, "[data-testid=step-errors]").expect("the error summary");
    assert_eq!(text(&summary), "", "no summary before Next");
    assert!(
        q(&root, "#q-age-error").is_none() && q(&root, "#q-sex-error").is_none(),
        "no messages before Next"
    );

    next(&root);
    let age_error = wait_el(&root, "#q-age-error").await;
    let sex_error = wait_el(&root, "#q-sex-error").await;
    let missing = catalog().t("validation.missing");
    assert_eq!(text(&age_error), missing);
    assert_eq!(text(&sex_error), missing);

    let summary = q(&root, "[data-testid=step-errors]").expect("the error summary");
    assert!(
        !text(&summary).is_empty(),
        "the summary says what is missing"
    );
    assert_eq!(text(&summary), catalog().count("validation.summary", 2));
    assert_eq!(summary.get_attribute("role").as_deref(), Some("alert"));

    wait_until("focus on #q-age", || active_id() == "q-age").await;

    let age = q(&root, "#q-age").expect("the age input");
    assert_eq!(age.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert!(age
        .get_attribute("aria-describedby")
        .unwrap_or_default()
        .contains("q-age-error"));

    settle().await;
    assert_eq!(hash(), "#/step/1", "the step does not change");
    assert!(q(&root, "[data-testid=step-1]").is_some());
    assert!(q(&root, "[data-testid=step-2]").is_none());
}

#[wasm_bindgen_test]
async fn an_impossible_age_is_refused_with_the_age_message() {
    let root = start().await;
    choose(&root, "sex", "female").await;
    for bad in ["130", "abc"] {
        type_age(&root, bad).await;
        next(&root);
        let error = wait_for(&format!("age message for {bad:?}"), || {
            q(&root, "#q-age-error").filter(|e| !text(e).is_empty())
        })
        .await;
        assert_eq!(text(&error), catalog().t("validation.age"), "age {bad:?}");
        assert!(q(&root, "#q-sex-error").is_none(), "sex is answered");
        assert_eq!(
            text(&q(&root, "[data-testid=step-errors]").unwrap()),
            catalog().t("validation.summary.one")
        );
        wait_until("focus on #q-age", || active_id() == "q-age").await;
        settle().await;
        assert_eq!(hash(), "#/step/1", "age {bad:?}: the step does not change");
    }
    // A real age is accepted.
    type_age(&root, "120").await;
    next_to(&root, 2).await;
}

#[wasm_bindgen_test]
async fn a_start_date_in_the_past_is_refused_with_the_date_message() {
    let root = start().await;
    reach_step(&root, "male", 6).await;
    step6_answers(&root).await;
    let yesterday = (today() - Days::days(1)).to_string();
    type_start_date(&root, &yesterday).await;
    next(&root);
    let error = wait_el(&root, "#q-start_date-error").await;
    assert_eq!(text(&error), catalog().t("validation.date_past"));
    assert!(!text(&q(&root, "[data-testid=step-errors]").unwrap()).is_empty());
    wait_until("focus on #q-start_date", || active_id() == "q-start_date").await;
    settle().await;
    assert_eq!(hash(), "#/step/6", "the step does not change");
    assert!(q(&root, "[data-testid=result-page]").is_none());

    // A long-past date too.
    type_start_date(&root, "2001-02-03").await;
    next(&root);
    wait_el(&root, "#q-start_date-error").await;
    settle().await;
    assert_eq!(hash(), "#/step/6");

    // Today is fine.
    type_start_date(&root, &today().to_string()).await;
    next_to(&root, 7).await;
}

// ------------------------------------------------------------------------------------------
// (c) Back / Next, the stored draft, "None of these"
// ------------------------------------------------------------------------------------------

#[wasm_bindgen_test]
async fn answers_are_kept_going_back_and_forward_and_stored_in_session_storage() {
    let root = start().await;
    type_age(&root, "42").await;
    choose(&root, "sex", "female").await;
    next_to(&root, 2).await;
    choose(&root, "pattern", "part_widening").await;
    choose(&root, "stage", "ludwig-2").await;
    choose(&root, "no_regrowth_visible", "yes").await;
    next_to(&root, 3).await;
    choose(&root, "duration", "1_to_5_years").await;
    tick_box(&root, "recent_triggers", "surgery", true).await;
    tick_box(&root, "recent_triggers", "severe_stress", true).await;

    let d = stored_draft().expect("the draft is in sessionStorage");
    assert_eq!(d.age, "42");
    assert_eq!(d.sex, Some(Sex::Female));
    assert_eq!(d.pattern, Some(Pattern::PartWidening));
    assert_eq!(
        d.stage,
        Some(StageAnswer::Picked(Stage {
            scale: Scale::Ludwig,
            grade: 2
        }))
    );
    assert_eq!(d.no_regrowth_visible, Some(true));
    assert_eq!(
        d.recent_triggers,
        Multi::Some(
            [Trigger::Surgery, Trigger::SevereStress]
                .into_iter()
                .collect()
        )
    );

    back_to(&root, 2).await;
    assert!(is_chosen(&root, "pattern", "part_widening"));
    assert!(is_chosen(&root, "stage", "ludwig-2"));
    assert!(is_chosen(&root, "no_regrowth_visible", "yes"));
    assert!(!is_chosen(&root, "no_regrowth_visible", "no"));

    back_to(&root, 1).await;
    assert_eq!(input(&q(&root, "#q-age").unwrap()).value(), "42");
    assert!(is_chosen(&root, "sex", "female"));
    assert!(!is_chosen(&root, "sex", "male") && !is_chosen(&root, "sex", "other"));

    next_to(&root, 2).await;
    assert!(is_chosen(&root, "pattern", "part_widening"));
    assert!(is_chosen(&root, "stage", "ludwig-2"));
    assert!(is_chosen(&root, "no_regrowth_visible", "yes"));
    next_to(&root, 3).await;
    assert!(is_chosen(&root, "duration", "1_to_5_years"));
    assert!(is_ticked(&root, "recent_triggers", "surgery"));
    assert!(is_ticked(&root, "recent_triggers", "severe_stress"));
    assert!(!is_ticked(&root, "recent_triggers", "illness_or_fever"));
    assert!(!input(&check_box(&root, "recent_triggers", "none").unwrap()).checked());

    // Back from step 1 goes to the start page; the draft is still there.
    back_to(&root, 2).await;
    back_to(&root, 1).await;
    let back = qa(&root, ".step-page-nav button[type=button]")
        .into_iter()
        .next()
        .unwrap();
    click(&back);
    wait_el(&root, "[data-testid=start-page]").await;
    assert_eq!(stored_draft().expect("still stored").age, "42");
    assert!(
        q(&root, "[data-testid=continue-button]").is_some(),
        "the start page offers to continue"
    );
}

#[wasm_bindgen_test]
async fn a_stored_draft_is_restored_when_the_app_starts() {
    setup("#/").await;
    let draft = Draft {
        age: "51".into(),
        sex: Some(Sex::Other),
        ..Draft::default()
    };
    store_draft(&draft);
    let root = mount_app();
    let cont = wait_el(&root, "[data-testid=continue-button]").await;
    click(&cont);
    wait_el(&root, "[data-testid=step-2]").await;
    assert_eq!(
        hash(),
        "#/step/2",
        "continue goes to the first unanswered step"
    );
    back_to(&root, 1).await;
    assert_eq!(input(&q(&root, "#q-age").unwrap()).value(), "51");
    assert!(is_chosen(&root, "sex", "other"));
}

/// A reload (or a bookmarked address) on a later step with the draft in sessionStorage keeps
/// the visitor's place: `save_draft` exists "so a refresh keeps the visitor's place".
#[wasm_bindgen_test]
async fn a_reload_on_a_later_step_keeps_the_visitors_place() {
    setup("#/step/3").await;
    let draft = Draft {
        age: "35".into(),
        sex: Some(Sex::Male),
        pattern: Some(Pattern::DiffuseShedding),
        no_regrowth_visible: Some(false),
        ..Draft::default()
    };
    store_draft(&draft);
    let root = mount_app();
    wait_until("a step page", || q(&root, ".step-page").is_some()).await;
    settle().await;
    settle().await;
    let shown = q(&root, ".step-page")
        .and_then(|e| e.get_attribute("data-testid"))
        .unwrap_or_default();
    assert_eq!(
        (shown.as_str(), hash().as_str()),
        ("step-3", "#/step/3"),
        "reloading #/step/3 with steps 1-2 answered in the stored draft should stay on step 3"
    );
}

#[wasm_bindgen_test]
async fn none_of_these_and_the_other_boxes_exclude_each_other() {
    let root = start().await;
    reach_step(&root, "female", 4).await;
    wait_el(&root, "[data-testid=step-4]").await;

    tick_box(&root, "scalp_signs", "redness_scaling", true).await;
    tick_box(&root, "scalp_signs", "sunburn", true).await;
    assert!(!input(&check_box(&root, "scalp_signs", "none").unwrap()).checked());

    // Ticking "None of these" unticks the others.
    tick_box(&root, "scalp_signs", "none", true).await;
    assert!(!is_ticked(&root, "scalp_signs", "redness_scaling"));
    assert!(!is_ticked(&root, "scalp_signs", "sunburn"));
    assert!(!input(&check_box(&root, "scalp_signs", "redness_scaling").unwrap()).checked());
    assert!(!input(&check_box(&root, "scalp_signs", "sunburn").unwrap()).checked());
    wait_until("draft: scalp signs none", || {
        stored_draft().is_some_and(|d| d.scalp_signs == Multi::NoneOfThese)
    })
    .await;

    // Ticking an option unticks "None of these".
    tick_box(&root, "scalp_signs", "sunburn", true).await;
    wait_until("'None of these' unticked", || {
        let b = check_box(&root, "scalp_signs", "none").unwrap();
        !input(&b).checked() && !label_checked(&b, "check-group-option--checked")
    })
    .await;
    assert!(is_ticked(&root, "scalp_signs", "sunburn"));
    assert!(!is_ticked(&root, "scalp_signs", "redness_scaling"));
    wait_until("draft: sunburn only", || {
        stored_draft().is_some_and(|d| matches!(&d.scalp_signs, Multi::Some(s) if s.len() == 1))
    })
    .await;

    // The other question on the step is independent.
    tick_box(&root, "symptoms", "none", true).await;
    assert!(
        is_ticked(&root, "scalp_signs", "sunburn"),
        "another question's 'None of these' leaves this one alone"
    );

    // Unticking "None of these" leaves the question unanswered again.
    tick_box(&root, "symptoms", "none", false).await;
    next(&root);
    let err = wait_el(&root, "#q-symptoms-error").await;
    assert_eq!(text(&err), catalog().t("validation.missing"));
    assert!(q(&root, "#q-scalp_signs-error").is_none());
    wait_until("focus on the first symptoms box", || {
        active_id() == "q-symptoms"
    })
    .await;
    settle().await;
    assert_eq!(hash(), "#/step/4");
}

// ------------------------------------------------------------------------------------------
// (d) A complete pass
// ------------------------------------------------------------------------------------------

#[wasm_bindgen_test]
async fn a_complete_pass_through_the_six_steps_reaches_the_result() {
    let root = start().await;
    for (n, title) in (1..=6).map(|n| (n, catalog().t(&format!("step.{n}.title")))) {
        let step = wait_el(&root, &format!("[data-testid=step-{n}]")).await;
        let h1 = q(&step, "h1").expect("a step heading");
        assert_eq!(text(&h1), title, "step {n} heading");
        match n {
            1 => step1(&root, "35", "male").await,
            2 => step2(&root, "hairline_or_crown").await,
            3 => step3(&root).await,
            4 => step4(&root).await,
            5 => step5(&root).await,
            _ => {
                step6_answers(&root).await;
                let see = q(&root, "[data-testid=next]").unwrap();
                assert_eq!(text(&see), catalog().t("nav.see_result"));
                next_to(&root, 7).await;
            }
        }
    }
    let page = wait_el(&root, "[data-testid=result-page]").await;
    let verdict = q(&page, "[data-testid=verdict]").expect("a verdict");
    assert!(!text(&verdict).is_empty(), "the verdict has words");
    // BASE of the rules table: a 35-year-old man, Norwood 3, 3–12 months, nothing else.
    assert_eq!(
        verdict.get_attribute("data-verdict").as_deref(),
        Some("suitable")
    );

    let d = stored_draft().expect("the draft is stored");
    let answers = d.to_answers(today()).expect("the stored draft is complete");
    assert_eq!(answers.age, 35);
    assert_eq!(
        answers.stage,
        Some(Stage {
            scale: Scale::Norwood,
            grade: 3
        })
    );
    assert!(!answers.menopause);
}

/// One tap answers "None of these" to every list of a step not answered yet; a list
/// already answered keeps its ticks, and the button goes once nothing is left.
#[wasm_bindgen_test]
async fn one_tap_answers_none_to_the_unanswered_lists_of_a_step() {
    setup("#/step/1").await;
    let root = mount_app();
    wait_el(&root, "[data-testid=step-1]").await;
    reach_step(&root, "male", 4).await;
    let button = wait_el(&root, "[data-testid=none-all]").await;
    assert_eq!(text(&button), catalog().t("step.none_all"));
    tick_box(&root, "symptoms", "fatigue_weight_change", true).await;
    // Only one list left unanswered: the button is gone (a single list has its own box).
    wait_gone(&root, "[data-testid=none-all]").await;
    tick_box(&root, "symptoms", "fatigue_weight_change", false).await;
    let button = wait_el(&root, "[data-testid=none-all]").await;
    click(&button);
    wait_gone(&root, "[data-testid=none-all]").await;
    let draft = stored_draft().expect("the draft is kept");
    assert_eq!(
        draft.scalp_signs,
        meso_advisor::state::questionnaire::Multi::NoneOfThese
    );
    assert_eq!(
        draft.symptoms,
        meso_advisor::state::questionnaire::Multi::NoneOfThese
    );
    next_to(&root, 5).await;
}

/// A start date the core refuses (more than 10 years ahead) is shown on step 6, and the
/// result page sends the visitor back there with the problem shown and focused.
#[wasm_bindgen_test]
async fn a_start_date_too_far_ahead_is_refused_and_the_result_sends_back_to_it() {
    setup("#/step/1").await;
    let root = mount_app();
    wait_el(&root, "[data-testid=step-1]").await;
    reach_step(&root, "male", 6).await;
    step6_answers(&root).await;
    let input = wait_el(&root, "#q-start_date").await;
    type_into(&input, "2099-01-01");
    settle().await;
    next(&root);
    let err = wait_el(&root, "#q-start_date-error").await;
    assert_eq!(text(&err), catalog().t("validation.date_too_far"));
    assert_eq!(hash(), "#/step/6");
    // Straight to the result (a bookmark, a typed address): sent back, problem shown.
    set_hash("#/step/5").await;
    wait_el(&root, "[data-testid=step-5]").await;
    set_hash("#/result").await;
    wait_until("back on step 6", || hash() == "#/step/6").await;
    let err = wait_el(&root, "#q-start_date-error").await;
    assert_eq!(text(&err), catalog().t("validation.date_too_far"));
    for _ in 0..300 {
        if active_id() == "q-start_date" {
            break;
        }
        tick().await;
    }
    assert_eq!(active_id(), "q-start_date", "focus on the date");
    assert!(q(&root, "[data-testid=result-page]").is_none());
}
