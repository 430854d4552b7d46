//! The questionnaire: an in-progress draft of the answers, its six steps, which questions
//! apply, per-step validation and the reducer. It must not do IO (the UI keeps the draft in
//! session storage) and must not decide medical outcomes.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::core::answers::{
    Answers, Condition, FamilyHistory, HairLossDuration, Injections, LifestyleFactor, Onset,
    Pattern, Scale, ScalpSign, Sex, Stage, Symptom, Treatment, Trigger,
};
use crate::core::choice::Choice;
use crate::core::ProblemKind;
use serde_json::{json, Map, Value};

/// Number of steps.
pub const STEPS: u8 = 6;

/// A question of the form (one per answer field; `stage` covers the stage pictures).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    Age,
    Sex,
    Pattern,
    Stage,
    NoRegrowthVisible,
    Duration,
    Onset,
    SheddingIncreased,
    FamilyHistory,
    RecentTriggers,
    ScalpSigns,
    Symptoms,
    Conditions,
    Menopause,
    PreviousTreatments,
    HairLossAfterPreviousMesotherapy,
    Injections,
    StartDate,
    Lifestyle,
}

impl Field {
    /// The answer field's JSON name (also the catalog's `question.<id>` and the element id
    /// `q-<id>` that focus moves to).
    pub fn id(self) -> &'static str {
        match self {
            Field::Age => "age",
            Field::Sex => "sex",
            Field::Pattern => "pattern",
            Field::Stage => "stage",
            Field::NoRegrowthVisible => "no_regrowth_visible",
            Field::Duration => "duration",
            Field::Onset => "onset",
            Field::SheddingIncreased => "shedding_increased",
            Field::FamilyHistory => "family_history",
            Field::RecentTriggers => "recent_triggers",
            Field::ScalpSigns => "scalp_signs",
            Field::Symptoms => "symptoms",
            Field::Conditions => "conditions",
            Field::Menopause => "menopause",
            Field::PreviousTreatments => "previous_treatments",
            Field::HairLossAfterPreviousMesotherapy => "hair_loss_after_previous_mesotherapy",
            Field::Injections => "injections",
            Field::StartDate => "start_date",
            Field::Lifestyle => "lifestyle",
        }
    }

    /// The step (1-based) the question is on.
    pub fn step(self) -> u8 {
        match self {
            Field::Age | Field::Sex => 1,
            Field::Pattern | Field::Stage | Field::NoRegrowthVisible => 2,
            Field::Duration
            | Field::Onset
            | Field::SheddingIncreased
            | Field::FamilyHistory
            | Field::RecentTriggers
            | Field::Lifestyle => 3,
            Field::ScalpSigns | Field::Symptoms => 4,
            Field::Conditions | Field::Menopause => 5,
            Field::PreviousTreatments
            | Field::HairLossAfterPreviousMesotherapy
            | Field::Injections
            | Field::StartDate => 6,
        }
    }
}

/// Every field in the order asked.
pub const FIELDS: &[Field] = &[
    Field::Age,
    Field::Sex,
    Field::Pattern,
    Field::Stage,
    Field::NoRegrowthVisible,
    Field::Duration,
    Field::Onset,
    Field::SheddingIncreased,
    Field::FamilyHistory,
    Field::RecentTriggers,
    Field::Lifestyle,
    Field::ScalpSigns,
    Field::Symptoms,
    Field::Conditions,
    Field::Menopause,
    Field::PreviousTreatments,
    Field::HairLossAfterPreviousMesotherapy,
    Field::Injections,
    Field::StartDate,
];

/// A multi-choice answer: nothing chosen yet, "none of these", or some values.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(bound(serialize = "T: Serialize", deserialize = "T: Deserialize<'de> + Ord"))]
pub enum Multi<T: Ord> {
    /// Not answered yet.
    #[default]
    Unanswered,
    /// Explicitly none of these.
    NoneOfThese,
    /// At least one value.
    Some(BTreeSet<T>),
}

impl<T: Ord + Copy> Multi<T> {
    /// Whether a value is ticked.
    pub fn contains(&self, v: T) -> bool {
        matches!(self, Multi::Some(set) if set.contains(&v))
    }

    /// Ticks or unticks a value (ticking clears "none of these").
    pub fn toggle(&mut self, v: T) {
        let mut set = match std::mem::take(self) {
            Multi::Some(set) => set,
            _ => BTreeSet::new(),
        };
        if set.contains(&v) {
            set = without(set, |x| *x == v);
        } else {
            set.insert(v);
        }
        *self = if set.is_empty() {
            Multi::Unanswered
        } else {
            Multi::Some(set)
        };
    }

    /// The set of values, when answered.
    pub fn answered(&self) -> Option<BTreeSet<T>> {
        match self {
            Multi::Unanswered => None,
            Multi::NoneOfThese => Some(BTreeSet::new()),
            Multi::Some(set) => Some(set.clone()),
        }
    }
}

/// The stage question's answer: a picture, or "I'm not sure".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum StageAnswer {
    Picked(Stage),
    Unsure,
}

/// The in-progress answers; every field may still be empty.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Draft {
    /// The age as typed (validated on Next).
    pub age: String,
    pub sex: Option<Sex>,
    pub pattern: Option<Pattern>,
    pub stage: Option<StageAnswer>,
    pub no_regrowth_visible: Option<bool>,
    /// "Not sure" was chosen for `no_regrowth_visible` (answered as `false`: the clinician checks).
    pub no_regrowth_unsure: bool,
    pub duration: Option<HairLossDuration>,
    pub onset: Option<Onset>,
    pub shedding_increased: Option<bool>,
    pub family_history: Option<FamilyHistory>,
    pub recent_triggers: Multi<Trigger>,
    pub scalp_signs: Multi<ScalpSign>,
    pub symptoms: Multi<Symptom>,
    pub conditions: Multi<Condition>,
    pub menopause: Option<bool>,
    pub previous_treatments: Multi<Treatment>,
    pub hair_loss_after_previous_mesotherapy: Option<bool>,
    pub injections: Option<Injections>,
    /// The start date as typed (`YYYY-MM-DD` from the date input), empty for "as soon as
    /// possible".
    pub start_date: String,
    pub lifestyle: Multi<LifestyleFactor>,
}

/// Why a field cannot be accepted yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldIssue {
    /// Not answered.
    Missing,
    /// Age is not a whole number from 0 to 120.
    AgeInvalid,
    /// The start date is not a real date.
    DateInvalid,
    /// The start date is before today.
    DateInPast,
    /// The start date is too far ahead.
    DateTooFar,
    /// Any other answer the core refuses.
    Invalid,
}

impl FieldIssue {
    /// The catalog key of the message.
    pub fn message_key(self) -> &'static str {
        match self {
            FieldIssue::Missing => "validation.missing",
            FieldIssue::AgeInvalid => "validation.age",
            FieldIssue::DateInvalid => "validation.date",
            FieldIssue::DateInPast => "validation.date_past",
            FieldIssue::DateTooFar => "validation.date_too_far",
            FieldIssue::Invalid => "validation.invalid",
        }
    }
}

/// Options not shown for a sex, so never kept for it (pregnancy, breastfeeding and
/// irregular periods are not asked of men).
pub fn option_hidden(sex: Option<Sex>, field: &str, id: &str) -> bool {
    sex == Some(Sex::Male)
        && matches!(
            (field, id),
            ("conditions", "pregnant")
                | ("conditions", "breastfeeding")
                | ("symptoms", "irregular_periods")
        )
}

/// `set` without the values `drop` picks, built by insertion. Not `retain`, `remove` or a
/// collect: those bring B-tree rebalancing or a sort per element type into the web build (a
/// few KB each), for sets of at most a dozen values.
fn without<T: Ord + Copy>(set: BTreeSet<T>, drop: impl Fn(&T) -> bool) -> BTreeSet<T> {
    let mut kept = BTreeSet::new();
    for v in set {
        if !drop(&v) {
            kept.insert(v);
        }
    }
    kept
}

fn drop_hidden<T: Choice>(sex: Option<Sex>, field: &str, multi: &mut Multi<T>) {
    if let Multi::Some(set) = multi {
        let kept = strip_hidden(sex, field, std::mem::take(set));
        *multi = if kept.is_empty() {
            Multi::Unanswered
        } else {
            Multi::Some(kept)
        };
    }
}

fn strip_hidden<T: Choice>(sex: Option<Sex>, field: &str, set: BTreeSet<T>) -> BTreeSet<T> {
    without(set, |v| option_hidden(sex, field, v.id()))
}

/// Which scale's pictures the stage question shows for a pattern (none: no stage question).
pub fn stage_scale(pattern: Option<Pattern>) -> Option<Scale> {
    match pattern {
        Some(Pattern::HairlineOrCrown) => Some(Scale::Norwood),
        Some(Pattern::PartWidening) => Some(Scale::Ludwig),
        _ => None,
    }
}

impl Draft {
    /// Whether a question is shown, given the answers so far.
    pub fn applies(&self, field: Field) -> bool {
        match field {
            Field::Stage => stage_scale(self.pattern).is_some(),
            Field::Menopause => matches!(self.sex, Some(Sex::Female | Sex::Other)),
            Field::HairLossAfterPreviousMesotherapy => {
                self.previous_treatments.contains(Treatment::Mesotherapy)
            }
            _ => true,
        }
    }

    /// The answers document the form would submit (spec §3): unanswered questions absent,
    /// questions that do not apply answered `false`, options hidden for this sex dropped, the
    /// age and date as typed. The core validates it: there is no second set of checks.
    pub fn document(&self) -> Value {
        let mut m = Map::new();
        m.insert("schema".into(), json!(crate::core::answers::ANSWERS_SCHEMA));
        let age = self.age.trim();
        if !age.is_empty() {
            let number = (age.len() <= 8 && age.bytes().all(|b| b.is_ascii_digit()))
                .then(|| age.parse::<u64>().ok())
                .flatten();
            m.insert(
                "age".into(),
                number.map_or_else(|| json!(age), |n| json!(n)),
            );
        }
        let mut put = |k: &str, v: Option<Value>| {
            if let Some(v) = v {
                m.insert(k.into(), v);
            }
        };
        let id = |c: Option<&'static str>| c.map(|s| json!(s));
        put("sex", id(self.sex.map(Choice::id)));
        put("pattern", id(self.pattern.map(Choice::id)));
        if let (true, Some(StageAnswer::Picked(s))) = (self.applies(Field::Stage), self.stage) {
            put(
                "stage",
                Some(json!({ "scale": s.scale.id(), "grade": s.grade })),
            );
        }
        put(
            "no_regrowth_visible",
            self.no_regrowth_visible.map(|b| json!(b)),
        );
        put("duration", id(self.duration.map(Choice::id)));
        put("onset", id(self.onset.map(Choice::id)));
        put(
            "shedding_increased",
            self.shedding_increased.map(|b| json!(b)),
        );
        put("family_history", id(self.family_history.map(Choice::id)));
        fn list<T: Choice>(set: Option<BTreeSet<T>>) -> Option<Value> {
            set.map(|s| json!(s.into_iter().map(Choice::id).collect::<Vec<_>>()))
        }
        put("scalp_signs", list(self.scalp_signs.answered()));
        put("recent_triggers", list(self.recent_triggers.answered()));
        put("lifestyle", list(self.lifestyle.answered()));
        put(
            "conditions",
            list(
                self.conditions
                    .answered()
                    .map(|s| strip_hidden(self.sex, "conditions", s)),
            ),
        );
        put(
            "symptoms",
            list(
                self.symptoms
                    .answered()
                    .map(|s| strip_hidden(self.sex, "symptoms", s)),
            ),
        );
        put(
            "menopause",
            if self.applies(Field::Menopause) {
                self.menopause.map(|b| json!(b))
            } else {
                Some(json!(false))
            },
        );
        put(
            "previous_treatments",
            list(self.previous_treatments.answered()),
        );
        put(
            "hair_loss_after_previous_mesotherapy",
            if self.applies(Field::HairLossAfterPreviousMesotherapy) {
                self.hair_loss_after_previous_mesotherapy.map(|b| json!(b))
            } else {
                Some(json!(false))
            },
        );
        put("injections", id(self.injections.map(Choice::id)));
        let start = self.start_date.trim();
        if !start.is_empty() {
            put("start_date", Some(json!(start)));
        }
        Value::Object(m)
    }

    /// What only the form can know: an applicable stage question is answered (a picture of
    /// the right scale, or "Not sure"; the core takes an absent stage as "not given").
    fn stage_answered(&self) -> bool {
        match (stage_scale(self.pattern), self.stage) {
            (None, _) | (Some(_), Some(StageAnswer::Unsure)) => true,
            (Some(scale), Some(StageAnswer::Picked(s))) => s.scale == scale,
            (Some(_), None) => false,
        }
    }

    /// Every issue, in the order the questions are asked: the core's problems with the
    /// answers document, each on its question, plus an unanswered stage question.
    pub fn issues(&self, today: NaiveDate) -> Vec<(Field, FieldIssue)> {
        let problems = Answers::from_value(&self.document(), Some(today))
            .err()
            .unwrap_or_default();
        FIELDS
            .iter()
            .filter_map(|&f| {
                if f == Field::Stage && !self.stage_answered() {
                    return Some((f, FieldIssue::Missing));
                }
                let p = problems.iter().find(|p| p.top_field() == f.id())?;
                Some((f, issue_of(f, p.kind)))
            })
            .collect()
    }

    /// The issue with one field, if any (fields that do not apply never have one).
    pub fn issue(&self, field: Field, today: NaiveDate) -> Option<FieldIssue> {
        self.issues(today)
            .into_iter()
            .find(|(f, _)| *f == field)
            .map(|(_, i)| i)
    }

    /// Every issue on a step, in the order the questions are shown.
    pub fn step_issues(&self, step: u8, today: NaiveDate) -> Vec<(Field, FieldIssue)> {
        self.issues(today)
            .into_iter()
            .filter(|(f, _)| f.step() == step)
            .collect()
    }

    /// The first step with an issue, if any.
    pub fn first_incomplete_step(&self, today: NaiveDate) -> Option<u8> {
        self.issues(today).first().map(|(f, _)| f.step())
    }

    /// The complete answers, when the core accepts the answers document and the stage
    /// question is answered.
    pub fn to_answers(&self, today: NaiveDate) -> Option<Answers> {
        if !self.stage_answered() {
            return None;
        }
        Answers::from_value(&self.document(), Some(today)).ok()
    }

    /// A draft holding complete answers (to edit them again).
    pub fn from_answers(a: &Answers) -> Draft {
        fn multi<T: Ord + Clone>(set: &BTreeSet<T>) -> Multi<T> {
            if set.is_empty() {
                Multi::NoneOfThese
            } else {
                Multi::Some(set.clone())
            }
        }
        Draft {
            age: a.age.to_string(),
            sex: Some(a.sex),
            pattern: Some(a.pattern),
            stage: match (stage_scale(Some(a.pattern)), a.stage) {
                (Some(_), Some(s)) => Some(StageAnswer::Picked(s)),
                (Some(_), None) => Some(StageAnswer::Unsure),
                (None, _) => None,
            },
            no_regrowth_visible: Some(a.no_regrowth_visible),
            no_regrowth_unsure: false,
            duration: Some(a.duration),
            onset: Some(a.onset),
            shedding_increased: Some(a.shedding_increased),
            family_history: Some(a.family_history),
            recent_triggers: multi(&a.recent_triggers),
            scalp_signs: multi(&a.scalp_signs),
            symptoms: multi(&a.symptoms),
            conditions: multi(&a.conditions),
            menopause: Some(a.menopause),
            previous_treatments: multi(&a.previous_treatments),
            hair_loss_after_previous_mesotherapy: Some(a.hair_loss_after_previous_mesotherapy),
            injections: Some(a.injections),
            start_date: a.start_date.map(|d| d.to_string()).unwrap_or_default(),
            lifestyle: multi(&a.lifestyle),
        }
    }
}

/// How a question shows the core's problem of a kind.
fn issue_of(field: Field, kind: ProblemKind) -> FieldIssue {
    match (field, kind) {
        (_, ProblemKind::Required) => FieldIssue::Missing,
        (Field::Age, _) => FieldIssue::AgeInvalid,
        (Field::StartDate, ProblemKind::DateInPast) => FieldIssue::DateInPast,
        (Field::StartDate, ProblemKind::DateTooFar) => FieldIssue::DateTooFar,
        (Field::StartDate, _) => FieldIssue::DateInvalid,
        _ => FieldIssue::Invalid,
    }
}

/// A set-valued question, for the generic toggle actions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SetField {
    RecentTriggers,
    ScalpSigns,
    Symptoms,
    Conditions,
    PreviousTreatments,
    Lifestyle,
}

impl SetField {
    /// Every list question.
    pub const ALL: [SetField; 6] = [
        SetField::RecentTriggers,
        SetField::Lifestyle,
        SetField::ScalpSigns,
        SetField::Symptoms,
        SetField::Conditions,
        SetField::PreviousTreatments,
    ];

    /// The question.
    pub fn field(self) -> Field {
        match self {
            SetField::RecentTriggers => Field::RecentTriggers,
            SetField::ScalpSigns => Field::ScalpSigns,
            SetField::Symptoms => Field::Symptoms,
            SetField::Conditions => Field::Conditions,
            SetField::PreviousTreatments => Field::PreviousTreatments,
            SetField::Lifestyle => Field::Lifestyle,
        }
    }
}

impl Draft {
    /// Whether a list question has an answer (some ticks, or "none of these").
    pub fn set_answered(&self, set: SetField) -> bool {
        match set {
            SetField::RecentTriggers => self.recent_triggers.answered().is_some(),
            SetField::ScalpSigns => self.scalp_signs.answered().is_some(),
            SetField::Symptoms => self.symptoms.answered().is_some(),
            SetField::Conditions => self.conditions.answered().is_some(),
            SetField::PreviousTreatments => self.previous_treatments.answered().is_some(),
            SetField::Lifestyle => self.lifestyle.answered().is_some(),
        }
    }

    /// The list questions of a step not answered yet.
    pub fn unanswered_sets(&self, step: u8) -> Vec<SetField> {
        SetField::ALL
            .into_iter()
            .filter(|s| s.field().step() == step && !self.set_answered(*s))
            .collect()
    }
}

/// What the visitor does on the form.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Type the age.
    SetAge(String),
    /// Choose sex.
    SetSex(Sex),
    /// Choose a pattern picture (a stage of another scale is cleared).
    SetPattern(Pattern),
    /// Choose a stage picture or "not sure".
    SetStage(StageAnswer),
    /// Answer a yes/no question.
    SetBool(Field, bool),
    /// Answer "not sure" to the smooth-area question.
    SetNoRegrowthUnsure,
    SetDuration(HairLossDuration),
    SetOnset(Onset),
    SetFamilyHistory(FamilyHistory),
    SetInjections(Injections),
    /// Type or pick the start date (`YYYY-MM-DD`, empty for none).
    SetStartDate(String),
    /// Tick or untick one value of a set, by its id.
    Toggle(SetField, &'static str),
    /// Tick "none of these" for a set (unticks everything), or untick it.
    ChooseNone(SetField),
    /// Answer "none of these" to every list question on a step that is still unanswered
    /// (one tap instead of one per list; lists already answered keep their answers).
    ChooseNoneForUnanswered(u8),
    /// Start again with an empty draft.
    Reset,
    /// Replace the draft (restored from session storage or a saved plan).
    Replace(Box<Draft>),
}

fn toggle_none<T: Ord>(multi: &mut Multi<T>) {
    *multi = match multi {
        Multi::NoneOfThese => Multi::Unanswered,
        _ => Multi::NoneOfThese,
    };
}

/// A stored one-answer value (`Draft::from_json`): its position in `ids`, if answered.
fn choice_at(m: &Map<String, Value>, k: &str, ids: &[&str]) -> Result<Option<usize>, String> {
    match m.get(k) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => ids
            .iter()
            .position(|id| id == s)
            .map(Some)
            .ok_or_else(|| format!("{k}: unknown value")),
        Some(_) => Err(format!("{k}: unexpected value")),
    }
}

/// A stored several-answers value as read by [`multi_at`]: [`Multi`] with the answers'
/// positions in the closed set's ids.
enum StoredMulti {
    Unanswered,
    NoneOfThese,
    Some(Vec<usize>),
}

/// A stored several-answers value (`Draft::from_json`), its answers by position in `ids`.
fn multi_at(m: &Map<String, Value>, k: &str, ids: &[&str]) -> Result<StoredMulti, String> {
    let wrong = || format!("{k}: unexpected value");
    match m.get(k) {
        None => Ok(StoredMulti::Unanswered),
        Some(Value::String(s)) if s == "Unanswered" => Ok(StoredMulti::Unanswered),
        Some(Value::String(s)) if s == "NoneOfThese" => Ok(StoredMulti::NoneOfThese),
        Some(Value::Object(o)) if o.len() == 1 => {
            let Some(Value::Array(items)) = o.get("Some") else {
                return Err(wrong());
            };
            let mut at = Vec::new();
            for item in items {
                let s = item.as_str().ok_or_else(wrong)?;
                at.push(ids.iter().position(|id| *id == s).ok_or_else(wrong)?);
            }
            Ok(StoredMulti::Some(at))
        }
        Some(_) => Err(wrong()),
    }
}

fn toggle_id<T: Choice>(multi: &mut Multi<T>, id: &str) {
    if let Some(v) = T::from_id(id) {
        multi.toggle(v);
    }
}

impl Draft {
    /// The reducer: applies one action.
    pub fn apply(&mut self, action: Action) {
        match action {
            Action::SetAge(t) => self.age = t.chars().take(8).collect(),
            Action::SetSex(s) => {
                self.sex = Some(s);
                // Ticks on options this sex is not asked about are dropped, so a question
                // never counts as answered by something the visitor cannot see.
                drop_hidden(Some(s), "conditions", &mut self.conditions);
                drop_hidden(Some(s), "symptoms", &mut self.symptoms);
            }
            Action::SetNoRegrowthUnsure => {
                self.no_regrowth_visible = Some(false);
                self.no_regrowth_unsure = true;
            }
            Action::SetPattern(p) => {
                self.pattern = Some(p);
                if let Some(StageAnswer::Picked(s)) = self.stage {
                    if Some(s.scale) != stage_scale(Some(p)) {
                        self.stage = None;
                    }
                }
            }
            Action::SetStage(s) => self.stage = Some(s),
            Action::SetBool(field, b) => match field {
                Field::NoRegrowthVisible => {
                    self.no_regrowth_visible = Some(b);
                    self.no_regrowth_unsure = false;
                }
                Field::SheddingIncreased => self.shedding_increased = Some(b),
                Field::Menopause => self.menopause = Some(b),
                Field::HairLossAfterPreviousMesotherapy => {
                    self.hair_loss_after_previous_mesotherapy = Some(b)
                }
                _ => {}
            },
            Action::SetDuration(d) => self.duration = Some(d),
            Action::SetOnset(o) => self.onset = Some(o),
            Action::SetFamilyHistory(f) => self.family_history = Some(f),
            Action::SetInjections(i) => self.injections = Some(i),
            Action::SetStartDate(t) => self.start_date = t.chars().take(10).collect(),
            Action::Toggle(set, id) => match set {
                SetField::RecentTriggers => toggle_id(&mut self.recent_triggers, id),
                SetField::ScalpSigns => toggle_id(&mut self.scalp_signs, id),
                SetField::Symptoms => toggle_id(&mut self.symptoms, id),
                SetField::Conditions => toggle_id(&mut self.conditions, id),
                SetField::PreviousTreatments => toggle_id(&mut self.previous_treatments, id),
                SetField::Lifestyle => toggle_id(&mut self.lifestyle, id),
            },
            Action::ChooseNone(set) => match set {
                SetField::RecentTriggers => toggle_none(&mut self.recent_triggers),
                SetField::ScalpSigns => toggle_none(&mut self.scalp_signs),
                SetField::Symptoms => toggle_none(&mut self.symptoms),
                SetField::Conditions => toggle_none(&mut self.conditions),
                SetField::PreviousTreatments => toggle_none(&mut self.previous_treatments),
                SetField::Lifestyle => toggle_none(&mut self.lifestyle),
            },
            Action::ChooseNoneForUnanswered(step) => {
                for set in self.unanswered_sets(step) {
                    self.apply(Action::ChooseNone(set));
                }
            }
            Action::Reset => *self = Draft::default(),
            Action::Replace(d) => *self = *d,
        }
    }
}

/// The draft as kept in session storage: the JSON `serde_json` writes for [`Draft`] (its
/// derived format: `"Unanswered"`, `{"Some": [...]}`, `{"Picked": {...}}`), read and written by
/// hand over `serde_json::Value`, which the web app already carries for `clinic.json` and the
/// answers document: the derived (de)serializers cost the questionnaire's wasm ~10 KB gzip.
/// Either reads what the other writes (`tests/state_questionnaire.rs`), so a draft stored by
/// any version reads back. Missing keys take their default, unknown keys are ignored; a value
/// of the wrong kind makes the whole draft unreadable (the caller keeps it aside).
impl Draft {
    /// Nothing answered yet (the default draft).
    pub fn is_empty(&self) -> bool {
        // Every field named, so that a new one cannot be forgotten here.
        let Draft {
            age,
            sex,
            pattern,
            stage,
            no_regrowth_visible,
            no_regrowth_unsure,
            duration,
            onset,
            shedding_increased,
            family_history,
            recent_triggers,
            scalp_signs,
            symptoms,
            conditions,
            menopause,
            previous_treatments,
            hair_loss_after_previous_mesotherapy,
            injections,
            start_date,
            lifestyle,
        } = self;
        fn unanswered<T: Ord>(m: &Multi<T>) -> bool {
            matches!(m, Multi::Unanswered)
        }
        age.is_empty()
            && start_date.is_empty()
            && sex.is_none()
            && pattern.is_none()
            && stage.is_none()
            && no_regrowth_visible.is_none()
            && !no_regrowth_unsure
            && duration.is_none()
            && onset.is_none()
            && shedding_increased.is_none()
            && family_history.is_none()
            && menopause.is_none()
            && hair_loss_after_previous_mesotherapy.is_none()
            && injections.is_none()
            && unanswered(recent_triggers)
            && unanswered(scalp_signs)
            && unanswered(symptoms)
            && unanswered(conditions)
            && unanswered(previous_treatments)
            && unanswered(lifestyle)
    }

    /// The stored text of the draft.
    pub fn to_json(&self) -> String {
        fn choice<T: Choice>(v: Option<T>) -> Value {
            v.map_or(Value::Null, |v| Value::String(v.id().into()))
        }
        fn flag(v: Option<bool>) -> Value {
            v.map_or(Value::Null, Value::Bool)
        }
        fn multi<T: Choice>(m: &Multi<T>) -> Value {
            match m {
                Multi::Unanswered => Value::String("Unanswered".into()),
                Multi::NoneOfThese => Value::String("NoneOfThese".into()),
                Multi::Some(set) => {
                    let ids = set.iter().map(|v| Value::String(v.id().into())).collect();
                    let mut m = Map::new();
                    m.insert("Some".into(), Value::Array(ids));
                    Value::Object(m)
                }
            }
        }
        let stage = match self.stage {
            None => Value::Null,
            Some(StageAnswer::Unsure) => Value::String("Unsure".into()),
            Some(StageAnswer::Picked(s)) => {
                let mut stage = Map::new();
                stage.insert("scale".into(), Value::String(s.scale.id().into()));
                stage.insert("grade".into(), Value::from(s.grade));
                let mut m = Map::new();
                m.insert("Picked".into(), Value::Object(stage));
                Value::Object(m)
            }
        };
        let mut m = Map::new();
        let mut put = |k: &str, v: Value| {
            m.insert(k.into(), v);
        };
        put("age", Value::String(self.age.clone()));
        put("sex", choice(self.sex));
        put("pattern", choice(self.pattern));
        put("stage", stage);
        put("no_regrowth_visible", flag(self.no_regrowth_visible));
        put("no_regrowth_unsure", Value::Bool(self.no_regrowth_unsure));
        put("duration", choice(self.duration));
        put("onset", choice(self.onset));
        put("shedding_increased", flag(self.shedding_increased));
        put("family_history", choice(self.family_history));
        put("recent_triggers", multi(&self.recent_triggers));
        put("scalp_signs", multi(&self.scalp_signs));
        put("symptoms", multi(&self.symptoms));
        put("conditions", multi(&self.conditions));
        put("menopause", flag(self.menopause));
        put("previous_treatments", multi(&self.previous_treatments));
        put(
            "hair_loss_after_previous_mesotherapy",
            flag(self.hair_loss_after_previous_mesotherapy),
        );
        put("injections", choice(self.injections));
        put("start_date", Value::String(self.start_date.clone()));
        put("lifestyle", multi(&self.lifestyle));
        Value::Object(m).to_string()
    }

    /// Reads a stored draft (see the `impl` above); the error names the key that is wrong.
    pub fn from_json(text: &str) -> Result<Draft, String> {
        let value: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
        let Value::Object(m) = value else {
            return Err("not an object".into());
        };
        let wrong = |k: &str| format!("{k}: unexpected value");
        let text_of = |k: &str| match m.get(k) {
            None => Ok(String::new()),
            Some(Value::String(s)) => Ok(s.clone()),
            Some(_) => Err(wrong(k)),
        };
        let flag = |k: &str| match m.get(k) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(_) => Err(wrong(k)),
        };
        // Generic only where the type is needed: the reading is done by position in the
        // closed set's ids, once for every set (see `choice_at` and `multi_at`).
        fn choice<T: Choice>(m: &Map<String, Value>, k: &str) -> Result<Option<T>, String> {
            Ok(choice_at(m, k, T::IDS)?.map(|i| T::ALL[i]))
        }
        fn multi<T: Choice>(m: &Map<String, Value>, k: &str) -> Result<Multi<T>, String> {
            Ok(match multi_at(m, k, T::IDS)? {
                StoredMulti::Unanswered => Multi::Unanswered,
                StoredMulti::NoneOfThese => Multi::NoneOfThese,
                StoredMulti::Some(at) => {
                    let mut set = BTreeSet::new();
                    for i in at {
                        set.insert(T::ALL[i]);
                    }
                    Multi::Some(set)
                }
            })
        }
        let stage = match m.get("stage") {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) if s == "Unsure" => Some(StageAnswer::Unsure),
            Some(Value::Object(o)) if o.len() == 1 => {
                let picked = match o.get("Picked") {
                    Some(Value::Object(s)) if s.keys().all(|k| k == "scale" || k == "grade") => s,
                    _ => return Err(wrong("stage")),
                };
                let scale = choice::<Scale>(picked, "scale")?;
                let grade = picked.get("grade").and_then(Value::as_u64);
                match (scale, grade.and_then(|g| u8::try_from(g).ok())) {
                    (Some(scale), Some(grade)) => Some(StageAnswer::Picked(Stage { scale, grade })),
                    _ => return Err(wrong("stage")),
                }
            }
            Some(_) => return Err(wrong("stage")),
        };
        Ok(Draft {
            age: text_of("age")?,
            sex: choice(&m, "sex")?,
            pattern: choice(&m, "pattern")?,
            stage,
            no_regrowth_visible: flag("no_regrowth_visible")?,
            no_regrowth_unsure: match m.get("no_regrowth_unsure") {
                None => false,
                Some(Value::Bool(b)) => *b,
                Some(_) => return Err(wrong("no_regrowth_unsure")),
            },
            duration: choice(&m, "duration")?,
            onset: choice(&m, "onset")?,
            shedding_increased: flag("shedding_increased")?,
            family_history: choice(&m, "family_history")?,
            recent_triggers: multi(&m, "recent_triggers")?,
            scalp_signs: multi(&m, "scalp_signs")?,
            symptoms: multi(&m, "symptoms")?,
            conditions: multi(&m, "conditions")?,
            menopause: flag("menopause")?,
            previous_treatments: multi(&m, "previous_treatments")?,
            hair_loss_after_previous_mesotherapy: flag("hair_loss_after_previous_mesotherapy")?,
            injections: choice(&m, "injections")?,
            start_date: text_of("start_date")?,
            lifestyle: multi(&m, "lifestyle")?,
        })
    }
}
