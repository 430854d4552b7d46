//! The rules of spec §4: answers in, findings out (rule id, effect, referral, recheck date),
//! plus the notes that never change the verdict. It must not produce text (the catalog
//! does) and must not read the clock: `today` only dates rechecks.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::answers::{
    Answers, Condition, FamilyHistory, HairLossDuration, Injections, Onset, Pattern, ScalpSign,
    Sex, Symptom, Treatment, Trigger,
};
use super::choice::choice;
use super::clinic::{Clinic, Policy, PolicyKey};
use super::dates::{add_days, add_months};

choice! {
    /// Every rule of spec §4, spelled exactly as written there.
    pub enum RuleId {
        RfPatches = "RF-PATCHES",
        RfScalp = "RF-SCALP",
        RfInfection = "RF-INFECTION",
        RfMinor = "RF-MINOR",
        RfAndrogen = "RF-ANDROGEN",
        RfSystemic = "RF-SYSTEMIC",
        RfChemo = "RF-CHEMO",
        RfPulling = "RF-PULLING",
        RfMesoInjury = "RF-MESO-INJURY",
        RfMedication = "RF-MEDICATION",
        RfSuddenUnexplained = "RF-SUDDEN-UNEXPLAINED",
        CiCancer = "CI-CANCER",
        CiImmuno = "CI-IMMUNO",
        CiAutoimmune = "CI-AUTOIMMUNE",
        CiKeloid = "CI-KELOID",
        CiBleeding = "CI-BLEEDING",
        CiAnticoag = "CI-ANTICOAG",
        CiSteroids = "CI-STEROIDS",
        CiDiabetesInsulin = "CI-DIABETES-INSULIN",
        CiBp = "CI-BP",
        CiMinor = "CI-MINOR",
        StAdvanced = "ST-ADVANCED",
        DfPregnant = "DF-PREGNANT",
        DfBreastfeeding = "DF-BREASTFEEDING",
        DfScalpWound = "DF-SCALP-WOUND",
        DfIsotretinoin = "DF-ISOTRETINOIN",
        DfCancerRecent = "DF-CANCER-RECENT",
        CoDiabetes = "CO-DIABETES",
        CoHeart = "CO-HEART",
        CoAllergy = "CO-ALLERGY",
        CoThyroid = "CO-THYROID",
        CoIron = "CO-IRON",
        CoStageModerate = "CO-STAGE-MODERATE",
        CoStageUnknown = "CO-STAGE-UNKNOWN",
        CoPatternUnsure = "CO-PATTERN-UNSURE",
        CoLongDuration = "CO-LONG-DURATION",
        CoSheddingRecent = "CO-SHEDDING-RECENT",
        StEarly = "ST-EARLY",
        StShedding = "ST-SHEDDING",
    }
}

impl RuleId {
    /// The clinic policy key of a configurable rule (spec §4.2–4.3).
    pub fn policy_key(self) -> Option<PolicyKey> {
        Some(match self {
            RuleId::CiCancer => PolicyKey::ActiveCancerTreatment,
            RuleId::CiImmuno => PolicyKey::Immunosuppressed,
            RuleId::CiAutoimmune => PolicyKey::AutoimmuneDisease,
            RuleId::CiKeloid => PolicyKey::KeloidTendency,
            RuleId::CiBleeding => PolicyKey::BleedingDisorder,
            RuleId::CiAnticoag => PolicyKey::Anticoagulants,
            RuleId::CiSteroids => PolicyKey::SystemicSteroids,
            RuleId::CiDiabetesInsulin => PolicyKey::DiabetesInsulin,
            RuleId::CiBp => PolicyKey::UncontrolledBloodPressure,
            RuleId::DfIsotretinoin => PolicyKey::Isotretinoin,
            RuleId::DfCancerRecent => PolicyKey::CancerWithin12Months,
            _ => return None,
        })
    }
}

choice! {
    /// What a finding means for treatment, strongest first (declaration order is strength).
    pub enum Effect {
        Refer = "refer",
        NotSuitable = "not_suitable",
        Defer = "defer",
        Consult = "consult",
        Suitable = "suitable",
    }
}

choice! {
    /// Who a referral is to.
    pub enum ReferTo {
        Gp = "gp",
        Dermatologist = "dermatologist",
        Endocrinology = "endocrinology",
        Oncology = "oncology",
        Prescriber = "prescriber",
        MentalHealth = "mental_health",
        HairRestorationSurgeon = "hair_restoration_surgeon",
    }
}

choice! {
    /// How soon to act on a referral.
    pub enum Urgency { Routine = "routine", Soon = "soon", Urgent = "urgent" }
}

choice! {
    /// Notes that are shown but never change the verdict (spec §4.5).
    pub enum NoteId {
        NeedleFainting = "NT-NEEDLE-FAINTING",
        Menopause = "NT-MENOPAUSE",
        Transplant = "NT-TRANSPLANT",
        FamilyHistory = "NT-FAMILY-HISTORY",
        InjectionsUnsure = "NT-INJECTIONS-UNSURE",
    }
}

/// A referral to see someone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Referral {
    pub to: ReferTo,
    pub urgency: Urgency,
}

/// One rule that fired (typed; saved plans keep it as it is, spec §9).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Finding {
    pub rule: RuleId,
    pub effect: Effect,
    #[serde(default)]
    pub referral: Option<Referral>,
    /// For `defer` findings with a date.
    #[serde(default)]
    pub recheck_on: Option<NaiveDate>,
    /// The clinic policy applied, for configurable rules.
    #[serde(default)]
    pub policy: Option<Policy>,
}

/// What the rules found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Findings {
    /// Ordered by effect strength, then rule id.
    pub findings: Vec<Finding>,
    /// The strongest effect (`suitable` when nothing fired).
    pub verdict: Effect,
    /// The latest recheck date among `defer` findings, when the verdict is `defer`.
    pub recheck_on: Option<NaiveDate>,
    /// Notes, in declaration order.
    pub notes: Vec<NoteId>,
}

fn fixed(rule: RuleId, effect: Effect, referral: Option<(ReferTo, Urgency)>) -> Finding {
    Finding {
        rule,
        effect,
        referral: referral.map(|(to, urgency)| Referral { to, urgency }),
        recheck_on: None,
        policy: None,
    }
}

fn by_policy(rule: RuleId, clinic: &Clinic, today: NaiveDate) -> Finding {
    let key = rule
        .policy_key()
        .expect("called for configurable rules only");
    let policy = clinic.policy(key);
    let (effect, recheck_on) = match policy {
        Policy::Exclude => (Effect::NotSuitable, None),
        Policy::DoctorLetter => (Effect::Consult, None),
        Policy::Defer { months } => (Effect::Defer, Some(add_months(today, u32::from(months)))),
    };
    Finding {
        rule,
        effect,
        referral: None,
        recheck_on,
        policy: Some(policy),
    }
}

/// Whether RF-SUDDEN-UNEXPLAINED fires (also used to keep CO-SHEDDING-RECENT apart).
fn sudden_unexplained(a: &Answers) -> bool {
    a.pattern == Pattern::DiffuseShedding
        && a.onset == Onset::Sudden
        && a.duration == HairLossDuration::Under3Months
        && a.recent_triggers
            .iter()
            .all(|t| *t == Trigger::NewMedication)
}

/// Evaluates every rule of spec §4.
pub fn evaluate(a: &Answers, clinic: &Clinic, today: NaiveDate) -> Findings {
    use Effect::*;
    use ReferTo::*;
    use Urgency::*;
    let has_c = |c: Condition| a.conditions.contains(&c);
    let has_s = |s: Symptom| a.symptoms.contains(&s);
    let has_sign = |s: ScalpSign| a.scalp_signs.contains(&s);
    let has_t = |t: Trigger| a.recent_triggers.contains(&t);
    let norwood = a.stage.and_then(|s| s.norwood());
    let ludwig = a.stage.and_then(|s| s.ludwig());
    let mut out: Vec<Finding> = Vec::new();
    let mut fire = |cond: bool, f: &dyn Fn() -> Finding| {
        if cond {
            out.push(f());
        }
    };

    // 4.1 Red flags.
    fire(
        a.pattern == Pattern::Patches || has_s(Symptom::NailPitting),
        &|| fixed(RuleId::RfPatches, Refer, Some((Dermatologist, Soon))),
    );
    fire(
        has_sign(ScalpSign::RednessScaling)
            || has_sign(ScalpSign::PainBurningItch)
            || has_sign(ScalpSign::ShinyPatchesNoOpenings),
        &|| fixed(RuleId::RfScalp, Refer, Some((Dermatologist, Soon))),
    );
    fire(has_sign(ScalpSign::PustulesOrSwelling), &|| {
        fixed(RuleId::RfInfection, Refer, Some((Gp, Soon)))
    });
    fire(a.age < 18, &|| {
        fixed(RuleId::RfMinor, Refer, Some((Gp, Routine)))
    });
    fire(
        matches!(a.sex, Sex::Female | Sex::Other)
            && (has_s(Symptom::IrregularPeriods)
                || has_s(Symptom::AcneOrExcessHair)
                || has_s(Symptom::VoiceDeepening)),
        &|| {
            let urgency = if has_s(Symptom::VoiceDeepening) || a.onset == Onset::Sudden {
                Urgent
            } else {
                Routine
            };
            fixed(RuleId::RfAndrogen, Refer, Some((Endocrinology, urgency)))
        },
    );
    fire(has_s(Symptom::FatigueWeightChange), &|| {
        fixed(RuleId::RfSystemic, Refer, Some((Gp, Routine)))
    });
    fire(
        has_t(Trigger::Chemotherapy) || has_c(Condition::ActiveCancerTreatment),
        &|| fixed(RuleId::RfChemo, Refer, Some((Oncology, Routine))),
    );
    fire(has_s(Symptom::HairPullingUrge), &|| {
        fixed(RuleId::RfPulling, Refer, Some((MentalHealth, Routine)))
    });
    fire(a.hair_loss_after_previous_mesotherapy, &|| {
        fixed(RuleId::RfMesoInjury, Refer, Some((Dermatologist, Soon)))
    });
    fire(has_t(Trigger::NewMedication), &|| {
        fixed(RuleId::RfMedication, Refer, Some((Prescriber, Routine)))
    });
    fire(sudden_unexplained(a), &|| {
        fixed(RuleId::RfSuddenUnexplained, Refer, Some((Gp, Soon)))
    });

    // 4.2 Exclusions and 4.3 configurable deferrals (effect by clinic policy).
    for rule in RuleId::ALL.iter().copied() {
        if let Some(key) = rule.policy_key() {
            fire(has_c(key.condition()), &|| by_policy(rule, clinic, today));
        }
    }
    fire(a.age < 18, &|| fixed(RuleId::CiMinor, NotSuitable, None));
    fire(
        a.no_regrowth_visible || norwood.is_some_and(|g| g >= 6),
        &|| {
            let surgeon = a.age >= 25 && a.is_pattern_loss();
            fixed(
                RuleId::StAdvanced,
                NotSuitable,
                surgeon.then_some((HairRestorationSurgeon, Routine)),
            )
        },
    );

    // 4.3 Fixed deferrals.
    fire(has_c(Condition::Pregnant), &|| {
        fixed(RuleId::DfPregnant, Defer, None)
    });
    fire(has_c(Condition::Breastfeeding), &|| {
        fixed(RuleId::DfBreastfeeding, Defer, None)
    });
    fire(
        has_sign(ScalpSign::OpenWoundOrInfection) || has_sign(ScalpSign::Sunburn),
        &|| Finding {
            recheck_on: Some(add_days(today, 28)),
            ..fixed(RuleId::DfScalpWound, Defer, None)
        },
    );

    // 4.4 Needs a clinician's review.
    fire(has_c(Condition::DiabetesOther), &|| {
        fixed(RuleId::CoDiabetes, Consult, None)
    });
    fire(has_c(Condition::HeartDisease), &|| {
        fixed(RuleId::CoHeart, Consult, None)
    });
    fire(has_c(Condition::IngredientAllergy), &|| {
        fixed(RuleId::CoAllergy, Consult, None)
    });
    fire(has_c(Condition::ThyroidDisorder), &|| {
        fixed(RuleId::CoThyroid, Consult, Some((Gp, Routine)))
    });
    fire(has_c(Condition::IronDeficiencyOrAnaemia), &|| {
        fixed(RuleId::CoIron, Consult, Some((Gp, Routine)))
    });
    fire(norwood == Some(5) || ludwig == Some(3), &|| {
        fixed(RuleId::CoStageModerate, Consult, None)
    });
    fire(a.is_pattern_loss() && a.stage.is_none(), &|| {
        fixed(RuleId::CoStageUnknown, Consult, None)
    });
    fire(a.pattern == Pattern::Unsure, &|| {
        fixed(RuleId::CoPatternUnsure, Consult, None)
    });
    fire(a.duration == HairLossDuration::Over5Years, &|| {
        fixed(RuleId::CoLongDuration, Consult, None)
    });
    fire(
        a.pattern == Pattern::DiffuseShedding
            && a.duration == HairLossDuration::Under3Months
            && !sudden_unexplained(a),
        &|| fixed(RuleId::CoSheddingRecent, Consult, Some((Gp, Routine))),
    );

    // 4.5 Supporting findings.
    fire(
        norwood.is_some_and(|g| (1..=4).contains(&g))
            || ludwig.is_some_and(|g| (1..=2).contains(&g)),
        &|| fixed(RuleId::StEarly, Suitable, None),
    );
    fire(
        a.pattern == Pattern::DiffuseShedding && a.duration != HairLossDuration::Under3Months,
        &|| fixed(RuleId::StShedding, Suitable, None),
    );

    out.sort_by(|x, y| {
        x.effect
            .cmp(&y.effect)
            .then_with(|| x.rule.id().cmp(y.rule.id()))
    });
    let verdict = out.iter().map(|f| f.effect).min().unwrap_or(Suitable);
    let recheck_on = if verdict == Defer {
        out.iter()
            .filter(|f| f.effect == Defer)
            .filter_map(|f| f.recheck_on)
            .max()
    } else {
        None
    };
    Findings {
        findings: out,
        verdict,
        recheck_on,
        notes: notes(a),
    }
}

fn notes(a: &Answers) -> Vec<NoteId> {
    let mut notes = Vec::new();
    if a.conditions.contains(&Condition::NeedleFainting) {
        notes.push(NoteId::NeedleFainting);
    }
    if a.menopause {
        notes.push(NoteId::Menopause);
    }
    if a.previous_treatments.contains(&Treatment::Transplant) {
        notes.push(NoteId::Transplant);
    }
    if a.family_history == FamilyHistory::Yes {
        notes.push(NoteId::FamilyHistory);
    }
    if a.injections == Injections::Unsure {
        notes.push(NoteId::InjectionsUnsure);
    }
    notes
}
