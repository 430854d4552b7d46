//! The saved-plans format version 1 (`meso-advisor/plans@1`, which stored the rendered
//! English outcome) and its migration to the typed records of version 2. It must never drop
//! a record: one that cannot be converted is kept as it was, with the reason.

use chrono::NaiveDate;
use serde::Deserialize;
use serde_json::Value;

use crate::core::clinic::{ClinicSnapshot, Policy};
use crate::core::dates::add_months;
use crate::core::drivers::advice;
use crate::core::outcome::Outcome;
use crate::core::planner::Plan;
use crate::core::rules::{Effect, Finding, NoteId, Referral};
use crate::core::{assess, Answers, Catalog, Clinic, Evaluation};

use super::plans::{
    Confirmation, ReviewVisit, SavedPlan, SessionDone, StaffNote, StaffRecord, StoreError,
    Unconverted,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfirmationV1 {
    by: String,
    at: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SessionDoneV1 {
    number: u8,
    date: NaiveDate,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProgressV1 {
    date: NaiveDate,
    score: u8,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct StaffV1 {
    confirmation: Option<ConfirmationV1>,
    adjustments: Vec<String>,
    sessions_done: Vec<SessionDoneV1>,
    notes: Vec<String>,
    progress: Vec<ProgressV1>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SavedPlanV1 {
    id: String,
    label: String,
    created_at: String,
    updated_at: String,
    assessed_on: NaiveDate,
    answers: Answers,
    outcome: Outcome,
    clinic_version: String,
    #[serde(default)]
    staff: StaffV1,
}

/// Migrates a version-1 envelope. Each record becomes a typed record:
/// 1. recomputed with the settings it was computed with, when one of `clinics` is they (same
///    fingerprint, or the same decisions and dates): exact, with its settings snapshot;
/// 2. otherwise rebuilt from the stored outcome's typed parts (verdict, rule ids, effects,
///    referrals, dates, cost), without a settings snapshot;
/// 3. otherwise kept unconverted, with the reason.
///
/// A document that is not a version-1 envelope at all is [`StoreError::Damaged`].
pub fn migrate_v1(
    value: &Value,
    clinics: &[Clinic],
) -> Result<(Vec<SavedPlan>, Vec<Unconverted>), StoreError> {
    let obj = value
        .as_object()
        .ok_or_else(|| StoreError::Damaged("not an object".into()))?;
    if let Some(k) = obj
        .keys()
        .find(|k| !["schema", "plans"].contains(&k.as_str()))
    {
        return Err(StoreError::Damaged(format!("unknown field {k}")));
    }
    let records = obj
        .get("plans")
        .and_then(Value::as_array)
        .ok_or_else(|| StoreError::Damaged("no list of plans".into()))?;
    let mut plans = vec![];
    let mut unconverted = vec![];
    for record in records {
        match convert(record, clinics) {
            Ok(p) => plans.push(p),
            Err(reason) => unconverted.push(Unconverted {
                from_version: 1,
                reason,
                record: record.clone(),
            }),
        }
    }
    Ok((plans, unconverted))
}

fn convert(record: &Value, clinics: &[Clinic]) -> Result<SavedPlan, String> {
    // Through text, like every other saved type (see `read_envelope`).
    let old: SavedPlanV1 = serde_json::from_str(&record.to_string()).map_err(|e| e.to_string())?;
    let (evaluation, clinic) = recompute(&old, clinics)
        .map(|(e, c)| (e, Some(c)))
        .or_else(|| rebuild(&old).map(|e| (e, None)))
        .ok_or("its result could not be rebuilt from the stored data")?;
    let staff = StaffRecord {
        confirmation: old.staff.confirmation.map(|c| Confirmation {
            on: c
                .at
                .get(..10)
                .and_then(|d| crate::core::parse_iso_date(d).ok())
                .unwrap_or(old.assessed_on),
            by: c.by,
            at: c.at,
        }),
        // Free-text adjustments have no typed form: kept, word for word, as notes.
        notes: old
            .staff
            .adjustments
            .into_iter()
            .chain(old.staff.notes)
            .map(|text| StaffNote {
                at: String::new(),
                text,
            })
            .collect(),
        adjustments: vec![],
        sessions_done: old
            .staff
            .sessions_done
            .into_iter()
            .map(|s| SessionDone {
                number: s.number,
                date: s.date,
                product: None,
                lot: None,
                notes: None,
                side_effects: None,
            })
            .collect(),
        reviews: old
            .staff
            .progress
            .into_iter()
            .map(|p| ReviewVisit {
                date: p.date,
                clinician_score: None,
                patient_rating: Some(p.score.min(10)),
                pull_test_count: None,
                notes: (p.score > 10).then(|| format!("score {}", p.score)),
            })
            .collect(),
    };
    Ok(SavedPlan {
        id: old.id,
        label: old.label,
        created_at: old.created_at,
        updated_at: old.updated_at,
        assessed_on: old.assessed_on,
        answers: old.answers,
        smooth_area_unsure: false,
        evaluation,
        clinic,
        clinic_version: old.clinic_version,
        staff,
    })
}

/// Whether a typed evaluation decided exactly what a stored outcome says (texts aside).
fn same_decisions(e: &Evaluation, o: &Outcome) -> bool {
    let r = e.render(Catalog::english());
    let pairs = |o: &Outcome| -> Vec<_> { o.findings.iter().map(|f| (f.rule, f.effect)).collect() };
    r.verdict == o.verdict
        && pairs(&r) == pairs(o)
        && r.referrals == o.referrals
        && r.recheck_on == o.recheck_on
        && r.drivers == o.drivers
        && r.notes
            .iter()
            .map(|n| n.rule)
            .eq(o.notes.iter().map(|n| n.rule))
        && r.plan.clone().map(|p| p.map_lifestyle(|_| ()))
            == o.plan.clone().map(|p| p.map_lifestyle(|_| ()))
}

fn recompute(old: &SavedPlanV1, clinics: &[Clinic]) -> Option<(Evaluation, ClinicSnapshot)> {
    // The clinic with the stored fingerprint first.
    let mut order: Vec<&Clinic> = clinics
        .iter()
        .filter(|c| c.fingerprint() == old.clinic_version)
        .collect();
    order.extend(
        clinics
            .iter()
            .filter(|c| c.fingerprint() != old.clinic_version),
    );
    order.into_iter().find_map(|c| {
        let e = assess(&old.answers, c, old.assessed_on);
        same_decisions(&e, &old.outcome).then(|| (e, ClinicSnapshot::of(c)))
    })
}

/// The policy a configurable finding's effect implies (the months from its recheck date).
fn policy_for(
    effect: Effect,
    assessed_on: NaiveDate,
    recheck: Option<NaiveDate>,
) -> Option<Policy> {
    match effect {
        Effect::NotSuitable => Some(Policy::Exclude),
        Effect::Consult => Some(Policy::DoctorLetter),
        Effect::Defer => {
            let recheck = recheck?;
            (1..=24u8)
                .find(|m| add_months(assessed_on, u32::from(*m)) == recheck)
                .map(|months| Policy::Defer { months })
        }
        _ => None,
    }
}

fn rebuild(old: &SavedPlanV1) -> Option<Evaluation> {
    let o = &old.outcome;
    let mut findings = vec![];
    for f in &o.findings {
        let referral = o
            .referrals
            .iter()
            .find(|r| r.rule == f.rule)
            .map(|r| Referral {
                to: r.to,
                urgency: r.urgency,
            });
        let configurable = f.rule.policy_key().is_some();
        // A deferral's own date is the outcome's when it is the only dated one.
        let recheck_on = (f.effect == Effect::Defer)
            .then_some(o.recheck_on)
            .flatten();
        let policy = if configurable {
            Some(policy_for(f.effect, old.assessed_on, recheck_on)?)
        } else {
            None
        };
        findings.push(Finding {
            rule: f.rule,
            effect: f.effect,
            referral,
            recheck_on,
            policy,
        });
    }
    let plan = match &o.plan {
        None => None,
        Some(p) => {
            let lifestyle = advice(&old.answers, &o.drivers);
            if lifestyle.len() != p.lifestyle.len() {
                return None;
            }
            let mut items = lifestyle.into_iter();
            let typed: Plan = p
                .clone()
                .map_lifestyle(|_| items.next().expect("same length"));
            Some(typed)
        }
    };
    let notes: Vec<NoteId> = o.notes.iter().map(|n| n.rule).collect();
    Some(Evaluation {
        verdict: o.verdict,
        findings,
        recheck_on: o.recheck_on,
        drivers: o.drivers.clone(),
        plan,
        notes,
    })
}
