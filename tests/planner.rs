//! Spec §6 (the plan) with exact dates, and the clinic overrides and policies of §4.2–4.3 and
//! §8 as they change the verdict and the plan. `today` is 2026-11-24, a Tuesday, unless a test
//! says otherwise; the default clinic is closed on Sundays.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::*;
use serde_json::{json, Value};

fn protocol(p: Value) -> Value {
    json!({ "protocol": p })
}

fn closed(days: &[&str]) -> Value {
    json!({ "closed_weekdays": days })
}

fn session_numbers(o: &Value) -> Vec<u64> {
    plan(o)["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["number"].as_u64().unwrap())
        .collect()
}

// ------------------------------------------------------------------ the base plan

#[test]
fn base_plan_exactly() {
    let o = run(&base());
    let p = plan(&o);
    assert_eq!(p["kind"], "injections");
    assert_eq!(p["status"], "proposed");
    // Norwood 3 is not mild, no shedding → 3 weeks
    assert_eq!(p["interval_weeks"], 3);
    // first = today + 7 days = 2026-12-01 (Tue); 4 sessions (no points), every 21 days:
    // 12-01, 12-22, 2027-01-12, 2027-02-02 (all Tuesdays, open)
    assert_eq!(
        sessions(&o),
        vec!["2026-12-01", "2026-12-22", "2027-01-12", "2027-02-02"]
    );
    assert_eq!(session_numbers(&o), vec![1, 2, 3, 4]);
    // review = 2026-12-01 + 12 weeks (84 days) = 2027-02-23 (Tue)
    assert_eq!(review(&o), "2027-02-23");
    // genetic driver (hairline pattern) → every 3 months from the last session 2027-02-02:
    // 05-02 is a Sunday → 05-03 (Mon); 08-02 (Mon); 11-02 (Tue); 2028-02-02 (Wed, exactly
    // 12 months: included)
    assert_eq!(p["booster_every_months"], 3);
    assert_eq!(
        boosters(&o),
        vec!["2027-05-03", "2027-08-02", "2027-11-02", "2028-02-02"]
    );
    assert_eq!(p["home_care_per_week"], 3);
    assert!(p["estimated_cost"].is_null());
    assert_eq!(p["ingredients"].as_array().unwrap().len(), 4);
}

// ------------------------------------------------------------------ session count

fn count(o: &Value) -> usize {
    sessions(o).len()
}

#[test]
fn session_count_is_four_plus_capped_points() {
    let f = female();
    let cases: Vec<(Vec<(&str, Value)>, usize)> = vec![
        // duration 3–12 months (0) + Norwood 3 (0) → 4
        (vec![], 4),
        // under 3 months (0) + Norwood 2 (0) → 4
        (
            vec![("duration", json!("under_3_months")), ("stage", norwood(2))],
            4,
        ),
        // 1–5 years (+1) + Norwood 3 (0) → 5
        (vec![("duration", json!("1_to_5_years"))], 5),
        // over 5 years (+2) + Norwood 3 (0) → 6 (consult: CO-LONG-DURATION)
        (vec![("duration", json!("over_5_years"))], 6),
        // 3–12 months + Norwood 4 (+1) → 5
        (vec![("stage", norwood(4))], 5),
        // 3–12 months + Norwood 5 (+2) → 6 (consult: CO-STAGE-MODERATE)
        (vec![("stage", norwood(5))], 6),
        // 1–5 years (+1) + Norwood 4 (+1) → 6
        (
            vec![("duration", json!("1_to_5_years")), ("stage", norwood(4))],
            6,
        ),
        // over 5 years (+2) + Norwood 5 (+2) → 4 + min(2, 4) = 6
        (
            vec![("duration", json!("over_5_years")), ("stage", norwood(5))],
            6,
        ),
        // Ludwig 1 (0) → 4; Ludwig 2 (+1) → 5; Ludwig 3 (+2) → 6
        (ov(&[&f, &[("stage", ludwig(1))]]), 4),
        (ov(&[&f, &[("stage", ludwig(2))]]), 5),
        (ov(&[&f, &[("stage", ludwig(3))]]), 6),
        // no stage (0), 1–5 years (+1) → 5
        (ov(&[&diffuse(), &[("duration", json!("1_to_5_years"))]]), 5),
    ];
    for (c, n) in cases {
        let o = run(&set(base(), &c));
        assert_eq!(count(&o), n, "{c:?}");
        assert_eq!(session_numbers(&o), (1..=n as u64).collect::<Vec<_>>());
    }
}

#[test]
fn session_count_is_clamped_by_the_clinic() {
    // base (4) with min 5 → 5
    let o = run_clinic(
        &base(),
        &protocol(json!({ "min_sessions": 5, "max_sessions": 5 })),
    );
    assert_eq!(count(&o), 5);
    // base (4) with [8, 10] → 8
    let o = run_clinic(
        &base(),
        &protocol(json!({ "min_sessions": 8, "max_sessions": 10 })),
    );
    assert_eq!(count(&o), 8);
    // 6 (over 5 years, Norwood 5) with max 3 → 3
    let a = with(&[("duration", json!("over_5_years")), ("stage", norwood(5))]);
    let o = run_clinic(
        &a,
        &protocol(json!({ "min_sessions": 1, "max_sessions": 3 })),
    );
    assert_eq!(count(&o), 3);
    // 6 with max 12 → still 6 (4 + min(2, points))
    let o = run_clinic(&a, &protocol(json!({ "max_sessions": 12 })));
    assert_eq!(count(&o), 6);
    // 5 with max 5 → 5; with the default range [4, 6] → 5
    let a5 = with(&[("stage", norwood(4))]);
    let o = run_clinic(&a5, &protocol(json!({ "max_sessions": 5 })));
    assert_eq!(count(&o), 5);
    // 1 session only: [1, 1]
    let o = run_clinic(
        &a,
        &protocol(json!({ "min_sessions": 1, "max_sessions": 1 })),
    );
    assert_eq!(sessions(&o), vec!["2026-12-01"]);
    // with 1 session the boosters start from it: 2026-12-01 + 3 months = 2027-03-01 (Mon),
    // 06-01 (Tue), 09-01 (Wed), 12-01 (Wed)
    assert_eq!(
        boosters(&o),
        vec!["2027-03-01", "2027-06-01", "2027-09-01", "2027-12-01"]
    );
}

// ------------------------------------------------------------------ interval

fn interval(o: &Value) -> u64 {
    plan(o)["interval_weeks"].as_u64().expect("interval_weeks")
}

#[test]
fn interval_rules() {
    let f = female();
    let cases: Vec<(Vec<(&str, Value)>, u64)> = vec![
        // Norwood 3 is not mild → 3
        (vec![], 3),
        // shedding → 2, even when mild and recent
        (vec![("shedding_increased", json!(true))], 2),
        (
            vec![
                ("shedding_increased", json!(true)),
                ("stage", norwood(1)),
                ("duration", json!("under_3_months")),
            ],
            2,
        ),
        (
            vec![
                ("shedding_increased", json!(true)),
                ("duration", json!("over_5_years")),
            ],
            2,
        ),
        // mild (Norwood 1–2, Ludwig 1, no stage) and under 3 months / 3–12 months → 4
        (vec![("stage", norwood(1))], 4),
        (
            vec![("stage", norwood(2)), ("duration", json!("under_3_months"))],
            4,
        ),
        (ov(&[&f, &[("stage", ludwig(1))]]), 4),
        (diffuse(), 4),
        (vec![("stage", Value::Null)], 4),
        // mild but 1–5 years / over 5 years → 3
        (
            vec![("stage", norwood(2)), ("duration", json!("1_to_5_years"))],
            3,
        ),
        (ov(&[&diffuse(), &[("duration", json!("over_5_years"))]]), 3),
        // not mild → 3
        (
            vec![("stage", norwood(4)), ("duration", json!("under_3_months"))],
            3,
        ),
        (ov(&[&f, &[("stage", ludwig(2))]]), 3),
        (ov(&[&f, &[("stage", ludwig(3))]]), 3),
        (vec![("stage", norwood(5))], 3),
    ];
    for (c, w) in cases {
        let o = run(&set(base(), &c));
        assert_eq!(interval(&o), w, "{c:?}");
    }
}

#[test]
fn interval_is_clamped_by_the_clinic() {
    // shedding (2) with [3, 6] → 3
    let a = with(&[("shedding_increased", json!(true))]);
    let o = run_clinic(
        &a,
        &protocol(json!({ "min_interval_weeks": 3, "max_interval_weeks": 6 })),
    );
    assert_eq!(interval(&o), 3);
    // mild + recent (4) with [1, 2] → 2
    let a = with(&[("stage", norwood(1))]);
    let o = run_clinic(
        &a,
        &protocol(json!({ "min_interval_weeks": 1, "max_interval_weeks": 2 })),
    );
    assert_eq!(interval(&o), 2);
    // 3 with [5, 8] → 5; dates every 35 days from 2026-12-01:
    // 12-01, 2027-01-05, 02-09, 03-16 (all Tuesdays)
    let o = run_clinic(
        &base(),
        &protocol(json!({ "min_interval_weeks": 5, "max_interval_weeks": 8 })),
    );
    assert_eq!(interval(&o), 5);
    assert_eq!(
        sessions(&o),
        vec!["2026-12-01", "2027-01-05", "2027-02-09", "2027-03-16"]
    );
    // 3 with [1, 1] → 1: 12-01, 12-08, 12-15, 12-22
    let o = run_clinic(
        &base(),
        &protocol(json!({ "min_interval_weeks": 1, "max_interval_weeks": 1 })),
    );
    assert_eq!(interval(&o), 1);
    assert_eq!(
        sessions(&o),
        vec!["2026-12-01", "2026-12-08", "2026-12-15", "2026-12-22"]
    );
}

#[test]
fn dates_follow_the_interval() {
    // shedding: every 14 days from 2026-12-01: 12-01, 12-15, 12-29, 2027-01-12
    let o = run(&with(&[("shedding_increased", json!(true))]));
    assert_eq!(
        sessions(&o),
        vec!["2026-12-01", "2026-12-15", "2026-12-29", "2027-01-12"]
    );
    // boosters from 2027-01-12, every 3 months: 04-12 (Mon), 07-12 (Mon), 10-12 (Tue),
    // 2028-01-12 (Wed)
    assert_eq!(
        boosters(&o),
        vec!["2027-04-12", "2027-07-12", "2027-10-12", "2028-01-12"]
    );
    // mild (Norwood 2): every 28 days: 12-01, 12-29, 2027-01-26, 02-23
    let o = run(&with(&[("stage", norwood(2))]));
    assert_eq!(
        sessions(&o),
        vec!["2026-12-01", "2026-12-29", "2027-01-26", "2027-02-23"]
    );
    // review 2026-12-01 + 84 days = 2027-02-23
    assert_eq!(review(&o), "2027-02-23");
    // 6 sessions (over 5 years), 3 weeks: … 2027-02-23, 2027-03-16
    let o = run(&with(&[("duration", json!("over_5_years"))]));
    assert_eq!(
        sessions(&o),
        vec![
            "2026-12-01",
            "2026-12-22",
            "2027-01-12",
            "2027-02-02",
            "2027-02-23",
            "2027-03-16"
        ]
    );
    // boosters from 2027-03-16 every 3 months: 06-16 (Wed), 09-16 (Thu), 12-16 (Thu),
    // 2028-03-16 (Thu)
    assert_eq!(
        boosters(&o),
        vec!["2027-06-16", "2027-09-16", "2027-12-16", "2028-03-16"]
    );
}

// ------------------------------------------------------------------ first session

#[test]
fn first_session_is_the_start_date() {
    // start Thu 2026-12-03: 12-03, 12-24, 2027-01-14, 02-04 (Thursdays)
    let o = run(&with(&[("start_date", json!("2026-12-03"))]));
    assert_eq!(
        sessions(&o),
        vec!["2026-12-03", "2026-12-24", "2027-01-14", "2027-02-04"]
    );
    // review 2026-12-03 + 84 = 2027-02-25 (Thu)
    assert_eq!(review(&o), "2027-02-25");
    // boosters from 2027-02-04: 05-04 (Tue), 08-04 (Wed), 11-04 (Thu), 2028-02-04 (Fri)
    assert_eq!(
        boosters(&o),
        vec!["2027-05-04", "2027-08-04", "2027-11-04", "2028-02-04"]
    );
    // start today is allowed and used as is
    let o = run(&with(&[("start_date", json!(TODAY))]));
    assert_eq!(sessions(&o)[0], TODAY);
    // start_date null → today + 7
    let o = run(&with(&[("start_date", Value::Null)]));
    assert_eq!(sessions(&o)[0], "2026-12-01");
}

#[test]
fn first_session_after_days_is_a_clinic_setting() {
    // 0 days → today (Tue 2026-11-24)
    let o = run_clinic(&base(), &protocol(json!({ "first_session_after_days": 0 })));
    assert_eq!(sessions(&o)[0], "2026-11-24");
    // 14 days → 2026-12-08 (Tue)
    let o = run_clinic(
        &base(),
        &protocol(json!({ "first_session_after_days": 14 })),
    );
    assert_eq!(sessions(&o)[0], "2026-12-08");
    // a start date wins over the setting
    let o = run_clinic(
        &with(&[("start_date", json!("2026-12-03"))]),
        &protocol(json!({ "first_session_after_days": 14 })),
    );
    assert_eq!(sessions(&o)[0], "2026-12-03");
}

// ------------------------------------------------------------------ closed days

#[test]
fn sessions_on_a_closed_day_move_to_the_next_open_day() {
    // first_session_after_days 5 → 2026-11-29, a Sunday (closed by default) → Mon 11-30.
    // Nominal dates 11-29, 12-20, 2027-01-10, 01-31 are all Sundays → each moves to Monday:
    // 11-30, 12-21, 2027-01-11, 02-01.
    let o = run_clinic(&base(), &protocol(json!({ "first_session_after_days": 5 })));
    assert_eq!(
        sessions(&o),
        vec!["2026-11-30", "2026-12-21", "2027-01-11", "2027-02-01"]
    );
    // review = 2026-11-29 + 84 = 2027-02-21 (Sun) → 02-22 (Mon)
    assert_eq!(review(&o), "2027-02-22");
    // boosters from the last (moved) session 2027-02-01 (Mon): 05-01 (Sat, open),
    // 08-01 (Sun) → 08-02, 11-01 (Mon), 2028-02-01 (Tue)
    assert_eq!(
        boosters(&o),
        vec!["2027-05-01", "2027-08-02", "2027-11-01", "2028-02-01"]
    );
}

#[test]
fn closed_weekend_start_on_a_saturday() {
    // Closed sat+sun; start Sat 2026-12-05; 3 weeks.
    // Nominal: 12-05, 12-26, 2027-01-16, 02-06 (all Saturdays) → each to Monday:
    // 12-07, 12-28, 2027-01-18, 02-08 — each from its own nominal date (no accumulation).
    let a = with(&[("start_date", json!("2026-12-05"))]);
    let c = closed(&["sat", "sun"]);
    let o = run_clinic(&a, &c);
    assert_eq!(
        sessions(&o),
        vec!["2026-12-07", "2026-12-28", "2027-01-18", "2027-02-08"]
    );
    // review: 2026-12-05 + 84 days = 2027-02-27 (Sat) → 2027-03-01 (Mon)
    assert_eq!(review(&o), "2027-03-01");
    // boosters from the moved last session 2027-02-08 (not the nominal 02-06):
    // 05-08 (Sat) → 05-10; 08-08 (Sun) → 08-09; 11-08 (Mon); 2028-02-08 (Tue)
    assert_eq!(
        boosters(&o),
        vec!["2027-05-10", "2027-08-09", "2027-11-08", "2028-02-08"]
    );
}

#[test]
fn closed_midweek_days() {
    // Closed mon, tue, wed; start Mon 2026-11-30 → Thu 12-03; nominal every 4 weeks
    // (Norwood 2, mild): 11-30, 12-28, 2027-01-25, 02-22 (Mondays) → Thursdays
    // 12-03, 12-31, 2027-01-28, 02-25.
    let a = with(&[("start_date", json!("2026-11-30")), ("stage", norwood(2))]);
    let o = run_clinic(&a, &closed(&["mon", "tue", "wed"]));
    assert_eq!(
        sessions(&o),
        vec!["2026-12-03", "2026-12-31", "2027-01-28", "2027-02-25"]
    );
    // review: 11-30 + 84 = 2027-02-22 (Mon) → Thu 02-25
    assert_eq!(review(&o), "2027-02-25");
    // boosters from 2027-02-25 (Thu) every 3 months: 05-25 (Tue) → 05-27 (Thu);
    // 08-25 (Wed) → 08-26 (Thu); 11-25 (Thu); 2028-02-25 (Fri)
    assert_eq!(
        boosters(&o),
        vec!["2027-05-27", "2027-08-26", "2027-11-25", "2028-02-25"]
    );
}

#[test]
fn no_closed_day_means_no_move() {
    // closed_weekdays [] and first session on a Sunday: 2026-11-29 + 21-day steps
    let a = with(&[("start_date", json!("2026-11-29"))]);
    let o = run_clinic(&a, &closed(&[]));
    assert_eq!(
        sessions(&o),
        vec!["2026-11-29", "2026-12-20", "2027-01-10", "2027-01-31"]
    );
    // review 2026-11-29 + 84 = 2027-02-21 (Sun, open here)
    assert_eq!(review(&o), "2027-02-21");
}

// ------------------------------------------------------------------ boosters

#[test]
fn boosters_every_three_months_from_january_31() {
    // Start 2027-11-29 (Mon) → last session = +63 days = 2028-01-31 (Mon).
    // m = 3: 01-31 + 3 months = 04-31 → 04-30 (Sun, closed) → 05-01 (Mon);
    // + 6 = 07-31 (Mon); + 9 = 10-31 (Tue); + 12 = 2029-01-31 (Wed, included).
    let a = with(&[("start_date", json!("2027-11-29"))]);
    let o = run(&a);
    assert_eq!(sessions(&o).last().unwrap(), "2028-01-31");
    assert_eq!(
        boosters(&o),
        vec!["2028-05-01", "2028-07-31", "2028-10-31", "2029-01-31"]
    );
    // all days open: 04-30 stays
    let o = run_clinic(&a, &closed(&[]));
    assert_eq!(
        boosters(&o),
        vec!["2028-04-30", "2028-07-31", "2028-10-31", "2029-01-31"]
    );
}

#[test]
fn monthly_boosters_clamp_to_the_month_end_in_a_leap_year() {
    // last session 2028-01-31 (see above); m = 1 via booster_months_genetic.
    // Each booster is last + k months (not the previous booster + 1 month), clamped:
    // 02-29 (leap), 03-31, 04-30, 05-31, 06-30, 07-31, 08-31, 09-30, 10-31, 11-30, 12-31,
    // 2029-01-31 (k = 12: exactly 12 months, included). All days open.
    let a = with(&[("start_date", json!("2027-11-29"))]);
    let c = json!({ "closed_weekdays": [], "protocol": { "booster_months_genetic": 1 } });
    let o = run_clinic(&a, &c);
    assert_eq!(plan(&o)["booster_every_months"], 1);
    assert_eq!(
        boosters(&o),
        vec![
            "2028-02-29",
            "2028-03-31",
            "2028-04-30",
            "2028-05-31",
            "2028-06-30",
            "2028-07-31",
            "2028-08-31",
            "2028-09-30",
            "2028-10-31",
            "2028-11-30",
            "2028-12-31",
            "2029-01-31"
        ]
    );
    // closed on Sundays: 04-30 (Sun) → 05-01; 12-31 (Sun) → 2029-01-01
    let c = json!({ "protocol": { "booster_months_genetic": 1 } });
    let o = run_clinic(&a, &c);
    assert_eq!(
        boosters(&o),
        vec![
            "2028-02-29",
            "2028-03-31",
            "2028-05-01",
            "2028-05-31",
            "2028-06-30",
            "2028-07-31",
            "2028-08-31",
            "2028-09-30",
            "2028-10-31",
            "2028-11-30",
            "2029-01-01",
            "2029-01-31"
        ]
    );
}

#[test]
fn monthly_boosters_clamp_to_february_28_in_a_common_year() {
    // start Sun 2026-11-29, all days open → last session 2027-01-31 (+63 days).
    // m = 1: 2027-02-28, 03-31, 04-30, …, 12-31, 2028-01-31.
    let a = with(&[("start_date", json!("2026-11-29"))]);
    let c = json!({ "closed_weekdays": [], "protocol": { "booster_months_genetic": 1 } });
    let o = run_clinic(&a, &c);
    assert_eq!(sessions(&o).last().unwrap(), "2027-01-31");
    let b = boosters(&o);
    assert_eq!(b.len(), 12, "{b:?}");
    assert_eq!(b[0], "2027-02-28");
    assert_eq!(b[1], "2027-03-31");
    assert_eq!(b[2], "2027-04-30");
    assert_eq!(b[11], "2028-01-31");
}

#[test]
fn twelve_month_booster_from_february_29() {
    // start 2027-12-28 (Tue), all open → last session 2028-02-29 (+63 days).
    // m = 3: 05-29, 08-29, 11-29, and k = 4: 2029-02-29 → 2029-02-28, which is exactly
    // 12 months after (2028-02-29 + 12 months = 2029-02-28): included.
    let a = with(&[("start_date", json!("2027-12-28"))]);
    let o = run_clinic(&a, &closed(&[]));
    assert_eq!(sessions(&o).last().unwrap(), "2028-02-29");
    assert_eq!(
        boosters(&o),
        vec!["2028-05-29", "2028-08-29", "2028-11-29", "2029-02-28"]
    );
}

#[test]
fn a_twelve_month_booster_on_a_closed_day_is_kept_and_moved() {
    // start Sat 2026-12-05, default clinic (closed Sun): sessions 12-05, 12-26, 2027-01-16,
    // 02-06 (Saturdays, open). Boosters from 2027-02-06: 05-06 (Thu), 08-06 (Fri),
    // 11-06 (Sat), 2028-02-06 (Sun: nominal exactly 12 months → listed, moved to Mon 02-07).
    let o = run(&with(&[("start_date", json!("2026-12-05"))]));
    assert_eq!(
        sessions(&o),
        vec!["2026-12-05", "2026-12-26", "2027-01-16", "2027-02-06"]
    );
    assert_eq!(
        boosters(&o),
        vec!["2027-05-06", "2027-08-06", "2027-11-06", "2028-02-07"]
    );
    // review 2026-12-05 + 84 = 2027-02-27 (Sat, open)
    assert_eq!(review(&o), "2027-02-27");
}

#[test]
fn boosters_every_six_months_without_the_genetic_driver() {
    // diffuse shedding, no stage, family history no: no genetic driver → m = 6.
    // Interval: mild (no stage) and 3–12 months → 4 weeks: 12-01, 12-29, 2027-01-26, 02-23.
    // Boosters from 2027-02-23: 08-23 (Mon), 2028-02-23 (Wed, exactly 12 months).
    let o = run(&set(base(), &diffuse()));
    assert!(drivers(&o).is_empty());
    assert_eq!(plan(&o)["booster_every_months"], 6);
    assert_eq!(
        sessions(&o),
        vec!["2026-12-01", "2026-12-29", "2027-01-26", "2027-02-23"]
    );
    assert_eq!(boosters(&o), vec!["2027-08-23", "2028-02-23"]);
    // a family history alone makes it genetic → 3 months
    let o = run(&set(
        base(),
        &ov(&[&diffuse(), &[("family_history", json!("yes"))]]),
    ));
    assert_eq!(plan(&o)["booster_every_months"], 3);
    assert_eq!(
        boosters(&o),
        vec!["2027-05-24", "2027-08-23", "2027-11-23", "2028-02-23"]
    );
    // other drivers do not make it genetic → still 6
    let o = run(&set(
        base(),
        &ov(&[
            &diffuse(),
            &[("lifestyle", json!(["smoking", "restrictive_diet"]))],
        ]),
    ));
    assert_eq!(plan(&o)["booster_every_months"], 6);
}

#[test]
fn booster_window_is_twelve_months() {
    let a = base(); // last session 2027-02-02 (Tue)
                    // m = 5: 07-02 (Fri), 12-02 (Thu); 15 months is out → 2 boosters
    let o = run_clinic(&a, &protocol(json!({ "booster_months_genetic": 5 })));
    assert_eq!(boosters(&o), vec!["2027-07-02", "2027-12-02"]);
    // m = 7: 09-02 (Thu) only
    let o = run_clinic(&a, &protocol(json!({ "booster_months_genetic": 7 })));
    assert_eq!(boosters(&o), vec!["2027-09-02"]);
    // m = 12: 2028-02-02 (exactly 12 months) only
    let o = run_clinic(&a, &protocol(json!({ "booster_months_genetic": 12 })));
    assert_eq!(boosters(&o), vec!["2028-02-02"]);
    // m = 13: none, but the plan still says every 13 months
    let o = run_clinic(&a, &protocol(json!({ "booster_months_genetic": 13 })));
    assert_eq!(boosters(&o), Vec::<String>::new());
    assert_eq!(plan(&o)["booster_every_months"], 13);
    // booster_months_other does not apply to a genetic case
    let o = run_clinic(&a, &protocol(json!({ "booster_months_other": 1 })));
    assert_eq!(plan(&o)["booster_every_months"], 3);
    // … and applies to a non-genetic one: m = 4 from 2027-02-23 → 06-23 (Wed),
    // 10-23 (Sat), 2028-02-23 (Wed)
    let o = run_clinic(
        &set(base(), &diffuse()),
        &protocol(json!({ "booster_months_other": 4 })),
    );
    assert_eq!(plan(&o)["booster_every_months"], 4);
    assert_eq!(boosters(&o), vec!["2027-06-23", "2027-10-23", "2028-02-23"]);
}

// ------------------------------------------------------------------ review

#[test]
fn review_after_weeks_is_a_clinic_setting_and_moves_off_closed_days() {
    // 8 weeks: 2026-12-01 + 56 = 2027-01-26 (Tue)
    let o = run_clinic(&base(), &protocol(json!({ "review_after_weeks": 8 })));
    assert_eq!(review(&o), "2027-01-26");
    // closed on Tuesdays: first 2026-12-01 (Tue) → 12-02 (Wed); review 2026-12-01 + 84 =
    // 2027-02-23 (Tue) → 02-24 (Wed)
    let o = run_clinic(&base(), &closed(&["tue"]));
    assert_eq!(sessions(&o)[0], "2026-12-02");
    assert_eq!(review(&o), "2027-02-24");
}

// ------------------------------------------------------------------ home care only

#[test]
fn needle_free_only_gives_a_home_care_plan() {
    // start Sat 2026-12-05; review counted from the start: + 84 days = 2027-02-27 (Sat)
    let a = with(&[
        ("injections", json!("needle_free_only")),
        ("start_date", json!("2026-12-05")),
    ]);
    let o = run(&a);
    assert_eq!(verdict(&o), "suitable");
    let p = plan(&o);
    assert_eq!(p["kind"], "home_care_only");
    assert_eq!(p["status"], "proposed");
    assert!(p["interval_weeks"].is_null(), "{}", p["interval_weeks"]);
    assert!(
        p["booster_every_months"].is_null(),
        "{}",
        p["booster_every_months"]
    );
    assert_eq!(p["sessions"], json!([]));
    assert_eq!(p["boosters"], json!([]));
    assert_eq!(review(&o), "2027-02-27");
    assert_eq!(p["home_care_per_week"], 3);
    // closed on Saturdays: → Mon 2027-03-01
    let o = run_clinic(&a, &closed(&["sat", "sun"]));
    assert_eq!(review(&o), "2027-03-01");
    // clinic home care frequency
    let o = run_clinic(&a, &protocol(json!({ "home_care_per_week": 5 })));
    assert_eq!(plan(&o)["home_care_per_week"], 5);
    // a consult case keeps a (provisional) home care plan
    let o = run(&set(a.clone(), &[("conditions", json!(["heart_disease"]))]));
    assert_eq!(verdict(&o), "consult");
    assert_eq!(plan(&o)["kind"], "home_care_only");
}

#[test]
fn home_care_review_without_a_start_date() {
    // No start_date: the start is today + first_session_after_days = 2026-12-01;
    // review = 2026-12-01 + 84 = 2027-02-23 (Tue).
    let o = run(&with(&[("injections", json!("needle_free_only"))]));
    assert_eq!(plan(&o)["kind"], "home_care_only");
    assert_eq!(review(&o), "2027-02-23");
}

#[test]
fn injections_unsure_and_accepted_give_injection_plans() {
    for inj in ["accepted", "unsure"] {
        let o = run(&with(&[("injections", json!(inj))]));
        assert_eq!(plan(&o)["kind"], "injections", "{inj}");
        assert_eq!(count(&o), 4);
    }
}

#[test]
fn home_care_per_week_follows_the_clinic() {
    let o = run_clinic(&base(), &protocol(json!({ "home_care_per_week": 2 })));
    assert_eq!(plan(&o)["home_care_per_week"], 2);
}

// ------------------------------------------------------------------ cost

fn cost(o: &Value) -> &Value {
    &plan(o)["estimated_cost"]
}

fn num(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}

#[test]
fn cost_is_null_without_prices() {
    assert!(cost(&run(&base())).is_null());
    assert!(cost(&run_clinic(&base(), &json!({}))).is_null());
}

#[test]
fn cost_is_sessions_plus_listed_boosters() {
    let prices = json!({ "prices": { "currency": "EUR", "session": 150, "booster": 120 } });
    // base: 4 sessions × 150 + 4 boosters × 120 = 600 + 480 = 1080
    let o = run_clinic(&base(), &prices);
    let c = cost(&o);
    assert_eq!(c["currency"], "EUR");
    assert_eq!(c["session_count"], 4);
    assert_eq!(num(&c["session_price"]), 150.0);
    assert_eq!(c["booster_count"], 4);
    assert_eq!(num(&c["booster_price"]), 120.0);
    assert_eq!(num(&c["total"]), 1080.0);
    // non-genetic: 4 × 150 + 2 × 120 = 840
    let o = run_clinic(&set(base(), &diffuse()), &prices);
    assert_eq!(cost(&o)["booster_count"], 2);
    assert_eq!(num(&cost(&o)["total"]), 840.0);
    // 6 sessions (over 5 years): 6 × 150 + 4 × 120 = 1380
    let o = run_clinic(&with(&[("duration", json!("over_5_years"))]), &prices);
    assert_eq!(cost(&o)["session_count"], 6);
    assert_eq!(num(&cost(&o)["total"]), 1380.0);
    // m = 7 → 1 booster listed: 4 × 150 + 1 × 120 = 720
    let c = json!({
        "prices": { "currency": "EUR", "session": 150, "booster": 120 },
        "protocol": { "booster_months_genetic": 7 }
    });
    let o = run_clinic(&base(), &c);
    assert_eq!(cost(&o)["booster_count"], 1);
    assert_eq!(num(&cost(&o)["total"]), 720.0);
}

#[test]
fn cost_with_decimal_prices() {
    // 4 × 99.50 + 4 × 49.99 = 398.00 + 199.96 = 597.96
    let prices = json!({ "prices": { "currency": "GBP", "session": 99.5, "booster": 49.99 } });
    let o = run_clinic(&base(), &prices);
    let c = cost(&o);
    assert_eq!(c["currency"], "GBP");
    assert!((num(&c["session_price"]) - 99.5).abs() < 1e-9);
    assert!((num(&c["booster_price"]) - 49.99).abs() < 1e-9);
    assert!((num(&c["total"]) - 597.96).abs() < 1e-9, "{}", c["total"]);
}

// ------------------------------------------------------------------ policies

/// (policy key, rule id) of every configurable rule (§4.2–4.3).
const CONFIGURABLE: &[(&str, &str)] = &[
    ("active_cancer_treatment", "CI-CANCER"),
    ("immunosuppressed", "CI-IMMUNO"),
    ("autoimmune_disease", "CI-AUTOIMMUNE"),
    ("keloid_tendency", "CI-KELOID"),
    ("bleeding_disorder", "CI-BLEEDING"),
    ("anticoagulants", "CI-ANTICOAG"),
    ("systemic_steroids", "CI-STEROIDS"),
    ("diabetes_insulin", "CI-DIABETES-INSULIN"),
    ("uncontrolled_blood_pressure", "CI-BP"),
    ("isotretinoin_last_12_months", "DF-ISOTRETINOIN"),
    ("cancer_within_12_months", "DF-CANCER-RECENT"),
];

#[test]
fn every_configurable_rule_follows_every_policy() {
    let mut failures = Vec::new();
    // (policy JSON, effect, recheck date for today 2026-11-24)
    let policies = [
        (json!({ "policy": "exclude" }), "not_suitable", None),
        (json!({ "policy": "doctor_letter" }), "consult", None),
        // + 3 months = 2027-02-24
        (
            json!({ "policy": "defer", "recheck_after_months": 3 }),
            "defer",
            Some("2027-02-24"),
        ),
        // + 1 month = 2026-12-24
        (
            json!({ "policy": "defer", "recheck_after_months": 1 }),
            "defer",
            Some("2026-12-24"),
        ),
        // + 24 months = 2028-11-24
        (
            json!({ "policy": "defer", "recheck_after_months": 24 }),
            "defer",
            Some("2028-11-24"),
        ),
    ];
    for (key, rule) in CONFIGURABLE {
        for (policy, effect, recheck) in &policies {
            let clinic = json!({ "policies": { *key: policy.clone() } });
            let o = run_clinic(&with(&[("conditions", json!([key]))]), &clinic);
            let ctx = format!("{key} with {policy}");
            let Some(f) = finding(&o, rule) else {
                failures.push(format!("{ctx}: {rule} did not fire: {:?}", rules(&o)));
                continue;
            };
            if f["effect"] != *effect {
                failures.push(format!(
                    "{ctx}: {rule} effect {effect} expected, got {}",
                    f["effect"]
                ));
            }
            // active cancer treatment is also a red flag (RF-CHEMO): the verdict stays refer
            let expected_verdict = if *key == "active_cancer_treatment" {
                "refer"
            } else {
                effect
            };
            if verdict(&o) != expected_verdict {
                failures.push(format!(
                    "{ctx}: verdict {expected_verdict} expected, got {}",
                    verdict(&o)
                ));
            }
            let plan_expected = matches!(expected_verdict, "suitable" | "consult");
            if o["plan"].is_object() != plan_expected {
                failures.push(format!("{ctx}: plan presence {plan_expected} expected"));
            }
            let expected_recheck = if expected_verdict == "defer" {
                *recheck
            } else {
                None
            };
            let got = o["recheck_on"].as_str();
            if got != expected_recheck {
                failures.push(format!(
                    "{ctx}: recheck_on {expected_recheck:?} expected, got {got:?}"
                ));
            }
            // the finding keeps its text whatever the policy
            if f["title"].as_str().unwrap_or("").trim().is_empty()
                || f["detail"].as_str().unwrap_or("").trim().is_empty()
            {
                failures.push(format!("{ctx}: empty text"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn default_policies() {
    // defaults: CI-* exclude; isotretinoin defer 6 months; cancer within 12 months defer 12
    for (key, rule) in CONFIGURABLE {
        let o = run(&with(&[("conditions", json!([key]))]));
        let f = finding(&o, rule).unwrap_or_else(|| panic!("{rule} did not fire"));
        let expected = match *rule {
            "DF-ISOTRETINOIN" | "DF-CANCER-RECENT" => "defer",
            _ => "not_suitable",
        };
        assert_eq!(f["effect"], expected, "{rule}");
    }
    // an empty policies object keeps the defaults
    let o = run_clinic(
        &with(&[("conditions", json!(["isotretinoin_last_12_months"]))]),
        &json!({ "policies": {} }),
    );
    assert_eq!(o["recheck_on"], "2027-05-24");
}

#[test]
fn doctor_letter_gives_a_provisional_plan() {
    // anticoagulants with doctor_letter → consult with the same plan as BASE
    let c = json!({ "policies": { "anticoagulants": { "policy": "doctor_letter" } } });
    let o = run_clinic(&with(&[("conditions", json!(["anticoagulants"]))]), &c);
    assert_eq!(verdict(&o), "consult");
    assert_eq!(finding(&o, "CI-ANTICOAG").unwrap()["effect"], "consult");
    assert_eq!(
        sessions(&o),
        vec!["2026-12-01", "2026-12-22", "2027-01-12", "2027-02-02"]
    );
    assert_eq!(plan(&o)["status"], "proposed");
    assert!(o["recheck_on"].is_null());
    // cancer within 12 months with doctor_letter → consult
    let c = json!({ "policies": { "cancer_within_12_months": { "policy": "doctor_letter" } } });
    let o = run_clinic(
        &with(&[("conditions", json!(["cancer_within_12_months"]))]),
        &c,
    );
    assert_eq!(verdict(&o), "consult");
    assert!(o["plan"].is_object());
}

#[test]
fn policy_defer_dates_from_today() {
    // isotretinoin defer 2 → 2026-11-24 + 2 months = 2027-01-24
    let c = json!({ "policies": { "isotretinoin_last_12_months": { "policy": "defer", "recheck_after_months": 2 } } });
    let o = run_clinic(
        &with(&[("conditions", json!(["isotretinoin_last_12_months"]))]),
        &c,
    );
    assert_eq!(o["recheck_on"], "2027-01-24");
    // keloid defer 6 on 2026-08-31 → 2027-02-28 (month end)
    let c = json!({ "policies": { "keloid_tendency": { "policy": "defer", "recheck_after_months": 6 } } });
    let o = run_full(
        &with(&[("conditions", json!(["keloid_tendency"]))]),
        Some(&c),
        d("2026-08-31"),
    );
    assert_eq!(verdict(&o), "defer");
    assert_eq!(o["recheck_on"], "2027-02-28");
    // the latest of a policy-deferred exclusion and a fixed deferral:
    // keloid defer 6 (2027-05-24) vs sunburn (+28 d = 2026-12-22) → 2027-05-24
    let o = run_clinic(
        &with(&[
            ("conditions", json!(["keloid_tendency"])),
            ("scalp_signs", json!(["sunburn"])),
        ]),
        &json!({ "policies": { "keloid_tendency": { "policy": "defer", "recheck_after_months": 6 } } }),
    );
    assert_eq!(o["recheck_on"], "2027-05-24");
    // isotretinoin excluded: not a defer finding; its date does not count, and the verdict is
    // not_suitable (recheck null)
    let c = json!({ "policies": { "isotretinoin_last_12_months": { "policy": "exclude" } } });
    let o = run_clinic(
        &with(&[
            ("conditions", json!(["isotretinoin_last_12_months"])),
            ("scalp_signs", json!(["sunburn"])),
        ]),
        &c,
    );
    assert_eq!(verdict(&o), "not_suitable");
    assert!(o["recheck_on"].is_null());
    // isotretinoin as doctor_letter + sunburn: only DF-SCALP-WOUND defers → 2026-12-22
    let c = json!({ "policies": { "isotretinoin_last_12_months": { "policy": "doctor_letter" } } });
    let o = run_clinic(
        &with(&[
            ("conditions", json!(["isotretinoin_last_12_months"])),
            ("scalp_signs", json!(["sunburn"])),
        ]),
        &c,
    );
    assert_eq!(verdict(&o), "defer");
    assert_eq!(o["recheck_on"], "2026-12-22");
}

#[test]
fn policies_do_not_touch_fixed_rules() {
    // a policy for anticoagulants does not change CI-MINOR / ST-ADVANCED / DF-PREGNANT
    let c = json!({ "policies": { "anticoagulants": { "policy": "doctor_letter" } } });
    let o = run_clinic(&with(&[("stage", norwood(6))]), &c);
    assert_eq!(
        finding(&o, "ST-ADVANCED").unwrap()["effect"],
        "not_suitable"
    );
    let o = run_clinic(&with(&[("age", json!(17))]), &c);
    assert_eq!(finding(&o, "CI-MINOR").unwrap()["effect"], "not_suitable");
}
