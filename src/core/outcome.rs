//! The assessment as a whole: answers + clinic + today → [`Evaluation`] (typed), rendered
//! through a catalog into the [`Outcome`] JSON of spec §7. It must not read the clock or
//! do IO; the web app and the command line both call [`assess`].

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::answers::Answers;
use super::catalog::Catalog;
use super::clinic::{Clinic, Policy};
use super::drivers::{drivers, Driver};
use super::planner::{build_plan, Plan};
use super::rules::{evaluate, Effect, Finding, NoteId, ReferTo, RuleId, Urgency};

/// The schema tag of the outcome document.
pub const OUTCOME_SCHEMA: &str = "meso-advisor/outcome@1";

/// Everything the rules and the planner decided, before any text. This typed value (not
/// its rendering) is what a saved plan keeps (spec §9).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Evaluation {
    pub verdict: Effect,
    pub findings: Vec<Finding>,
    pub recheck_on: Option<NaiveDate>,
    pub drivers: Vec<Driver>,
    pub plan: Option<Plan>,
    pub notes: Vec<NoteId>,
}

/// Evaluates answers for a clinic on a given day (spec §4–§6).
pub fn assess(answers: &Answers, clinic: &Clinic, today: NaiveDate) -> Evaluation {
    let found = evaluate(answers, clinic, today);
    let drivers = drivers(answers);
    let plan = matches!(found.verdict, Effect::Suitable | Effect::Consult)
        .then(|| build_plan(answers, &drivers, clinic, today));
    Evaluation {
        verdict: found.verdict,
        findings: found.findings,
        recheck_on: found.recheck_on,
        drivers,
        plan,
        notes: found.notes,
    }
}

/// A finding as written in the outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FindingText {
    pub rule: RuleId,
    pub effect: Effect,
    pub title: String,
    pub detail: String,
}

/// A referral as written in the outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReferralEntry {
    pub to: ReferTo,
    pub urgency: Urgency,
    pub rule: RuleId,
}

/// A note as written in the outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoteText {
    pub rule: NoteId,
    pub title: String,
    pub detail: String,
}

/// The outcome document of spec §7 (plus `notes`, the never-deciding notes of §4.5).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outcome {
    pub schema: String,
    pub verdict: Effect,
    pub findings: Vec<FindingText>,
    pub referrals: Vec<ReferralEntry>,
    pub recheck_on: Option<NaiveDate>,
    pub drivers: Vec<Driver>,
    pub plan: Option<Plan<String>>,
    pub notes: Vec<NoteText>,
}

/// The plain-language detail of a finding, with the clinic's policy sentence when the rule
/// is configurable.
pub fn finding_detail(f: &Finding, catalog: &Catalog) -> String {
    let mut detail = catalog.t(&format!("rule.{}.detail", f.rule));
    // The surgeon sentence only where the rule refers to one (age and pattern, spec §4.2).
    if f.referral
        .is_some_and(|r| r.to == ReferTo::HairRestorationSurgeon)
    {
        detail = format!(
            "{detail} {}",
            catalog.t(&format!("rule.{}.surgeon", f.rule))
        );
    }
    let policy = match f.policy {
        None => return detail,
        Some(Policy::Exclude) => catalog.t("policy.exclude"),
        Some(Policy::DoctorLetter) => catalog.t("policy.doctor_letter"),
        Some(Policy::Defer { months: 1 }) => catalog.t("policy.defer.one"),
        Some(Policy::Defer { months }) => {
            catalog.f("policy.defer", &[("months", &months.to_string())])
        }
    };
    format!("{detail} {policy}")
}

impl Evaluation {
    /// Renders the outcome document in the catalog's language.
    pub fn render(&self, catalog: &Catalog) -> Outcome {
        Outcome {
            schema: OUTCOME_SCHEMA.into(),
            verdict: self.verdict,
            findings: self
                .findings
                .iter()
                .map(|f| FindingText {
                    rule: f.rule,
                    effect: f.effect,
                    title: catalog.t(&format!("rule.{}.title", f.rule)),
                    detail: finding_detail(f, catalog),
                })
                .collect(),
            referrals: self
                .findings
                .iter()
                .filter_map(|f| {
                    f.referral.map(|r| ReferralEntry {
                        to: r.to,
                        urgency: r.urgency,
                        rule: f.rule,
                    })
                })
                .collect(),
            recheck_on: self.recheck_on,
            drivers: self.drivers.clone(),
            plan: self
                .plan
                .clone()
                .map(|p| p.map_lifestyle(|a| catalog.t(&format!("lifestyle.{a}")))),
            notes: self
                .notes
                .iter()
                .map(|n| NoteText {
                    rule: *n,
                    title: catalog.t(&format!("note.{n}.title")),
                    detail: catalog.t(&format!("note.{n}.detail")),
                })
                .collect(),
        }
    }
}

/// Whether the result may mention medical treatments (spec §2: for pattern hair loss only),
/// never for a minor or during pregnancy or breastfeeding.
pub fn mentions_medical_treatments(answers: &Answers, evaluation: &Evaluation) -> bool {
    answers.is_pattern_loss()
        && !evaluation.findings.iter().any(|f| {
            matches!(
                f.rule,
                RuleId::RfMinor | RuleId::DfPregnant | RuleId::DfBreastfeeding
            )
        })
}

/// Who to see, once per person: the strongest urgency among the findings that refer to
/// them, and the rules behind it, most urgent first (then in findings order).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReferralGroup {
    pub to: ReferTo,
    pub urgency: Urgency,
    pub rules: Vec<RuleId>,
}

/// The referrals of the findings, one line per person to see (spec §4 lists one per
/// finding; the views merge them so the visitor reads each doctor once).
pub fn referral_groups(findings: &[Finding]) -> Vec<ReferralGroup> {
    let mut groups: Vec<ReferralGroup> = vec![];
    for f in findings {
        let Some(r) = f.referral else { continue };
        match groups.iter_mut().find(|g| g.to == r.to) {
            Some(g) => {
                g.urgency = g.urgency.max(r.urgency);
                g.rules.push(f.rule);
            }
            None => groups.push(ReferralGroup {
                to: r.to,
                urgency: r.urgency,
                rules: vec![f.rule],
            }),
        }
    }
    // Stable: equal urgencies keep findings order.
    groups.sort_by_key(|g| std::cmp::Reverse(g.urgency));
    groups
}

/// Clinic settings from `clinic.json` text (the embedded default when there is none), or one
/// line per problem, each prefixed `clinic settings: `.
pub fn clinic_from_text(text: Option<&str>) -> Result<Clinic, Vec<String>> {
    match text.map(Clinic::parse) {
        None => Ok(Clinic::default()),
        Some(Ok(c)) => Ok(c),
        Some(Err(e)) => Err(e
            .lines()
            .into_iter()
            .map(|l| format!("clinic settings: {l}"))
            .collect()),
    }
}

/// The command line's whole job: answers text (+ optional clinic text) → outcome, or every
/// problem found in either input.
pub fn assess_text(
    answers: &str,
    clinic: Option<&str>,
    today: NaiveDate,
    catalog: &Catalog,
) -> Result<Outcome, Vec<String>> {
    let clinic = clinic_from_text(clinic);
    let answers = Answers::parse(answers, Some(today)).map_err(|e| e.lines());
    match (answers, clinic) {
        (Ok(a), Ok(c)) => Ok(assess(&a, &c, today).render(catalog)),
        (a, c) => Err(a
            .err()
            .into_iter()
            .flatten()
            .chain(c.err().into_iter().flatten())
            .collect()),
    }
}
