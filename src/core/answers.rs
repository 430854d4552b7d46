//! The assessment answers (spec §3): the model, its strict JSON form and its validation.
//! It must not evaluate rules, and must not read the clock (`today` is passed in).

use std::collections::BTreeSet;

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::Value;

use super::choice::choice;
use super::problem::{parse_json, InputError, Problem, ProblemKind};
use super::reader::Reader;

/// The schema tag of the answers document.
pub const ANSWERS_SCHEMA: &str = "meso-advisor/assessment@1";

choice! {
    /// Sex (selects the pattern pictures shown).
    pub enum Sex { Female = "female", Male = "male", Other = "other" }
}

choice! {
    /// Which picture looks most like the hair loss.
    pub enum Pattern {
        HairlineOrCrown = "hairline_or_crown",
        PartWidening = "part_widening",
        DiffuseShedding = "diffuse_shedding",
        Patches = "patches",
        Unsure = "unsure",
    }
}

choice! {
    /// The staging scale of a picked stage.
    pub enum Scale { Norwood = "norwood", Ludwig = "ludwig" }
}

choice! {
    /// How long the hair loss has been noticed.
    pub enum HairLossDuration {
        Under3Months = "under_3_months",
        From3To12Months = "3_to_12_months",
        From1To5Years = "1_to_5_years",
        Over5Years = "over_5_years",
    }
}

choice! {
    /// Whether it started suddenly or gradually.
    pub enum Onset { Sudden = "sudden", Gradual = "gradual" }
}

choice! {
    /// Parents or siblings with thinning hair.
    pub enum FamilyHistory { Yes = "yes", No = "no", Unsure = "unsure" }
}

choice! {
    /// Signs on the scalp now.
    pub enum ScalpSign {
        RednessScaling = "redness_scaling",
        PainBurningItch = "pain_burning_itch",
        ShinyPatchesNoOpenings = "shiny_patches_no_openings",
        PustulesOrSwelling = "pustules_or_swelling",
        OpenWoundOrInfection = "open_wound_or_infection",
        Sunburn = "sunburn",
    }
}

choice! {
    /// Events in the last 6 months.
    pub enum Trigger {
        IllnessOrFever = "illness_or_fever",
        Surgery = "surgery",
        Childbirth = "childbirth",
        CrashDietOrWeightLoss = "crash_diet_or_weight_loss",
        SevereStress = "severe_stress",
        NewMedication = "new_medication",
        Chemotherapy = "chemotherapy",
    }
}

choice! {
    /// Day-to-day factors.
    pub enum LifestyleFactor {
        PoorSleep = "poor_sleep",
        HighStress = "high_stress",
        RestrictiveDiet = "restrictive_diet",
        Smoking = "smoking",
        PollutionExposure = "pollution_exposure",
    }
}

choice! {
    /// Health and safety conditions.
    pub enum Condition {
        Pregnant = "pregnant",
        Breastfeeding = "breastfeeding",
        Anticoagulants = "anticoagulants",
        BleedingDisorder = "bleeding_disorder",
        ActiveCancerTreatment = "active_cancer_treatment",
        CancerWithin12Months = "cancer_within_12_months",
        Immunosuppressed = "immunosuppressed",
        AutoimmuneDisease = "autoimmune_disease",
        KeloidTendency = "keloid_tendency",
        DiabetesInsulin = "diabetes_insulin",
        DiabetesOther = "diabetes_other",
        UncontrolledBloodPressure = "uncontrolled_blood_pressure",
        HeartDisease = "heart_disease",
        SystemicSteroids = "systemic_steroids",
        Isotretinoin = "isotretinoin_last_12_months",
        IngredientAllergy = "ingredient_allergy",
        ThyroidDisorder = "thyroid_disorder",
        IronDeficiencyOrAnaemia = "iron_deficiency_or_anaemia",
        NeedleFainting = "needle_fainting",
    }
}

choice! {
    /// Other signs.
    pub enum Symptom {
        FatigueWeightChange = "fatigue_weight_change",
        IrregularPeriods = "irregular_periods",
        AcneOrExcessHair = "acne_or_excess_hair",
        VoiceDeepening = "voice_deepening",
        NailPitting = "nail_pitting",
        HairPullingUrge = "hair_pulling_urge",
    }
}

choice! {
    /// Treatments tried before.
    pub enum Treatment {
        Minoxidil = "minoxidil",
        FinasterideOrDutasteride = "finasteride_or_dutasteride",
        Prp = "prp",
        Mesotherapy = "mesotherapy",
        Transplant = "transplant",
        Supplements = "supplements",
    }
}

choice! {
    /// Whether injections are an option.
    pub enum Injections { Accepted = "accepted", NeedleFreeOnly = "needle_free_only", Unsure = "unsure" }
}

/// A picked stage on an illustrated scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stage {
    /// Norwood (1–7) or Ludwig (1–3).
    pub scale: Scale,
    /// The grade on that scale.
    pub grade: u8,
}

impl Stage {
    /// The highest grade of a scale.
    pub fn max_grade(scale: Scale) -> u8 {
        match scale {
            Scale::Norwood => 7,
            Scale::Ludwig => 3,
        }
    }

    /// Norwood grade, when the scale is Norwood.
    pub fn norwood(self) -> Option<u8> {
        (self.scale == Scale::Norwood).then_some(self.grade)
    }

    /// Ludwig grade, when the scale is Ludwig.
    pub fn ludwig(self) -> Option<u8> {
        (self.scale == Scale::Ludwig).then_some(self.grade)
    }
}

/// The schema tag field of the answers document (always [`ANSWERS_SCHEMA`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct AnswersSchema;

impl Serialize for AnswersSchema {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(ANSWERS_SCHEMA)
    }
}

/// Every answer of the questionnaire (spec §3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Answers {
    pub schema: AnswersSchema,
    pub age: u8,
    pub sex: Sex,
    pub pattern: Pattern,
    pub stage: Option<Stage>,
    pub no_regrowth_visible: bool,
    pub duration: HairLossDuration,
    pub onset: Onset,
    pub shedding_increased: bool,
    pub family_history: FamilyHistory,
    pub scalp_signs: BTreeSet<ScalpSign>,
    pub recent_triggers: BTreeSet<Trigger>,
    pub lifestyle: BTreeSet<LifestyleFactor>,
    pub conditions: BTreeSet<Condition>,
    pub symptoms: BTreeSet<Symptom>,
    pub menopause: bool,
    pub previous_treatments: BTreeSet<Treatment>,
    pub hair_loss_after_previous_mesotherapy: bool,
    pub injections: Injections,
    pub start_date: Option<NaiveDate>,
}

const FIELDS: &[&str] = &[
    "schema",
    "age",
    "sex",
    "pattern",
    "stage",
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
    "start_date",
];

impl Answers {
    /// Parses and fully validates answers text: structure, cross-field rules and, when
    /// `today` is given, that `start_date` is not in the past. Every problem is reported.
    pub fn parse(text: &str, today: Option<NaiveDate>) -> Result<Answers, InputError> {
        let value = parse_json("answers", text)?;
        Answers::from_value(&value, today).map_err(InputError::Invalid)
    }

    /// Reads answers from a JSON value (see [`Answers::parse`]).
    pub fn from_value(v: &Value, today: Option<NaiveDate>) -> Result<Answers, Vec<Problem>> {
        let mut r = Reader::default();
        let Some(map) = r.object(v, "", FIELDS) else {
            // The whole document is wrong: name it as the answers.
            return Err(r
                .problems
                .into_iter()
                .map(|p| Problem::new("answers", p.message))
                .collect());
        };
        match r.required(map, "", "schema") {
            Some(Value::String(s)) if s == ANSWERS_SCHEMA => {}
            Some(_) => r.fail("schema", format!("must be \"{ANSWERS_SCHEMA}\"")),
            None => {}
        }
        let age = {
            let v = r.required(map, "", "age");
            r.int(v, "age", 0, 120)
        };
        let sex = {
            let v = r.required(map, "", "sex");
            r.choice::<Sex>(v, "sex")
        };
        let pattern = {
            let v = r.required(map, "", "pattern");
            r.choice::<Pattern>(v, "pattern")
        };
        let stage = match Reader::optional(map, "stage") {
            None => Some(None),
            Some(sv) => r.object(sv, "stage", &["scale", "grade"]).and_then(|sm| {
                let scale = r.required(sm, "stage", "scale");
                let scale = r.choice::<Scale>(scale, "stage.scale");
                let grade = r.required(sm, "stage", "grade");
                let grade = r.int(
                    grade,
                    "stage.grade",
                    i64::from(i32::MIN),
                    i64::from(i32::MAX),
                );
                let (scale, grade) = (scale?, grade?);
                let max = Stage::max_grade(scale);
                match u8::try_from(grade) {
                    Ok(g) if (1..=max).contains(&g) => Some(Some(Stage { scale, grade: g })),
                    _ => {
                        r.fail(
                            "stage.grade",
                            format!("{grade} is out of range for the {scale} scale (1 to {max})"),
                        );
                        None
                    }
                }
            }),
        };
        let no_regrowth_visible = {
            let v = r.required(map, "", "no_regrowth_visible");
            r.bool(v, "no_regrowth_visible")
        };
        let duration = {
            let v = r.required(map, "", "duration");
            r.choice::<HairLossDuration>(v, "duration")
        };
        let onset = {
            let v = r.required(map, "", "onset");
            r.choice::<Onset>(v, "onset")
        };
        let shedding_increased = {
            let v = r.required(map, "", "shedding_increased");
            r.bool(v, "shedding_increased")
        };
        let family_history = {
            let v = r.required(map, "", "family_history");
            r.choice::<FamilyHistory>(v, "family_history")
        };
        let scalp_signs = {
            let v = r.required(map, "", "scalp_signs");
            r.set::<ScalpSign>(v, "scalp_signs")
        };
        let recent_triggers = {
            let v = r.required(map, "", "recent_triggers");
            r.set::<Trigger>(v, "recent_triggers")
        };
        let lifestyle = {
            let v = r.required(map, "", "lifestyle");
            r.set::<LifestyleFactor>(v, "lifestyle")
        };
        let conditions = {
            let v = r.required(map, "", "conditions");
            r.set::<Condition>(v, "conditions")
        };
        let symptoms = {
            let v = r.required(map, "", "symptoms");
            r.set::<Symptom>(v, "symptoms")
        };
        let menopause = {
            let v = r.required(map, "", "menopause");
            r.bool(v, "menopause")
        };
        let previous_treatments = {
            let v = r.required(map, "", "previous_treatments");
            r.set::<Treatment>(v, "previous_treatments")
        };
        let hair_loss_after = {
            let v = r.required(map, "", "hair_loss_after_previous_mesotherapy");
            r.bool(v, "hair_loss_after_previous_mesotherapy")
        };
        let injections = {
            let v = r.required(map, "", "injections");
            r.choice::<Injections>(v, "injections")
        };
        let start_date = match Reader::optional(map, "start_date") {
            None => Some(None),
            some => r.date(some, "start_date").map(Some),
        };

        let mut problems = r.problems;
        // Cross-field checks that need only some fields still run on partial input.
        if let Some(Some(stage)) = stage {
            problems.extend(check_stage(stage));
        }
        if let (Some(sex), Some(conditions)) = (sex, conditions.as_ref()) {
            problems.extend(check_sex(sex, conditions, menopause.unwrap_or(false)));
        }
        if let (Some(prev), Some(after)) = (previous_treatments.as_ref(), hair_loss_after) {
            problems.extend(check_previous(prev, after));
        }
        if let (Some(today), Some(Some(start))) = (today, start_date) {
            problems.extend(check_start(start, today));
        }
        // Built only when every field was read.
        let answers = (|| {
            Some(Answers {
                schema: AnswersSchema,
                age: age? as u8,
                sex: sex?,
                pattern: pattern?,
                stage: stage?,
                no_regrowth_visible: no_regrowth_visible?,
                duration: duration?,
                onset: onset?,
                shedding_increased: shedding_increased?,
                family_history: family_history?,
                scalp_signs: scalp_signs?,
                recent_triggers: recent_triggers?,
                lifestyle: lifestyle?,
                conditions: conditions?,
                symptoms: symptoms?,
                menopause: menopause?,
                previous_treatments: previous_treatments?,
                hair_loss_after_previous_mesotherapy: hair_loss_after?,
                injections: injections?,
                start_date: start_date?,
            })
        })();
        match answers {
            Some(a) if problems.is_empty() => Ok(a),
            _ => Err(problems),
        }
    }

    /// Every problem of already-built answers (the web app builds them from its form):
    /// cross-field rules and, with `today`, a start date in the past.
    pub fn problems(&self, today: Option<NaiveDate>) -> Vec<Problem> {
        let mut problems = Vec::new();
        if self.age > 120 {
            problems.push(Problem::of(
                ProblemKind::OutOfRange,
                "age",
                format!("must be a whole number from 0 to 120, not {}", self.age),
            ));
        }
        if let Some(stage) = self.stage {
            problems.extend(check_stage(stage));
        }
        problems.extend(check_sex(self.sex, &self.conditions, self.menopause));
        problems.extend(check_previous(
            &self.previous_treatments,
            self.hair_loss_after_previous_mesotherapy,
        ));
        if let (Some(today), Some(start)) = (today, self.start_date) {
            problems.extend(check_start(start, today));
        }
        problems
    }

    /// The answers document (with its schema tag), as exported and saved.
    pub fn to_value(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }

    /// The `genetic`-relevant patterns (pattern hair loss).
    pub fn is_pattern_loss(&self) -> bool {
        matches!(
            self.pattern,
            Pattern::HairlineOrCrown | Pattern::PartWidening
        )
    }
}

/// Answers embedded in other documents (saved plans, backups) are read with the same strict
/// reader, without the start-date check (a saved plan's start may now be in the past).
impl<'de> serde::Deserialize<'de> for Answers {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = Value::deserialize(d)?;
        Answers::from_value(&v, None).map_err(|problems| {
            let lines: Vec<String> = problems.iter().map(Problem::to_string).collect();
            <D::Error as serde::de::Error>::custom(lines.join("; "))
        })
    }
}

fn check_stage(stage: Stage) -> Vec<Problem> {
    let max = Stage::max_grade(stage.scale);
    if (1..=max).contains(&stage.grade) {
        return vec![];
    }
    vec![Problem::new(
        "stage.grade",
        format!(
            "{} is out of range for the {} scale (1 to {max})",
            stage.grade, stage.scale
        ),
    )]
}

fn check_sex(sex: Sex, conditions: &BTreeSet<Condition>, menopause: bool) -> Vec<Problem> {
    let mut out = Vec::new();
    if sex == Sex::Male && conditions.contains(&Condition::Pregnant) {
        out.push(Problem::of(
            ProblemKind::NotApplicable,
            "conditions",
            "\"pregnant\" cannot be chosen with sex \"male\"",
        ));
    }
    if sex == Sex::Male && menopause {
        out.push(Problem::of(
            ProblemKind::NotApplicable,
            "menopause",
            "must be false when sex is \"male\" (the question does not apply)",
        ));
    }
    out
}

fn check_previous(previous: &BTreeSet<Treatment>, after: bool) -> Vec<Problem> {
    if after && !previous.contains(&Treatment::Mesotherapy) {
        return vec![Problem::of(
            ProblemKind::NotApplicable,
            "hair_loss_after_previous_mesotherapy",
            "must be false unless \"mesotherapy\" is among previous_treatments (the question does not apply)",
        )];
    }
    vec![]
}

/// How far ahead a start date may be: a plan years away is no plan (and its dates must
/// stay within four-digit years).
pub const MAX_START_YEARS_AHEAD: u32 = 10;

fn check_start(start: NaiveDate, today: NaiveDate) -> Vec<Problem> {
    if start < today {
        return vec![Problem::of(
            ProblemKind::DateInPast,
            "start_date",
            format!("{start} is before today ({today})"),
        )];
    }
    if start > super::dates::add_months(today, 12 * MAX_START_YEARS_AHEAD) {
        return vec![Problem::of(
            ProblemKind::DateTooFar,
            "start_date",
            format!("{start} is more than {MAX_START_YEARS_AHEAD} years after today ({today})"),
        )];
    }
    vec![]
}
