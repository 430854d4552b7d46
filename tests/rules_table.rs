//! Spec §4 (findings, verdict, referrals, recheck dates, notes) and §5 (drivers, ingredient
//! emphasis, lifestyle advice), black-box through the JSON API. One table row per rule id:
//! answers where the rule fires and near-identical answers where it does not.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::collections::BTreeSet;

use common::*;
use meso_advisor::core::rules::{NoteId, RuleId};
use meso_advisor::core::Catalog;
use serde_json::{json, Value};

type Ov = Vec<(&'static str, Value)>;

/// What `recheck_on` must be for a firing case (checked only when not `Skip`).
#[derive(Clone, Copy, Debug)]
enum Recheck {
    Skip,
    Null,
    On(&'static str),
}

struct Fire {
    ov: Ov,
    referral: Option<(&'static str, &'static str)>,
    recheck: Recheck,
}

struct Row {
    rule: &'static str,
    effect: &'static str,
    fires: Vec<Fire>,
    quiet: Vec<Ov>,
}

fn fire(ov: Ov, referral: Option<(&'static str, &'static str)>) -> Fire {
    Fire {
        ov,
        referral,
        recheck: Recheck::Skip,
    }
}

fn fire_r(ov: Ov, recheck: Recheck) -> Fire {
    Fire {
        ov,
        referral: None,
        recheck,
    }
}

fn conds(c: &[&str]) -> (&'static str, Value) {
    ("conditions", json!(c))
}
fn syms(s: &[&str]) -> (&'static str, Value) {
    ("symptoms", json!(s))
}
fn trig(t: &[&str]) -> (&'static str, Value) {
    ("recent_triggers", json!(t))
}
fn scalp(s: &[&str]) -> (&'static str, Value) {
    ("scalp_signs", json!(s))
}

/// A configurable exclusion (§4.2): condition `c` → `rule`, not_suitable, no referral.
fn exclusion(rule: &'static str, c: &'static str, neighbour: &'static str) -> Row {
    Row {
        rule,
        effect: "not_suitable",
        fires: vec![
            fire(vec![conds(&[c])], None),
            fire(vec![conds(&[c, "needle_fainting"])], None),
        ],
        quiet: vec![vec![], vec![conds(&[neighbour])]],
    }
}

/// A consult rule on one condition (§4.4).
fn consult(
    rule: &'static str,
    c: &'static str,
    referral: Option<(&'static str, &'static str)>,
    neighbour: &'static str,
) -> Row {
    Row {
        rule,
        effect: "consult",
        fires: vec![fire(vec![conds(&[c])], referral)],
        quiet: vec![vec![], vec![conds(&[neighbour])]],
    }
}

/// The diffuse, sudden, recent case of RF-SUDDEN-UNEXPLAINED (before triggers).
fn sudden_diffuse() -> Ov {
    vec![
        ("pattern", json!("diffuse_shedding")),
        ("stage", Value::Null),
        ("onset", json!("sudden")),
        ("duration", json!("under_3_months")),
    ]
}

fn table() -> Vec<Row> {
    let f = female();
    let other = vec![
        ("sex", json!("other")),
        ("pattern", json!("part_widening")),
        ("stage", ludwig(1)),
    ];
    let sd = sudden_diffuse();
    let derm_soon = Some(("dermatologist", "soon"));
    let gp_soon = Some(("gp", "soon"));
    let gp_routine = Some(("gp", "routine"));
    let endo_routine = Some(("endocrinology", "routine"));
    let endo_urgent = Some(("endocrinology", "urgent"));
    let surgeon = Some(("hair_restoration_surgeon", "routine"));
    vec![
        // ---- §4.1 red flags (refer) ----
        Row {
            rule: "RF-PATCHES",
            effect: "refer",
            fires: vec![
                fire(vec![("pattern", json!("patches"))], derm_soon),
                fire(
                    vec![("pattern", json!("patches")), ("stage", Value::Null)],
                    derm_soon,
                ),
                fire(vec![syms(&["nail_pitting"])], derm_soon),
            ],
            quiet: vec![
                vec![],
                vec![("pattern", json!("unsure"))],
                vec![syms(&["hair_pulling_urge"])],
            ],
        },
        Row {
            rule: "RF-SCALP",
            effect: "refer",
            fires: vec![
                fire(vec![scalp(&["redness_scaling"])], derm_soon),
                fire(vec![scalp(&["pain_burning_itch"])], derm_soon),
                fire(vec![scalp(&["shiny_patches_no_openings"])], derm_soon),
                fire(
                    vec![scalp(&["redness_scaling", "pain_burning_itch", "sunburn"])],
                    derm_soon,
                ),
            ],
            quiet: vec![
                vec![],
                vec![scalp(&["pustules_or_swelling"])],
                vec![scalp(&["open_wound_or_infection"])],
                vec![scalp(&["sunburn"])],
            ],
        },
        Row {
            rule: "RF-INFECTION",
            effect: "refer",
            fires: vec![
                fire(vec![scalp(&["pustules_or_swelling"])], gp_soon),
                fire(vec![scalp(&["pustules_or_swelling", "sunburn"])], gp_soon),
            ],
            quiet: vec![
                vec![scalp(&["redness_scaling"])],
                vec![scalp(&["open_wound_or_infection"])],
            ],
        },
        Row {
            rule: "RF-MINOR",
            effect: "refer",
            fires: vec![
                fire(vec![("age", json!(17))], gp_routine),
                fire(vec![("age", json!(12))], gp_routine),
                fire(vec![("age", json!(0))], gp_routine),
            ],
            quiet: vec![
                vec![("age", json!(18))],
                vec![("age", json!(19))],
                vec![("age", json!(120))],
            ],
        },
        Row {
            rule: "RF-ANDROGEN",
            effect: "refer",
            fires: vec![
                fire(ov(&[&f, &[syms(&["irregular_periods"])]]), endo_routine),
                fire(
                    ov(&[&other, &[syms(&["acne_or_excess_hair"])]]),
                    endo_routine,
                ),
                fire(
                    ov(&[&f, &[syms(&["irregular_periods", "acne_or_excess_hair"])]]),
                    endo_routine,
                ),
                fire(ov(&[&f, &[syms(&["voice_deepening"])]]), endo_urgent),
                fire(ov(&[&other, &[syms(&["voice_deepening"])]]), endo_urgent),
                fire(
                    ov(&[
                        &f,
                        &[syms(&["irregular_periods"]), ("onset", json!("sudden"))],
                    ]),
                    endo_urgent,
                ),
                fire(
                    ov(&[
                        &other,
                        &[syms(&["acne_or_excess_hair"]), ("onset", json!("sudden"))],
                    ]),
                    endo_urgent,
                ),
            ],
            quiet: vec![
                // sex male never fires it, whatever the symptoms
                vec![syms(&["irregular_periods"])],
                vec![syms(&["acne_or_excess_hair"]), ("onset", json!("sudden"))],
                vec![syms(&["voice_deepening"])],
                ov(&[&f, &[syms(&["fatigue_weight_change"])]]),
                ov(&[&f, &[("onset", json!("sudden"))]]),
                f.clone(),
            ],
        },
        Row {
            rule: "RF-SYSTEMIC",
            effect: "refer",
            fires: vec![fire(vec![syms(&["fatigue_weight_change"])], gp_routine)],
            quiet: vec![vec![], vec![syms(&["hair_pulling_urge"])]],
        },
        Row {
            rule: "RF-CHEMO",
            effect: "refer",
            fires: vec![
                fire(vec![trig(&["chemotherapy"])], Some(("oncology", "routine"))),
                fire(
                    vec![conds(&["active_cancer_treatment"])],
                    Some(("oncology", "routine")),
                ),
            ],
            quiet: vec![
                vec![conds(&["cancer_within_12_months"])],
                vec![trig(&["illness_or_fever"])],
            ],
        },
        Row {
            rule: "RF-PULLING",
            effect: "refer",
            fires: vec![fire(
                vec![syms(&["hair_pulling_urge"])],
                Some(("mental_health", "routine")),
            )],
            quiet: vec![vec![], vec![syms(&["nail_pitting"])]],
        },
        Row {
            rule: "RF-MESO-INJURY",
            effect: "refer",
            fires: vec![
                fire(
                    vec![
                        ("previous_treatments", json!(["mesotherapy"])),
                        ("hair_loss_after_previous_mesotherapy", json!(true)),
                    ],
                    derm_soon,
                ),
                fire(
                    vec![
                        ("previous_treatments", json!(["prp", "mesotherapy"])),
                        ("hair_loss_after_previous_mesotherapy", json!(true)),
                    ],
                    derm_soon,
                ),
            ],
            quiet: vec![
                vec![("previous_treatments", json!(["mesotherapy"]))],
                vec![("previous_treatments", json!(["mesotherapy", "prp"]))],
            ],
        },
        Row {
            rule: "RF-MEDICATION",
            effect: "refer",
            fires: vec![
                fire(
                    vec![trig(&["new_medication"])],
                    Some(("prescriber", "routine")),
                ),
                fire(
                    vec![trig(&["severe_stress", "new_medication"])],
                    Some(("prescriber", "routine")),
                ),
            ],
            quiet: vec![vec![trig(&["severe_stress"])], vec![trig(&["surgery"])]],
        },
        Row {
            rule: "RF-SUDDEN-UNEXPLAINED",
            effect: "refer",
            fires: vec![
                fire(ov(&[&sd, &[trig(&[])]]), gp_soon),
                // new_medication is not "another" trigger
                fire(ov(&[&sd, &[trig(&["new_medication"])]]), gp_soon),
            ],
            quiet: vec![
                ov(&[&sd, &[trig(&["severe_stress"])]]),
                ov(&[&sd, &[trig(&["illness_or_fever"])]]),
                ov(&[&sd, &[trig(&["crash_diet_or_weight_loss"])]]),
                ov(&[&sd, &[trig(&["new_medication", "surgery"])]]),
                ov(&[&sd, &[("onset", json!("gradual"))]]),
                ov(&[&sd, &[("duration", json!("3_to_12_months"))]]),
                ov(&[&sd, &[("pattern", json!("unsure"))]]),
                ov(&[
                    &sd,
                    &[
                        ("pattern", json!("hairline_or_crown")),
                        ("stage", norwood(3)),
                    ],
                ]),
            ],
        },
        // ---- §4.2 exclusions (not_suitable) ----
        exclusion(
            "CI-CANCER",
            "active_cancer_treatment",
            "cancer_within_12_months",
        ),
        exclusion("CI-IMMUNO", "immunosuppressed", "autoimmune_disease"),
        exclusion("CI-AUTOIMMUNE", "autoimmune_disease", "immunosuppressed"),
        exclusion("CI-KELOID", "keloid_tendency", "ingredient_allergy"),
        exclusion("CI-BLEEDING", "bleeding_disorder", "anticoagulants"),
        exclusion("CI-ANTICOAG", "anticoagulants", "bleeding_disorder"),
        exclusion(
            "CI-STEROIDS",
            "systemic_steroids",
            "isotretinoin_last_12_months",
        ),
        exclusion("CI-DIABETES-INSULIN", "diabetes_insulin", "diabetes_other"),
        exclusion("CI-BP", "uncontrolled_blood_pressure", "heart_disease"),
        Row {
            rule: "CI-MINOR",
            effect: "not_suitable",
            fires: vec![
                fire(vec![("age", json!(17))], None),
                fire(vec![("age", json!(0))], None),
            ],
            quiet: vec![vec![("age", json!(18))], vec![("age", json!(60))]],
        },
        Row {
            rule: "ST-ADVANCED",
            effect: "not_suitable",
            fires: vec![
                fire(vec![("stage", norwood(6))], surgeon),
                fire(vec![("stage", norwood(7))], surgeon),
                fire(vec![("no_regrowth_visible", json!(true))], surgeon),
                fire(vec![("stage", norwood(6)), ("age", json!(25))], surgeon),
                fire(vec![("stage", norwood(6)), ("age", json!(24))], None),
                fire(vec![("stage", norwood(6)), ("age", json!(17))], None),
                fire(ov(&[&f, &[("no_regrowth_visible", json!(true))]]), surgeon),
                fire(
                    ov(&[
                        &f,
                        &[("no_regrowth_visible", json!(true)), ("age", json!(24))],
                    ]),
                    None,
                ),
                fire(
                    ov(&[&diffuse(), &[("no_regrowth_visible", json!(true))]]),
                    None,
                ),
                fire(
                    vec![
                        ("pattern", json!("unsure")),
                        ("no_regrowth_visible", json!(true)),
                    ],
                    None,
                ),
                fire(
                    vec![
                        ("pattern", json!("patches")),
                        ("no_regrowth_visible", json!(true)),
                    ],
                    None,
                ),
                fire(
                    vec![("pattern", json!("unsure")), ("stage", norwood(6))],
                    None,
                ),
            ],
            quiet: vec![
                vec![("stage", norwood(5))],
                ov(&[&f, &[("stage", ludwig(3))]]),
                vec![("stage", Value::Null)],
                vec![],
            ],
        },
        // ---- §4.3 deferrals ----
        Row {
            rule: "DF-PREGNANT",
            effect: "defer",
            fires: vec![
                fire_r(ov(&[&f, &[conds(&["pregnant"])]]), Recheck::Null),
                fire_r(ov(&[&other, &[conds(&["pregnant"])]]), Recheck::Null),
            ],
            quiet: vec![f.clone(), ov(&[&f, &[conds(&["breastfeeding"])]])],
        },
        Row {
            rule: "DF-BREASTFEEDING",
            effect: "defer",
            fires: vec![
                fire_r(ov(&[&f, &[conds(&["breastfeeding"])]]), Recheck::Null),
                fire_r(ov(&[&other, &[conds(&["breastfeeding"])]]), Recheck::Null),
            ],
            quiet: vec![f.clone(), ov(&[&f, &[conds(&["pregnant"])]])],
        },
        Row {
            rule: "DF-SCALP-WOUND",
            effect: "defer",
            fires: vec![
                // 2026-11-24 + 28 days = 2026-12-22
                fire_r(
                    vec![scalp(&["open_wound_or_infection"])],
                    Recheck::On("2026-12-22"),
                ),
                fire_r(vec![scalp(&["sunburn"])], Recheck::On("2026-12-22")),
                fire_r(
                    vec![scalp(&["sunburn", "open_wound_or_infection"])],
                    Recheck::On("2026-12-22"),
                ),
            ],
            quiet: vec![
                vec![scalp(&["redness_scaling"])],
                vec![scalp(&["pustules_or_swelling"])],
            ],
        },
        Row {
            rule: "DF-ISOTRETINOIN",
            effect: "defer",
            // 2026-11-24 + 6 months = 2027-05-24
            fires: vec![fire_r(
                vec![conds(&["isotretinoin_last_12_months"])],
                Recheck::On("2027-05-24"),
            )],
            quiet: vec![vec![], vec![conds(&["systemic_steroids"])]],
        },
        Row {
            rule: "DF-CANCER-RECENT",
            effect: "defer",
            // 2026-11-24 + 12 months = 2027-11-24
            fires: vec![fire_r(
                vec![conds(&["cancer_within_12_months"])],
                Recheck::On("2027-11-24"),
            )],
            quiet: vec![vec![], vec![conds(&["active_cancer_treatment"])]],
        },
        // ---- §4.4 consult ----
        consult("CO-DIABETES", "diabetes_other", None, "diabetes_insulin"),
        consult(
            "CO-HEART",
            "heart_disease",
            None,
            "uncontrolled_blood_pressure",
        ),
        consult("CO-ALLERGY", "ingredient_allergy", None, "keloid_tendency"),
        consult(
            "CO-THYROID",
            "thyroid_disorder",
            gp_routine,
            "iron_deficiency_or_anaemia",
        ),
        consult(
            "CO-IRON",
            "iron_deficiency_or_anaemia",
            gp_routine,
            "thyroid_disorder",
        ),
        Row {
            rule: "CO-STAGE-MODERATE",
            effect: "consult",
            fires: vec![
                fire(vec![("stage", norwood(5))], None),
                fire(ov(&[&f, &[("stage", ludwig(3))]]), None),
            ],
            quiet: vec![
                vec![("stage", norwood(4))],
                vec![("stage", norwood(6))],
                vec![("stage", norwood(7))],
                ov(&[&f, &[("stage", ludwig(2))]]),
                vec![("stage", Value::Null)],
            ],
        },
        Row {
            rule: "CO-STAGE-UNKNOWN",
            effect: "consult",
            fires: vec![
                fire(vec![("stage", Value::Null)], None),
                fire(ov(&[&f, &[("stage", Value::Null)]]), None),
                fire(without_stage_field(), None),
            ],
            quiet: vec![
                vec![],
                f.clone(),
                diffuse(),
                vec![("pattern", json!("unsure")), ("stage", Value::Null)],
                vec![("pattern", json!("patches")), ("stage", Value::Null)],
            ],
        },
        Row {
            rule: "CO-PATTERN-UNSURE",
            effect: "consult",
            fires: vec![
                fire(vec![("pattern", json!("unsure"))], None),
                fire(
                    vec![("pattern", json!("unsure")), ("stage", Value::Null)],
                    None,
                ),
            ],
            quiet: vec![vec![], diffuse()],
        },
        Row {
            rule: "CO-LONG-DURATION",
            effect: "consult",
            fires: vec![fire(vec![("duration", json!("over_5_years"))], None)],
            quiet: vec![vec![("duration", json!("1_to_5_years"))], vec![]],
        },
        Row {
            rule: "CO-SHEDDING-RECENT",
            effect: "consult",
            fires: vec![
                fire(ov(&[&sd, &[("onset", json!("gradual"))]]), gp_routine),
                fire(ov(&[&sd, &[trig(&["severe_stress"])]]), gp_routine),
                fire(
                    ov(&[&sd, &[trig(&["new_medication", "surgery"])]]),
                    gp_routine,
                ),
            ],
            quiet: vec![
                // RF-SUDDEN-UNEXPLAINED fires instead
                sd.clone(),
                ov(&[&sd, &[trig(&["new_medication"])]]),
                ov(&[&sd, &[("duration", json!("3_to_12_months"))]]),
                vec![("duration", json!("under_3_months"))],
            ],
        },
        // ---- §4.5 supporting ----
        Row {
            rule: "ST-EARLY",
            effect: "suitable",
            fires: vec![
                fire(vec![("stage", norwood(1))], None),
                fire(vec![("stage", norwood(2))], None),
                fire(vec![], None),
                fire(vec![("stage", norwood(4))], None),
                fire(ov(&[&f, &[("stage", ludwig(1))]]), None),
                fire(ov(&[&f, &[("stage", ludwig(2))]]), None),
            ],
            quiet: vec![
                vec![("stage", norwood(5))],
                vec![("stage", norwood(6))],
                vec![("stage", norwood(7))],
                ov(&[&f, &[("stage", ludwig(3))]]),
                vec![("stage", Value::Null)],
            ],
        },
        Row {
            rule: "ST-SHEDDING",
            effect: "suitable",
            fires: vec![
                fire(diffuse(), None),
                fire(
                    ov(&[&diffuse(), &[("duration", json!("1_to_5_years"))]]),
                    None,
                ),
                fire(
                    ov(&[&diffuse(), &[("duration", json!("over_5_years"))]]),
                    None,
                ),
            ],
            quiet: vec![
                ov(&[&diffuse(), &[("duration", json!("under_3_months"))]]),
                vec![],
                vec![("pattern", json!("unsure"))],
            ],
        },
    ]
}

/// A marker override list: the `stage` field is removed entirely (handled in `answers_for`).
fn without_stage_field() -> Ov {
    vec![("__remove_stage", Value::Null)]
}

fn answers_for(ov: &Ov) -> Value {
    let mut v = base();
    for (k, val) in ov {
        if *k == "__remove_stage" {
            v = without(v, "stage");
        } else {
            v = set(v, &[(k, val.clone())]);
        }
    }
    v
}

#[test]
fn table_covers_every_rule_id_exactly_once() {
    let rows = table();
    let ids: Vec<&str> = rows.iter().map(|r| r.rule).collect();
    let unique: BTreeSet<&str> = ids.iter().copied().collect();
    assert_eq!(unique.len(), ids.len(), "a rule has two rows: {ids:?}");
    let all: BTreeSet<&str> = RuleId::ALL.iter().map(|r| r.id()).collect();
    assert_eq!(unique, all, "table rows vs RuleId::ALL");
    assert_eq!(all.len(), 39, "spec §4 lists 39 rules");
    for r in &rows {
        assert!(!r.fires.is_empty(), "{} has no firing case", r.rule);
        assert!(!r.quiet.is_empty(), "{} has no quiet case", r.rule);
    }
}

#[test]
fn every_rule_fires_with_its_effect_referral_and_recheck() {
    let mut failures = Vec::new();
    for row in table() {
        for (i, case) in row.fires.iter().enumerate() {
            let a = answers_for(&case.ov);
            let o = run(&a);
            let ctx = format!("{} fire case #{i} (overrides {:?})", row.rule, case.ov);
            let found: Vec<&Value> = o["findings"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|f| f["rule"] == row.rule)
                .collect();
            if found.len() != 1 {
                failures.push(format!(
                    "{ctx}: expected the finding once, findings are {:?}",
                    rules(&o)
                ));
                continue;
            }
            if found[0]["effect"] != row.effect {
                failures.push(format!(
                    "{ctx}: effect {} expected, got {}",
                    row.effect, found[0]["effect"]
                ));
            }
            let refs = referrals_of(&o, row.rule);
            let expected: Vec<(String, String)> = case
                .referral
                .iter()
                .map(|(t, u)| (t.to_string(), u.to_string()))
                .collect();
            if refs != expected {
                failures.push(format!(
                    "{ctx}: referral {expected:?} expected, got {refs:?}"
                ));
            }
            match case.recheck {
                Recheck::Skip => {}
                Recheck::Null => {
                    if o["verdict"] != "defer" || !o["recheck_on"].is_null() {
                        failures.push(format!(
                            "{ctx}: verdict defer with recheck_on null expected, got {} / {}",
                            o["verdict"], o["recheck_on"]
                        ));
                    }
                }
                Recheck::On(date) => {
                    if o["verdict"] != "defer" || o["recheck_on"] != date {
                        failures.push(format!(
                            "{ctx}: verdict defer with recheck_on {date} expected, got {} / {}",
                            o["verdict"], o["recheck_on"]
                        ));
                    }
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_rule_stays_quiet_on_near_identical_answers() {
    let mut failures = Vec::new();
    for row in table() {
        for (i, q) in row.quiet.iter().enumerate() {
            let o = run(&answers_for(q));
            if fired(&o, row.rule) || !referrals_of(&o, row.rule).is_empty() {
                failures.push(format!(
                    "{} quiet case #{i} (overrides {q:?}): fired anyway; findings {:?}",
                    row.rule,
                    rules(&o)
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn base_is_plainly_suitable() {
    let o = run(&base());
    assert_eq!(o["schema"], "meso-advisor/outcome@1");
    assert_eq!(verdict(&o), "suitable");
    assert_eq!(rules(&o), vec!["ST-EARLY"]);
    assert_eq!(o["referrals"], json!([]));
    assert!(o["recheck_on"].is_null());
    assert_eq!(o["notes"], json!([]));
    assert_eq!(plan(&o)["status"], "proposed");
    assert_eq!(plan(&o)["kind"], "injections");
}

#[test]
fn verdict_is_the_strongest_effect() {
    let f = female();
    // (overrides, expected verdict)
    let cases: Vec<(Ov, &str)> = vec![
        (vec![], "suitable"),
        (vec![conds(&["thyroid_disorder"])], "consult"),
        (
            vec![conds(&["thyroid_disorder", "isotretinoin_last_12_months"])],
            "defer",
        ),
        (
            vec![conds(&[
                "thyroid_disorder",
                "isotretinoin_last_12_months",
                "anticoagulants",
            ])],
            "not_suitable",
        ),
        (
            vec![
                conds(&[
                    "thyroid_disorder",
                    "isotretinoin_last_12_months",
                    "anticoagulants",
                ]),
                syms(&["hair_pulling_urge"]),
            ],
            "refer",
        ),
        (vec![("age", json!(17))], "refer"),
        (
            vec![("stage", norwood(6)), conds(&["heart_disease"])],
            "not_suitable",
        ),
        (
            ov(&[&f, &[conds(&["pregnant", "keloid_tendency"])]]),
            "not_suitable",
        ),
        (
            ov(&[&f, &[conds(&["pregnant", "ingredient_allergy"])]]),
            "defer",
        ),
        (
            vec![scalp(&["sunburn"]), ("duration", json!("over_5_years"))],
            "defer",
        ),
        (vec![scalp(&["sunburn", "pustules_or_swelling"])], "refer"),
        (
            vec![("stage", norwood(5)), ("pattern", json!("unsure"))],
            "consult",
        ),
    ];
    for (ovs, expected) in cases {
        let o = run(&answers_for(&ovs));
        assert_eq!(
            verdict(&o),
            expected,
            "overrides {ovs:?}: findings {:?}",
            rules(&o)
        );
        assert_eq!(
            verdict(&o),
            strongest(&o),
            "verdict must be the strongest effect"
        );
    }
}

#[test]
fn findings_are_ordered_by_effect_strength_then_rule_id() {
    let a = with(&[
        ("age", json!(17)),
        ("pattern", json!("patches")),
        scalp(&["sunburn"]),
        conds(&[
            "anticoagulants",
            "isotretinoin_last_12_months",
            "heart_disease",
            "thyroid_disorder",
        ]),
        syms(&["hair_pulling_urge", "fatigue_weight_change"]),
        trig(&["new_medication"]),
        ("duration", json!("over_5_years")),
    ]);
    let o = run(&a);
    // Within an effect, by rule id (as written: RF-MEDICATION < RF-MINOR < RF-PATCHES …).
    assert_eq!(
        rules(&o),
        vec![
            "RF-MEDICATION",
            "RF-MINOR",
            "RF-PATCHES",
            "RF-PULLING",
            "RF-SYSTEMIC",
            "CI-ANTICOAG",
            "CI-MINOR",
            "DF-ISOTRETINOIN",
            "DF-SCALP-WOUND",
            "CO-HEART",
            "CO-LONG-DURATION",
            "CO-THYROID",
            "ST-EARLY",
        ]
    );
    assert_sorted(&o);
}

#[test]
fn deferrals_are_ordered_by_rule_id() {
    let a = with(&[
        ("sex", json!("female")),
        ("pattern", json!("part_widening")),
        ("stage", ludwig(1)),
        scalp(&["open_wound_or_infection"]),
        conds(&[
            "pregnant",
            "breastfeeding",
            "isotretinoin_last_12_months",
            "cancer_within_12_months",
        ]),
    ]);
    let o = run(&a);
    assert_eq!(
        rules(&o),
        vec![
            "DF-BREASTFEEDING",
            "DF-CANCER-RECENT",
            "DF-ISOTRETINOIN",
            "DF-PREGNANT",
            "DF-SCALP-WOUND",
            "ST-EARLY",
        ]
    );
    // the latest recheck among the defer findings: 2026-11-24 + 12 months
    assert_eq!(o["recheck_on"], "2027-11-24");
}

fn assert_sorted(o: &Value) {
    let keys: Vec<(usize, String)> = o["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                effect_rank(f["effect"].as_str().unwrap()),
                f["rule"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(
        keys, sorted,
        "findings must be ordered by effect, then rule id"
    );
}

#[test]
fn recheck_is_the_latest_defer_date() {
    let f = female();
    // sunburn: +28 d = 2026-12-22; isotretinoin: +6 months = 2027-05-24
    let o = run(&answers_for(&vec![
        scalp(&["sunburn"]),
        conds(&["isotretinoin_last_12_months"]),
    ]));
    assert_eq!(verdict(&o), "defer");
    assert_eq!(o["recheck_on"], "2027-05-24");

    // pregnancy (no date) + sunburn: the date of the one that has one
    let o = run(&answers_for(&ov(&[
        &f,
        &[scalp(&["sunburn"]), conds(&["pregnant"])],
    ])));
    assert_eq!(verdict(&o), "defer");
    assert_eq!(o["recheck_on"], "2026-12-22");

    // + cancer within 12 months: 2027-11-24
    let o = run(&answers_for(&ov(&[
        &f,
        &[
            scalp(&["sunburn"]),
            conds(&[
                "pregnant",
                "isotretinoin_last_12_months",
                "cancer_within_12_months",
            ]),
        ],
    ])));
    assert_eq!(o["recheck_on"], "2027-11-24");

    // only pregnancy and breastfeeding: null
    let o = run(&answers_for(&ov(&[
        &f,
        &[conds(&["pregnant", "breastfeeding"])],
    ])));
    assert_eq!(verdict(&o), "defer");
    assert!(o["recheck_on"].is_null(), "{}", o["recheck_on"]);
}

#[test]
fn recheck_dates_clamp_to_month_end() {
    // 2026-08-31 + 6 months = 2027-02-31 → 2027-02-28
    let o = run_on(
        &with(&[conds(&["isotretinoin_last_12_months"])]),
        d("2026-08-31"),
    );
    assert_eq!(o["recheck_on"], "2027-02-28");
    // 2027-08-31 + 6 months = 2028-02-29 (leap year)
    let o = run_on(
        &with(&[conds(&["isotretinoin_last_12_months"])]),
        d("2027-08-31"),
    );
    assert_eq!(o["recheck_on"], "2028-02-29");
    // 2028-02-29 + 12 months = 2029-02-28
    let o = run_on(
        &with(&[conds(&["cancer_within_12_months"])]),
        d("2028-02-29"),
    );
    assert_eq!(o["recheck_on"], "2029-02-28");
    // 2026-12-20 + 28 days = 2027-01-17
    let o = run_on(&with(&[scalp(&["sunburn"])]), d("2026-12-20"));
    assert_eq!(o["recheck_on"], "2027-01-17");
}

#[test]
fn recheck_is_null_unless_the_verdict_is_defer() {
    let cases: Vec<Ov> = vec![
        // refer + defer
        vec![conds(&["isotretinoin_last_12_months"]), ("age", json!(17))],
        vec![scalp(&["sunburn", "redness_scaling"])],
        // not_suitable + defer
        vec![conds(&["isotretinoin_last_12_months", "anticoagulants"])],
        vec![conds(&["cancer_within_12_months"]), ("stage", norwood(7))],
        // consult, suitable
        vec![conds(&["heart_disease"])],
        vec![],
    ];
    for c in cases {
        let o = run(&answers_for(&c));
        assert_ne!(verdict(&o), "defer", "{c:?}");
        assert!(
            o["recheck_on"].is_null(),
            "{c:?}: recheck_on {}",
            o["recheck_on"]
        );
    }
}

#[test]
fn plan_only_for_suitable_and_consult() {
    let cases: Vec<(Ov, &str, bool)> = vec![
        (vec![], "suitable", true),
        (vec![conds(&["heart_disease"])], "consult", true),
        (
            vec![conds(&["isotretinoin_last_12_months"])],
            "defer",
            false,
        ),
        (vec![conds(&["keloid_tendency"])], "not_suitable", false),
        (vec![syms(&["fatigue_weight_change"])], "refer", false),
        (
            vec![
                conds(&["heart_disease"]),
                ("injections", json!("needle_free_only")),
            ],
            "consult",
            true,
        ),
        (
            vec![
                conds(&["keloid_tendency"]),
                ("injections", json!("needle_free_only")),
            ],
            "not_suitable",
            false,
        ),
    ];
    for (c, v, has_plan) in cases {
        let o = run(&answers_for(&c));
        assert_eq!(verdict(&o), v, "{c:?}");
        assert_eq!(o["plan"].is_object(), has_plan, "{c:?}: plan {}", o["plan"]);
        if !has_plan {
            assert!(o["plan"].is_null(), "{c:?}: plan must be null");
        }
    }
}

#[test]
fn each_note_fires_and_never_changes_the_verdict() {
    let f = female();
    let cases: Vec<(Ov, &str)> = vec![
        (vec![conds(&["needle_fainting"])], "NT-NEEDLE-FAINTING"),
        (ov(&[&f, &[("menopause", json!(true))]]), "NT-MENOPAUSE"),
        (
            vec![("previous_treatments", json!(["transplant"]))],
            "NT-TRANSPLANT",
        ),
        (vec![("family_history", json!("yes"))], "NT-FAMILY-HISTORY"),
        (
            vec![("injections", json!("unsure"))],
            "NT-INJECTIONS-UNSURE",
        ),
    ];
    for (c, note) in &cases {
        // on a suitable case: same verdict and findings as without the note's answer
        let reference = if c.iter().any(|(k, _)| *k == "sex") {
            run(&answers_for(&f))
        } else {
            run(&base())
        };
        let o = run(&answers_for(c));
        assert!(
            notes(&o).contains(&note.to_string()),
            "{note}: notes {:?}",
            notes(&o)
        );
        assert_eq!(
            verdict(&o),
            verdict(&reference),
            "{note} changed the verdict"
        );
        assert_eq!(rules(&o), rules(&reference), "{note} changed the findings");
        let n = o["notes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|n| n["rule"] == *note)
            .unwrap();
        assert!(!n["title"].as_str().unwrap().trim().is_empty());
        assert!(!n["detail"].as_str().unwrap().trim().is_empty());

        // on a refer / defer / consult case: the verdict stays, the note is still shown
        for extra in [
            vec![syms(&["hair_pulling_urge"])],
            vec![scalp(&["sunburn"])],
            vec![("duration", json!("over_5_years"))],
        ] {
            let mut with_note = c.clone();
            with_note.extend(extra.clone());
            let mut without_note: Ov = if c.iter().any(|(k, _)| *k == "sex") {
                f.clone()
            } else {
                vec![]
            };
            without_note.extend(extra.clone());
            let o = run(&answers_for(&with_note));
            let r = run(&answers_for(&without_note));
            assert_eq!(verdict(&o), verdict(&r), "{note} with {extra:?}");
            assert!(
                notes(&o).contains(&note.to_string()),
                "{note} with {extra:?}"
            );
        }
    }
    // not fired on near-identical answers
    let o = run(&with(&[("family_history", json!("unsure"))]));
    assert!(notes(&o).is_empty(), "{:?}", notes(&o));
    let o = run(&with(&[(
        "previous_treatments",
        json!(["prp", "minoxidil"]),
    )]));
    assert!(notes(&o).is_empty(), "{:?}", notes(&o));
    let o = run(&answers_for(&f));
    assert!(notes(&o).is_empty(), "{:?}", notes(&o));
    let o = run(&with(&[("injections", json!("needle_free_only"))]));
    assert!(notes(&o).is_empty(), "{:?}", notes(&o));
    // all five at once
    let o = run(&answers_for(&ov(&[
        &f,
        &[
            ("menopause", json!(true)),
            conds(&["needle_fainting"]),
            ("previous_treatments", json!(["transplant"])),
            ("family_history", json!("yes")),
            ("injections", json!("unsure")),
        ],
    ])));
    let got: BTreeSet<String> = notes(&o).into_iter().collect();
    let all: BTreeSet<String> = NoteId::ALL.iter().map(|n| n.id().to_string()).collect();
    assert_eq!(got, all);
    assert_eq!(verdict(&o), "suitable");
}

#[test]
fn every_finding_has_a_plain_title_and_detail() {
    // one answer set that fires many rules at once, plus every table case
    let mut outcomes = Vec::new();
    for row in table() {
        for case in &row.fires {
            outcomes.push(run(&answers_for(&case.ov)));
        }
    }
    for o in &outcomes {
        for f in o["findings"].as_array().unwrap() {
            for key in ["title", "detail"] {
                let t = f[key].as_str().unwrap_or("");
                assert!(!t.trim().is_empty(), "{} has an empty {key}", f["rule"]);
                assert!(
                    !t.contains('⟦'),
                    "{} {key} is a missing catalog key: {t}",
                    f["rule"]
                );
            }
        }
    }
}

#[test]
fn anticoagulant_detail_says_never_stop_the_blood_thinner() {
    let clinics = [
        json!({}),
        json!({ "policies": { "anticoagulants": { "policy": "doctor_letter" } } }),
        json!({ "policies": { "anticoagulants": { "policy": "defer", "recheck_after_months": 2 } } }),
    ];
    for c in clinics {
        let o = run_clinic(&with(&[conds(&["anticoagulants"])]), &c);
        let detail = finding(&o, "CI-ANTICOAG").expect("CI-ANTICOAG fires")["detail"]
            .as_str()
            .unwrap()
            .to_lowercase();
        assert!(detail.contains("stop"), "{detail}");
        assert!(detail.contains("blood thinner"), "{detail}");
        assert!(detail.contains("prescriber"), "{detail}");
        assert!(detail.contains("never") || detail.contains("do not") || detail.contains("don't"));
    }
}

#[test]
fn every_rule_and_note_has_catalog_texts() {
    let cat = Catalog::english();
    for r in RuleId::ALL {
        for part in ["title", "detail"] {
            let key = format!("rule.{}.{part}", r.id());
            assert!(cat.has(&key), "missing catalog key {key}");
        }
    }
    for n in NoteId::ALL {
        for part in ["title", "detail"] {
            let key = format!("note.{}.{part}", n.id());
            assert!(cat.has(&key), "missing catalog key {key}");
        }
    }
}

#[test]
fn rule_ids_are_spelled_as_in_the_spec() {
    let spec: BTreeSet<&str> = [
        "RF-PATCHES",
        "RF-SCALP",
        "RF-INFECTION",
        "RF-MINOR",
        "RF-ANDROGEN",
        "RF-SYSTEMIC",
        "RF-CHEMO",
        "RF-PULLING",
        "RF-MESO-INJURY",
        "RF-MEDICATION",
        "RF-SUDDEN-UNEXPLAINED",
        "CI-CANCER",
        "CI-IMMUNO",
        "CI-AUTOIMMUNE",
        "CI-KELOID",
        "CI-BLEEDING",
        "CI-ANTICOAG",
        "CI-STEROIDS",
        "CI-DIABETES-INSULIN",
        "CI-BP",
        "CI-MINOR",
        "ST-ADVANCED",
        "DF-PREGNANT",
        "DF-BREASTFEEDING",
        "DF-SCALP-WOUND",
        "DF-ISOTRETINOIN",
        "DF-CANCER-RECENT",
        "CO-DIABETES",
        "CO-HEART",
        "CO-ALLERGY",
        "CO-THYROID",
        "CO-IRON",
        "CO-STAGE-MODERATE",
        "CO-STAGE-UNKNOWN",
        "CO-PATTERN-UNSURE",
        "CO-LONG-DURATION",
        "CO-SHEDDING-RECENT",
        "ST-EARLY",
        "ST-SHEDDING",
    ]
    .into_iter()
    .collect();
    let all: BTreeSet<&str> = RuleId::ALL.iter().map(|r| r.id()).collect();
    assert_eq!(all, spec);
}

#[test]
fn referrals_come_only_from_findings_and_name_their_rule() {
    let o = run(&with(&[
        ("pattern", json!("patches")),
        scalp(&["pustules_or_swelling"]),
        conds(&["thyroid_disorder", "iron_deficiency_or_anaemia"]),
        trig(&["new_medication", "chemotherapy"]),
        syms(&["hair_pulling_urge", "fatigue_weight_change"]),
        ("stage", norwood(6)),
    ]));
    let refs = o["referrals"].as_array().unwrap();
    let with_ref: Vec<String> = refs
        .iter()
        .map(|r| r["rule"].as_str().unwrap().to_string())
        .collect();
    let unique: BTreeSet<&String> = with_ref.iter().collect();
    assert_eq!(
        unique.len(),
        with_ref.len(),
        "one referral per rule: {with_ref:?}"
    );
    for r in &with_ref {
        assert!(fired(&o, r), "referral for {r} without a finding");
    }
    assert!(fired(&o, "ST-ADVANCED"));
    let expected: BTreeSet<&str> = [
        "RF-PATCHES",
        "RF-INFECTION",
        "CO-THYROID",
        "CO-IRON",
        "RF-MEDICATION",
        "RF-CHEMO",
        "RF-PULLING",
        "RF-SYSTEMIC",
        // ST-ADVANCED fires (Norwood 6) but pattern `patches` is not a surgeon case
    ]
    .into_iter()
    .collect();
    let got: BTreeSet<&str> = with_ref.iter().map(|s| s.as_str()).collect();
    assert_eq!(got, expected);
}

// ---------------------------------------------------------------- §5 drivers

/// A case without any driver: diffuse shedding (no genetic pattern), family history no.
fn no_driver() -> Ov {
    diffuse()
}

#[test]
fn no_driver_on_a_neutral_case() {
    let o = run(&answers_for(&no_driver()));
    assert_eq!(verdict(&o), "suitable");
    assert!(drivers(&o).is_empty(), "{:?}", drivers(&o));
    let o = run(&answers_for(&ov(&[
        &no_driver(),
        &[("family_history", json!("unsure"))],
    ])));
    assert!(drivers(&o).is_empty(), "{:?}", drivers(&o));
}

#[test]
fn each_driver_fires_on_each_of_its_answers() {
    let f = female();
    let fem_diffuse = ov(&[&diffuse(), &[("sex", json!("female"))]]);
    let cases: Vec<(Ov, &str)> = vec![
        (
            vec![
                ("pattern", json!("hairline_or_crown")),
                ("stage", norwood(3)),
            ],
            "genetic",
        ),
        (ov(&[&f, &[]]), "genetic"),
        (vec![("family_history", json!("yes"))], "genetic"),
        (
            ov(&[&fem_diffuse, &[("menopause", json!(true))]]),
            "hormonal",
        ),
        (vec![trig(&["childbirth"])], "hormonal"),
        (vec![conds(&["thyroid_disorder"])], "hormonal"),
        (vec![trig(&["crash_diet_or_weight_loss"])], "nutritional"),
        (
            vec![("lifestyle", json!(["restrictive_diet"]))],
            "nutritional",
        ),
        (vec![conds(&["iron_deficiency_or_anaemia"])], "nutritional"),
        (vec![trig(&["severe_stress"])], "stress_lifestyle"),
        (vec![trig(&["illness_or_fever"])], "stress_lifestyle"),
        (vec![trig(&["surgery"])], "stress_lifestyle"),
        (
            vec![("lifestyle", json!(["high_stress"]))],
            "stress_lifestyle",
        ),
        (
            vec![("lifestyle", json!(["poor_sleep"]))],
            "stress_lifestyle",
        ),
        (vec![("lifestyle", json!(["smoking"]))], "stress_lifestyle"),
        (
            vec![("lifestyle", json!(["pollution_exposure"]))],
            "stress_lifestyle",
        ),
    ];
    for (c, driver) in cases {
        let o = run(&answers_for(&ov(&[&no_driver(), &c])));
        assert_eq!(drivers(&o), vec![driver.to_string()], "{c:?}");
    }
    // things that are not drivers
    for c in [
        vec![trig(&["new_medication"])],
        vec![trig(&["chemotherapy"])],
        vec![conds(&["diabetes_other"])],
        vec![("family_history", json!("unsure"))],
        vec![("pattern", json!("unsure"))],
        vec![("pattern", json!("patches"))],
    ] {
        let o = run(&answers_for(&ov(&[&no_driver(), &c])));
        assert!(drivers(&o).is_empty(), "{c:?}: {:?}", drivers(&o));
    }
}

#[test]
fn all_drivers_together() {
    let o = run(&with(&[
        ("sex", json!("female")),
        ("pattern", json!("part_widening")),
        ("stage", ludwig(1)),
        ("menopause", json!(true)),
        ("lifestyle", json!(["restrictive_diet", "poor_sleep"])),
    ]));
    assert_eq!(
        drivers(&o),
        vec!["genetic", "hormonal", "nutritional", "stress_lifestyle"]
    );
    // drivers are reported whatever the verdict
    let o = run(&with(&[
        ("family_history", json!("yes")),
        ("age", json!(16)),
    ]));
    assert_eq!(verdict(&o), "refer");
    assert_eq!(drivers(&o), vec!["genetic"]);
}

fn emphasis(o: &Value) -> Vec<(String, String)> {
    plan(o)["ingredients"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["group"].as_str().unwrap().to_string(),
                i["emphasis"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn expect_emphasis(amino: &str, vit: &str, min: &str, anti: &str) -> Vec<(String, String)> {
    vec![
        ("amino_acids_peptides".into(), amino.into()),
        ("vitamins".into(), vit.into()),
        ("minerals".into(), min.into()),
        ("antioxidants".into(), anti.into()),
    ]
}

#[test]
fn ingredient_emphasis_follows_the_drivers() {
    let (h, s) = ("high", "standard");
    let fem_diffuse = ov(&[&diffuse(), &[("sex", json!("female"))]]);
    let cases: Vec<(Ov, Vec<(String, String)>)> = vec![
        (no_driver(), expect_emphasis(s, s, s, s)),
        (vec![], expect_emphasis(h, s, s, s)),
        (
            ov(&[&fem_diffuse, &[("menopause", json!(true))]]),
            expect_emphasis(s, h, s, s),
        ),
        (
            ov(&[&no_driver(), &[("lifestyle", json!(["restrictive_diet"]))]]),
            expect_emphasis(s, h, h, s),
        ),
        (
            ov(&[&no_driver(), &[("lifestyle", json!(["smoking"]))]]),
            expect_emphasis(s, s, s, h),
        ),
        (
            ov(&[&no_driver(), &[trig(&["childbirth", "surgery"])]]),
            expect_emphasis(s, h, s, h),
        ),
        (
            vec![
                ("family_history", json!("yes")),
                conds(&["iron_deficiency_or_anaemia"]),
                ("lifestyle", json!(["high_stress"])),
            ],
            expect_emphasis(h, h, h, h),
        ),
    ];
    for (c, expected) in cases {
        let o = run(&answers_for(&c));
        assert_eq!(emphasis(&o), expected, "{c:?}");
    }
}

fn lifestyle_text(o: &Value) -> String {
    plan(o)["lifestyle"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap().to_lowercase())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn lifestyle_advice_follows_the_drivers() {
    // always: gentle hair care, start early, keep maintenance
    let o = run(&answers_for(&no_driver()));
    let t = lifestyle_text(&o);
    assert!(t.contains("gentle"), "{t}");
    assert!(t.contains("earl"), "{t}");
    assert!(t.contains("maintenance"), "{t}");
    assert!(
        !t.contains("zinc") && !t.contains("smok") && !t.contains("hormon"),
        "{t}"
    );
    let always = plan(&o)["lifestyle"].as_array().unwrap().len();
    for x in plan(&o)["lifestyle"].as_array().unwrap() {
        assert!(!x.as_str().unwrap().trim().is_empty());
    }

    // nutritional: protein, iron, zinc; ask a GP about blood tests
    let o = run(&answers_for(&ov(&[
        &no_driver(),
        &[("lifestyle", json!(["restrictive_diet"]))],
    ])));
    let t = lifestyle_text(&o);
    for w in ["protein", "iron", "zinc", "blood"] {
        assert!(t.contains(w), "nutritional advice lacks {w}: {t}");
    }
    assert!(plan(&o)["lifestyle"].as_array().unwrap().len() > always);

    // stress without smoking: sleep and stress, no smoking advice
    let o = run(&answers_for(&ov(&[
        &no_driver(),
        &[("lifestyle", json!(["poor_sleep"]))],
    ])));
    let t = lifestyle_text(&o);
    assert!(t.contains("sleep") && t.contains("stress"), "{t}");
    assert!(!t.contains("smok"), "{t}");
    // with smoking: stop smoking too
    let o = run(&answers_for(&ov(&[
        &no_driver(),
        &[("lifestyle", json!(["smoking"]))],
    ])));
    let t = lifestyle_text(&o);
    assert!(t.contains("sleep") && t.contains("smok"), "{t}");

    // hormonal: does not treat the hormonal cause, keep the doctor involved
    let o = run(&answers_for(&ov(&[&no_driver(), &[trig(&["childbirth"])]])));
    let t = lifestyle_text(&o);
    assert!(t.contains("hormon") && t.contains("doctor"), "{t}");
    assert!(t.contains("gentle") && t.contains("maintenance"), "{t}");
}

// ---------------------------------------------------------------- §4.5 notes, §2, §7

#[test]
fn notes_say_what_the_spec_lists() {
    let f = female();
    let text = |ovs: Ov, id: &str| -> String {
        let o = run(&answers_for(&ovs));
        let n = o["notes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|n| n["rule"] == id)
            .unwrap_or_else(|| panic!("{id} missing"))
            .clone();
        format!(
            "{} {}",
            n["title"].as_str().unwrap(),
            n["detail"].as_str().unwrap()
        )
        .to_lowercase()
    };
    // needle_fainting: numbing, lying down, or needle-free option
    let t = text(vec![conds(&["needle_fainting"])], "NT-NEEDLE-FAINTING");
    assert!(
        t.contains("numb") && t.contains("lying") && t.contains("needle-free"),
        "{t}"
    );
    // menopause: hormonal factor, mesotherapy does not treat the cause
    let t = text(ov(&[&f, &[("menopause", json!(true))]]), "NT-MENOPAUSE");
    assert!(t.contains("hormon") && t.contains("not treat"), "{t}");
    // transplant: mesotherapy can support transplanted areas
    let t = text(
        vec![("previous_treatments", json!(["transplant"]))],
        "NT-TRANSPLANT",
    );
    assert!(t.contains("support") && t.contains("transplant"), "{t}");
    // family history: genetic factor
    let t = text(vec![("family_history", json!("yes"))], "NT-FAMILY-HISTORY");
    assert!(t.contains("genetic"), "{t}");
    // injections unsure: nappage vs gun, needle-free option
    let t = text(
        vec![("injections", json!("unsure"))],
        "NT-INJECTIONS-UNSURE",
    );
    assert!(
        t.contains("nappage") && t.contains("gun") && t.contains("needle-free"),
        "{t}"
    );
}

#[test]
fn wording_never_recommends_a_prescription_drug() {
    // §2: the catalog carries the disclaimer and the plan label
    let cat = Catalog::english();
    let values: Vec<String> = cat.keys().map(|k| cat.t(k)).collect();
    assert!(values.iter().any(|v| v
        == "This is information to prepare your consultation, not a diagnosis. A clinician confirms whether treatment suits you."));
    assert!(values
        .iter()
        .any(|v| v.contains("Proposed plan — to be confirmed by your clinician")));
    // no finding, note or advice text names a prescription drug, except "ask a doctor"
    let mut texts = Vec::new();
    for row in table() {
        for case in &row.fires {
            let o = run(&answers_for(&case.ov));
            for f in o["findings"]
                .as_array()
                .unwrap()
                .iter()
                .chain(o["notes"].as_array().unwrap())
            {
                texts.push(f["title"].as_str().unwrap().to_string());
                texts.push(f["detail"].as_str().unwrap().to_string());
            }
            if o["plan"].is_object() {
                for l in o["plan"]["lifestyle"].as_array().unwrap() {
                    texts.push(l.as_str().unwrap().to_string());
                }
            }
        }
    }
    for t in texts {
        let l = t.to_lowercase();
        if ["minoxidil", "finasteride", "dutasteride", "spironolactone"]
            .iter()
            .any(|d| l.contains(d))
        {
            assert!(
                l.contains("ask a doctor") || l.contains("ask your doctor"),
                "{t}"
            );
        }
    }
}

fn keys(v: &Value) -> BTreeSet<String> {
    v.as_object().expect("an object").keys().cloned().collect()
}

fn set_of(k: &[&str]) -> BTreeSet<String> {
    k.iter().map(|s| s.to_string()).collect()
}

#[test]
fn outcome_shape_is_that_of_section_7() {
    let o = run_clinic(
        &with(&[conds(&["thyroid_disorder"])]),
        &json!({ "prices": { "currency": "EUR", "session": 150, "booster": 150 } }),
    );
    assert_eq!(
        keys(&o),
        set_of(&[
            "schema",
            "verdict",
            "findings",
            "referrals",
            "recheck_on",
            "drivers",
            "plan",
            "notes"
        ])
    );
    for f in o["findings"].as_array().unwrap() {
        assert_eq!(keys(f), set_of(&["rule", "effect", "title", "detail"]));
    }
    assert_eq!(
        o["referrals"],
        json!([{ "to": "gp", "urgency": "routine", "rule": "CO-THYROID" }])
    );
    let p = plan(&o);
    assert_eq!(
        keys(p),
        set_of(&[
            "kind",
            "status",
            "interval_weeks",
            "sessions",
            "review_on",
            "booster_every_months",
            "boosters",
            "ingredients",
            "home_care_per_week",
            "lifestyle",
            "estimated_cost"
        ])
    );
    for s in p["sessions"].as_array().unwrap() {
        assert_eq!(keys(s), set_of(&["number", "date"]));
    }
    for i in p["ingredients"].as_array().unwrap() {
        assert_eq!(keys(i), set_of(&["group", "emphasis"]));
    }
    assert_eq!(
        keys(&p["estimated_cost"]),
        set_of(&[
            "currency",
            "session_count",
            "session_price",
            "booster_count",
            "booster_price",
            "total"
        ])
    );
    // the spec's example: thyroid → consult, hormonal + genetic drivers
    assert_eq!(verdict(&o), "consult");
    assert_eq!(drivers(&o), vec!["genetic", "hormonal"]);
    assert!(o["recheck_on"].is_null());
    // notes have rule, title, detail
    let o = run(&with(&[("injections", json!("unsure"))]));
    for n in o["notes"].as_array().unwrap() {
        assert_eq!(keys(n), set_of(&["rule", "title", "detail"]));
    }
}
