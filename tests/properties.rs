//! Property tests over VALID answers (spec §3's cross-field rules respected) and valid
//! clinic settings (§8): the evaluation never fails on them, the verdict is the strongest
//! effect (§4), the plan's dates obey §6, and the outcome JSON (§7) round-trips.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use chrono::{Datelike, Days, Months, NaiveDate};
use common::*;
use meso_advisor::core::{assess_text, Catalog, Outcome};
use proptest::prelude::*;
use proptest::sample::subsequence;
use serde_json::{json, Map, Value};

/// A subset of `items`, in random order, without duplicates; mostly empty or small, so
/// that plans (which need no red flag or exclusion) are generated often.
fn set_of(
    items: &'static [&'static str],
    empty_weight: u32,
) -> impl Strategy<Value = Vec<&'static str>> {
    prop_oneof![
        2 * empty_weight => Just(Vec::new()),
        6 => subsequence(items.to_vec(), 1..=1),
        2 => subsequence(items.to_vec(), 0..=2).prop_shuffle(),
        1 => subsequence(items.to_vec(), 0..=items.len()).prop_shuffle(),
    ]
}

fn one_of(items: &'static [&'static str]) -> impl Strategy<Value = &'static str> {
    proptest::sample::select(items.to_vec())
}

/// A stage: absent (None), null, or a grade within its scale.
fn stage() -> impl Strategy<Value = Option<Value>> {
    prop_oneof![
        1 => Just(None),
        1 => Just(Some(Value::Null)),
        3 => (1i64..=7).prop_map(|g| Some(json!({ "scale": "norwood", "grade": g }))),
        2 => (1i64..=3).prop_map(|g| Some(json!({ "scale": "ludwig", "grade": g }))),
    ]
}

/// The day of the evaluation: 2026-01-01 + 0..1500 days.
fn today_strategy() -> impl Strategy<Value = NaiveDate> {
    (0u64..1500).prop_map(|n| d("2026-01-01") + Days::new(n))
}

/// VALID answers for `today`.
fn answers(today: NaiveDate) -> impl Strategy<Value = Value> {
    let head = (
        prop_oneof![1 => 0i64..=17, 12 => 18i64..=120],
        one_of(&["female", "male", "other"]),
        prop_oneof![
            6 => one_of(&["hairline_or_crown", "part_widening", "diffuse_shedding"]),
            1 => one_of(&["patches", "unsure"]),
        ],
        stage(),
        proptest::bool::weighted(0.15),
        one_of(&[
            "under_3_months",
            "3_to_12_months",
            "1_to_5_years",
            "over_5_years",
        ]),
        one_of(&["sudden", "gradual"]),
        any::<bool>(),
        one_of(&["yes", "no", "unsure"]),
    );
    let tail = (
        set_of(SCALP, 24),
        set_of(TRIGGERS, 10),
        set_of(LIFESTYLE, 3),
        set_of(CONDITIONS, 6),
        set_of(SYMPTOMS, 24),
        any::<bool>(),
        set_of(TREATMENTS, 3),
        proptest::bool::weighted(0.2),
        one_of(&["accepted", "needle_free_only", "unsure"]),
        prop_oneof![
            1 => Just(None),
            1 => Just(Some(None)),
            2 => (0u64..=500).prop_map(Some).prop_map(|n| n.map(Some)),
        ],
    );
    (head, tail).prop_map(
        move |(
            (age, sex, pattern, stage, no_regrowth, duration, onset, shedding, family),
            (
                scalp,
                triggers,
                lifestyle,
                mut conditions,
                symptoms,
                meno,
                treatments,
                after,
                inj,
                start,
            ),
        )| {
            if sex == "male" {
                conditions.retain(|c| *c != "pregnant");
            }
            let menopause = meno && sex != "male";
            let after = after && treatments.contains(&"mesotherapy");
            let mut m = Map::new();
            m.insert("schema".into(), json!("meso-advisor/assessment@1"));
            m.insert("age".into(), json!(age));
            m.insert("sex".into(), json!(sex));
            m.insert("pattern".into(), json!(pattern));
            if let Some(s) = stage {
                m.insert("stage".into(), s);
            }
            m.insert("no_regrowth_visible".into(), json!(no_regrowth));
            m.insert("duration".into(), json!(duration));
            m.insert("onset".into(), json!(onset));
            m.insert("shedding_increased".into(), json!(shedding));
            m.insert("family_history".into(), json!(family));
            m.insert("scalp_signs".into(), json!(scalp));
            m.insert("recent_triggers".into(), json!(triggers));
            m.insert("lifestyle".into(), json!(lifestyle));
            m.insert("conditions".into(), json!(conditions));
            m.insert("symptoms".into(), json!(symptoms));
            m.insert("menopause".into(), json!(menopause));
            m.insert("previous_treatments".into(), json!(treatments));
            m.insert("hair_loss_after_previous_mesotherapy".into(), json!(after));
            m.insert("injections".into(), json!(inj));
            match start {
                None => {}
                Some(None) => {
                    m.insert("start_date".into(), Value::Null);
                }
                Some(Some(n)) => {
                    let s = today + Days::new(n);
                    m.insert("start_date".into(), json!(s.format("%Y-%m-%d").to_string()));
                }
            }
            Value::Object(m)
        },
    )
}

/// The protocol values the properties need to know.
#[derive(Debug, Clone)]
struct Proto {
    min_sessions: u64,
    max_sessions: u64,
    min_interval: u64,
    max_interval: u64,
    first_after: u64,
    closed: Vec<&'static str>,
}

impl Default for Proto {
    fn default() -> Self {
        Proto {
            min_sessions: 4,
            max_sessions: 6,
            min_interval: 2,
            max_interval: 4,
            first_after: 7,
            closed: vec!["sun"],
        }
    }
}

fn policy() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(json!({ "policy": "exclude" })),
        Just(json!({ "policy": "doctor_letter" })),
        (1i64..=24).prop_map(|m| json!({ "policy": "defer", "recheck_after_months": m })),
    ]
}

/// VALID clinic settings (or none), with the values the properties check against.
fn clinic() -> impl Strategy<Value = (Option<Value>, Proto)> {
    let protocol = (
        (1u64..=12).prop_flat_map(|min| (Just(min), min..=12)),
        (1u64..=8).prop_flat_map(|min| (Just(min), min..=8)),
        1u64..=12,
        1u64..=12,
        1u64..=52,
        0u64..=7,
        0u64..=60,
    );
    let closed = subsequence(WEEKDAYS.to_vec(), 0..=6).prop_shuffle();
    let policies = proptest::collection::vec(proptest::option::of(policy()), POLICY_KEYS.len());
    let prices = proptest::option::of((0u64..=100_000, 0u64..=100_000));
    prop_oneof![
        1 => Just((None, Proto::default())),
        1 => Just((Some(json!({})), Proto::default())),
        6 => (protocol, closed, policies, prices, any::<bool>()).prop_map(
            |(
                ((min_s, max_s), (min_i, max_i), bg, bo, review, home, first),
                closed,
                policies,
                prices,
                with_closed,
            )| {
                let mut c = Map::new();
                c.insert("schema".into(), json!("meso-advisor/clinic@1"));
                c.insert(
                    "protocol".into(),
                    json!({
                        "min_sessions": min_s, "max_sessions": max_s,
                        "min_interval_weeks": min_i, "max_interval_weeks": max_i,
                        "booster_months_genetic": bg, "booster_months_other": bo,
                        "review_after_weeks": review, "home_care_per_week": home,
                        "first_session_after_days": first
                    }),
                );
                let closed = if with_closed {
                    c.insert("closed_weekdays".into(), json!(closed));
                    closed
                } else {
                    vec!["sun"]
                };
                let mut pol = Map::new();
                for (k, p) in POLICY_KEYS.iter().zip(policies) {
                    if let Some(p) = p {
                        pol.insert((*k).into(), p);
                    }
                }
                c.insert("policies".into(), Value::Object(pol));
                if let Some((s, b)) = prices {
                    c.insert(
                        "prices".into(),
                        json!({ "currency": "EUR", "session": s as f64 / 100.0, "booster": b as f64 / 100.0 }),
                    );
                }
                (
                    Some(Value::Object(c)),
                    Proto {
                        min_sessions: min_s,
                        max_sessions: max_s,
                        min_interval: min_i,
                        max_interval: max_i,
                        first_after: first,
                        closed,
                    },
                )
            },
        ),
    ]
}

/// (today, answers, clinic, protocol)
fn case() -> impl Strategy<Value = (NaiveDate, Value, Option<Value>, Proto)> {
    (today_strategy(), clinic())
        .prop_flat_map(|(today, (c, p))| (Just(today), answers(today), Just(c), Just(p)))
}

fn weekday_id(d: NaiveDate) -> &'static str {
    WEEKDAYS[d.weekday().num_days_from_monday() as usize]
}

fn is_open(d: NaiveDate, p: &Proto) -> bool {
    !p.closed.contains(&weekday_id(d))
}

fn date(v: &Value) -> NaiveDate {
    d(v.as_str().unwrap_or_else(|| panic!("not a date: {v}")))
}

fn run_case(today: NaiveDate, a: &Value, c: &Option<Value>) -> Result<Outcome, Vec<String>> {
    let ct = c.as_ref().map(|c| c.to_string());
    assess_text(&a.to_string(), ct.as_deref(), today, Catalog::english())
}

fn outcome(today: NaiveDate, a: &Value, c: &Option<Value>) -> Value {
    match run_case(today, a, c) {
        Ok(o) => serde_json::to_value(&o).expect("serialise"),
        Err(lines) => {
            panic!("valid input refused: {lines:?}\nanswers {a}\nclinic {c:?}\ntoday {today}")
        }
    }
}

/// The first session's nominal date (§6).
fn first_nominal(today: NaiveDate, a: &Value, p: &Proto) -> NaiveDate {
    match a.get("start_date") {
        Some(Value::String(s)) => d(s),
        _ => today + Days::new(p.first_after),
    }
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 256,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn valid_input_is_always_accepted_and_deterministic((today, a, c, _p) in case()) {
        let first = run_case(today, &a, &c);
        prop_assert!(first.is_ok(), "refused: {:?}\n{}\n{:?}", first.err(), a, c);
        let again = run_case(today, &a, &c);
        prop_assert_eq!(first, again);
    }

    #[test]
    fn verdict_is_the_strongest_effect((today, a, c, _p) in case()) {
        let o = outcome(today, &a, &c);
        prop_assert_eq!(verdict(&o).to_string(), strongest(&o));
        // findings: ordered by effect then rule id, each rule once
        let keys: Vec<(usize, String)> = o["findings"].as_array().unwrap().iter()
            .map(|f| (effect_rank(f["effect"].as_str().unwrap()), f["rule"].as_str().unwrap().to_string()))
            .collect();
        let mut sorted = keys.clone();
        sorted.sort();
        sorted.dedup();
        prop_assert_eq!(keys, sorted);
        // recheck only for defer
        if verdict(&o) != "defer" {
            prop_assert!(o["recheck_on"].is_null());
        } else if !o["recheck_on"].is_null() {
            prop_assert!(date(&o["recheck_on"]) > today);
        }
    }

    #[test]
    fn plan_exactly_for_suitable_and_consult((today, a, c, _p) in case()) {
        let o = outcome(today, &a, &c);
        let v = verdict(&o);
        let expect = v == "suitable" || v == "consult";
        prop_assert_eq!(o["plan"].is_object(), expect, "verdict {} plan {}", v, o["plan"]);
        if !expect {
            prop_assert!(o["plan"].is_null());
        }
    }

    #[test]
    fn plan_dates_obey_the_clinic((today, a, c, p) in case()) {
        let o = outcome(today, &a, &c);
        if !o["plan"].is_object() {
            return Ok(());
        }
        let plan = &o["plan"];
        let first = first_nominal(today, &a, &p);
        let review = date(&plan["review_on"]);
        prop_assert!(is_open(review, &p), "review {} on a closed day", review);
        prop_assert!(review > first, "review {} not after the start {}", review, first);
        if a["injections"] == "needle_free_only" {
            prop_assert_eq!(&plan["kind"], "home_care_only");
            prop_assert_eq!(&plan["sessions"], &json!([]));
            prop_assert_eq!(&plan["boosters"], &json!([]));
            prop_assert!(plan["interval_weeks"].is_null());
            prop_assert!(plan["booster_every_months"].is_null());
            return Ok(());
        }
        prop_assert_eq!(&plan["kind"], "injections");
        let iv = plan["interval_weeks"].as_u64().unwrap();
        prop_assert!(iv >= p.min_interval && iv <= p.max_interval, "interval {} outside [{}, {}]", iv, p.min_interval, p.max_interval);
        let sessions = plan["sessions"].as_array().unwrap();
        let n = sessions.len() as u64;
        prop_assert!(n >= p.min_sessions && n <= p.max_sessions, "{} sessions outside [{}, {}]", n, p.min_sessions, p.max_sessions);
        let dates: Vec<NaiveDate> = sessions.iter().map(|s| date(&s["date"])).collect();
        for (i, s) in sessions.iter().enumerate() {
            prop_assert_eq!(s["number"].as_u64(), Some(i as u64 + 1));
        }
        prop_assert!(dates[0] >= first, "first session {} before {}", dates[0], first);
        for (k, dt) in dates.iter().enumerate() {
            prop_assert!(is_open(*dt, &p), "session {} on closed {}", dt, weekday_id(*dt));
            // moved at most 6 days from its nominal date
            let nominal = first + Days::new(7 * iv * k as u64);
            prop_assert!(*dt >= nominal && *dt <= nominal + Days::new(6), "session {} vs nominal {}", dt, nominal);
        }
        for w in dates.windows(2) {
            prop_assert!(w[0] < w[1], "sessions not increasing: {:?}", dates);
        }
        let last = *dates.last().unwrap();
        let m = plan["booster_every_months"].as_u64().unwrap();
        let boosters: Vec<NaiveDate> = plan["boosters"].as_array().unwrap().iter().map(date).collect();
        let limit = last.checked_add_months(Months::new(12)).unwrap();
        for b in &boosters {
            prop_assert!(is_open(*b, &p), "booster {} on a closed day", b);
            prop_assert!(*b > last, "booster {} not after the last session {}", b, last);
            prop_assert!(*b <= limit + Days::new(6), "booster {} beyond 12 months of {}", b, last);
        }
        for w in boosters.windows(2) {
            prop_assert!(w[0] < w[1], "boosters not increasing: {:?}", boosters);
        }
        // exactly the k with last + k·m months ≤ last + 12 months
        let expected_count = (1..).take_while(|k| last.checked_add_months(Months::new((k * m) as u32)).unwrap() <= limit).count();
        prop_assert_eq!(boosters.len(), expected_count);
        // estimated cost, when priced: sessions × session + boosters listed × booster
        let cost = &plan["estimated_cost"];
        if cost.is_object() {
            prop_assert_eq!(cost["session_count"].as_u64(), Some(n));
            prop_assert_eq!(cost["booster_count"].as_u64(), Some(boosters.len() as u64));
            let total = n as f64 * cost["session_price"].as_f64().unwrap()
                + boosters.len() as f64 * cost["booster_price"].as_f64().unwrap();
            prop_assert!((cost["total"].as_f64().unwrap() - total).abs() < 0.005, "total {} vs {}", cost["total"], total);
        }
    }

    #[test]
    fn outcome_json_round_trips((today, a, c, _p) in case()) {
        let o = run_case(today, &a, &c).unwrap();
        let text = serde_json::to_string(&o).unwrap();
        let back: Outcome = serde_json::from_str(&text).unwrap();
        prop_assert_eq!(&back, &o);
        let pretty = serde_json::to_string_pretty(&o).unwrap();
        let back: Outcome = serde_json::from_str(&pretty).unwrap();
        prop_assert_eq!(back, o);
    }

    #[test]
    fn referrals_match_findings_one_to_one((today, a, c, _p) in case()) {
        let o = outcome(today, &a, &c);
        let refs = o["referrals"].as_array().unwrap();
        let ref_rules: Vec<&str> = refs.iter().map(|r| r["rule"].as_str().unwrap()).collect();
        let finding_rules = rules(&o);
        let mut unique = ref_rules.clone();
        unique.sort();
        unique.dedup();
        prop_assert_eq!(unique.len(), ref_rules.len(), "a rule with two referrals: {:?}", ref_rules);
        for r in &ref_rules {
            prop_assert!(finding_rules.iter().any(|f| f == r), "referral {} without a finding", r);
        }
        // referrals follow the findings' order
        let positions: Vec<usize> = ref_rules.iter()
            .map(|r| finding_rules.iter().position(|f| f == r).unwrap())
            .collect();
        let mut sorted = positions.clone();
        sorted.sort();
        prop_assert_eq!(positions, sorted);
        // every red flag carries a referral (§4.1)
        for f in &finding_rules {
            if f.starts_with("RF-") {
                prop_assert!(ref_rules.contains(&f.as_str()), "{} without a referral", f);
            }
        }
        // notes never change the verdict: removing every note's answer gives the same verdict
        let mut plain = a.clone();
        let m = plain.as_object_mut().unwrap();
        m.insert("family_history".into(), json!("no"));
        if m["injections"] == "unsure" {
            m.insert("injections".into(), json!("accepted"));
        }
        let strip = |v: &mut Value, item: &str| {
            if let Some(arr) = v.as_array_mut() {
                arr.retain(|x| x != item);
            }
        };
        strip(m.get_mut("conditions").unwrap(), "needle_fainting");
        strip(m.get_mut("previous_treatments").unwrap(), "transplant");
        m.insert("menopause".into(), json!(false));
        let p = outcome(today, &plain, &c);
        // (family history and menopause are also drivers, which never decide the verdict)
        prop_assert_eq!(verdict(&p), verdict(&o));
        prop_assert_eq!(rules(&p), rules(&o));
    }
}

/// The strategies reach every verdict and both plan kinds often enough for the properties
/// above to mean something.
#[test]
fn strategies_cover_every_verdict_and_plan_kind() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strategy = case();
    let mut verdicts = std::collections::BTreeMap::<String, usize>::new();
    let mut kinds = std::collections::BTreeMap::<String, usize>::new();
    let mut boosters = 0;
    let total = 512;
    for _ in 0..total {
        let (today, a, c, _p) = strategy.new_tree(&mut runner).unwrap().current();
        let o = outcome(today, &a, &c);
        *verdicts.entry(verdict(&o).to_string()).or_default() += 1;
        if o["plan"].is_object() {
            *kinds
                .entry(o["plan"]["kind"].as_str().unwrap().to_string())
                .or_default() += 1;
            if !o["plan"]["boosters"].as_array().unwrap().is_empty() {
                boosters += 1;
            }
        }
    }
    eprintln!("verdicts {verdicts:?}, plan kinds {kinds:?}, with boosters {boosters}");
    for v in ["refer", "not_suitable", "defer", "consult", "suitable"] {
        assert!(
            verdicts.get(v).copied().unwrap_or(0) >= 10,
            "too few {v}: {verdicts:?}"
        );
    }
    let plans: usize = kinds.values().sum();
    assert!(plans * 5 >= total, "too few plans: {kinds:?}");
    assert!(
        kinds.get("home_care_only").copied().unwrap_or(0) >= 10,
        "{kinds:?}"
    );
    assert!(boosters >= 20, "too few plans with boosters: {boosters}");
}

// ------------------------------------------------------------------------------------------
// One validator: the questionnaire's steps and the core agree (issue: "one validator").
// ------------------------------------------------------------------------------------------

mod one_validator {
    use super::*;
    use meso_advisor::core::answers::{Scale, Sex, Stage};
    use meso_advisor::core::choice::Choice;
    use meso_advisor::core::Answers;
    use meso_advisor::state::questionnaire::{Action, Draft, Field, SetField, StageAnswer};

    fn pick<T: Choice + std::fmt::Debug + 'static>() -> impl Strategy<Value = Option<T>> {
        prop_oneof![
            1 => Just(None),
            20 => proptest::sample::select(T::IDS.to_vec()).prop_map(|id| T::from_id(id)),
        ]
    }

    fn opt_bool() -> impl Strategy<Value = Option<bool>> {
        prop_oneof![1 => Just(None), 20 => any::<bool>().prop_map(Some)]
    }

    /// A list answer: unanswered, "none of these", or some ticks (hidden ones included).
    fn list(ids: &'static [&'static str]) -> impl Strategy<Value = (u8, Vec<&'static str>)> {
        (
            prop_oneof![1 => Just(0u8), 15 => Just(1u8), 15 => Just(2u8)],
            subsequence(ids.to_vec(), 0..=3),
        )
    }

    fn typed_text(good: &'static [&'static str]) -> impl Strategy<Value = String> {
        prop_oneof![
            12 => proptest::sample::select(good.to_vec()).prop_map(String::from),
            1 => "[0-9a-z .-]{0,12}",
        ]
    }

    prop_compose! {
        /// Any draft a visitor could produce (and some a tampered session could).
        fn draft()(
            age in typed_text(&["", "0", "17", "35", "120", "121", "999", "3.5", "-4", " 40 "]),
            sex in pick::<Sex>(),
            pattern in pick::<meso_advisor::core::answers::Pattern>(),
            stage in prop_oneof![
                1 => Just(None),
                3 => Just(Some(StageAnswer::Unsure)),
                10 => (any::<bool>(), 1u8..=7).prop_map(|(n, g)| Some(StageAnswer::Picked(
                    if n { Stage { scale: Scale::Norwood, grade: g } }
                    else { Stage { scale: Scale::Ludwig, grade: 1 + g % 3 } }))),
            ],
            smooth in prop_oneof![1 => Just(None), 3 => Just(Some(true)), 12 => Just(Some(false))],
            unsure in any::<bool>(),
            duration in pick::<meso_advisor::core::answers::HairLossDuration>(),
            onset in pick::<meso_advisor::core::answers::Onset>(),
            shedding in opt_bool(),
            family in pick::<meso_advisor::core::answers::FamilyHistory>(),
            lists in (
                list(meso_advisor::core::answers::Trigger::IDS),
                list(meso_advisor::core::answers::LifestyleFactor::IDS),
                list(meso_advisor::core::answers::ScalpSign::IDS),
                list(meso_advisor::core::answers::Symptom::IDS),
                list(meso_advisor::core::answers::Condition::IDS),
                list(meso_advisor::core::answers::Treatment::IDS),
            ),
            menopause in opt_bool(),
            after in opt_bool(),
            injections in pick::<meso_advisor::core::answers::Injections>(),
            start in typed_text(&["", "2026-11-24", "2026-11-23", "2027-02-29", "2028-02-29",
                                  "2036-11-24", "2036-11-25", "9999-12-31", "2026-13-01"]),
        ) -> Draft {
            let mut d = Draft::default();
            let mut act = |a: Action| d.apply(a);
            act(Action::SetAge(age));
            if let Some(s) = sex { act(Action::SetSex(s)); }
            if let Some(p) = pattern { act(Action::SetPattern(p)); }
            if let Some(s) = stage { act(Action::SetStage(s)); }
            match (smooth, unsure) {
                (Some(false), true) => act(Action::SetNoRegrowthUnsure),
                (Some(b), _) => act(Action::SetBool(Field::NoRegrowthVisible, b)),
                (None, _) => {}
            }
            if let Some(x) = duration { act(Action::SetDuration(x)); }
            if let Some(x) = onset { act(Action::SetOnset(x)); }
            if let Some(x) = shedding { act(Action::SetBool(Field::SheddingIncreased, x)); }
            if let Some(x) = family { act(Action::SetFamilyHistory(x)); }
            let (t, l, sc, sy, co, tr) = lists;
            for (set, (mode, ids)) in [
                (SetField::RecentTriggers, t), (SetField::Lifestyle, l), (SetField::ScalpSigns, sc),
                (SetField::Symptoms, sy), (SetField::Conditions, co), (SetField::PreviousTreatments, tr),
            ] {
                match mode {
                    0 => {}
                    1 => act(Action::ChooseNone(set)),
                    _ => for id in ids { act(Action::Toggle(set, id)); },
                }
            }
            if let Some(x) = menopause { act(Action::SetBool(Field::Menopause, x)); }
            if let Some(x) = after { act(Action::SetBool(Field::HairLossAfterPreviousMesotherapy, x)); }
            if let Some(x) = injections { act(Action::SetInjections(x)); }
            act(Action::SetStartDate(start));
            d
        }
    }

    /// Whether the form-only stage question is answered (the core reads an absent stage as
    /// "not given", so only the form can tell "not answered" from "not sure").
    fn stage_answered(d: &Draft) -> bool {
        match (d.pattern, d.stage) {
            (Some(p), s)
                if matches!(
                    p,
                    meso_advisor::core::answers::Pattern::HairlineOrCrown
                        | meso_advisor::core::answers::Pattern::PartWidening
                ) =>
            {
                match s {
                    None => false,
                    Some(StageAnswer::Unsure) => true,
                    Some(StageAnswer::Picked(st)) => {
                        (st.scale == Scale::Norwood)
                            == (p == meso_advisor::core::answers::Pattern::HairlineOrCrown)
                    }
                }
            }
            _ => true,
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

        /// The hand-written session-storage codec and serde's derived format read each other:
        /// a draft stored by any version reads back the same.
        #[test]
        fn the_stored_draft_reads_back_the_same_whoever_wrote_it(d in draft()) {
            prop_assert_eq!(&Draft::from_json(&d.to_json()).unwrap(), &d);
            prop_assert_eq!(&Draft::from_json(&serde_json::to_string(&d).unwrap()).unwrap(), &d);
            prop_assert_eq!(&serde_json::from_str::<Draft>(&d.to_json()).unwrap(), &d);
            prop_assert_eq!(d.is_empty(), d == Draft::default());
        }

        #[test]
        fn the_steps_say_complete_exactly_when_the_core_accepts((d, today) in (draft(), today_strategy())) {
            let steps_complete = d.first_incomplete_step(today).is_none();
            let core_accepts = Answers::from_value(&d.document(), Some(today)).is_ok();
            prop_assert_eq!(steps_complete, core_accepts && stage_answered(&d),
                "document {}", d.document());
            // What the pages compute from is what the steps accepted.
            prop_assert_eq!(d.to_answers(today).is_some(), steps_complete);
            // Every core problem is shown on some question of some step.
            if !core_accepts {
                prop_assert!(d.first_incomplete_step(today).is_some());
            }
        }
    }

    #[test]
    fn the_generator_reaches_both_sides() {
        use proptest::strategy::ValueTree;
        use proptest::test_runner::TestRunner;
        let mut runner = TestRunner::deterministic();
        let (mut complete, mut incomplete) = (0, 0);
        for _ in 0..3000 {
            let d = draft().new_tree(&mut runner).unwrap().current();
            if d.first_incomplete_step(super::d("2026-11-24")).is_none() {
                complete += 1
            } else {
                incomplete += 1
            }
        }
        assert!(
            complete > 20 && incomplete > 20,
            "{complete} complete, {incomplete} incomplete"
        );
    }
}
