//! Saved plans (spec §9): the typed, language-free record, the versioned storage envelope
//! with forward migration, the repository (over a key-value [`TextStore`], with an in-memory
//! store for tests) and the reducer of the saved-plans list. It must never overwrite or drop
//! damaged, newer or unconvertible data, must never store rendered text, and must not do IO
//! itself: browser storage is a [`TextStore`] implemented in `ui::storage`.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::core::clinic::ClinicSnapshot;
use crate::core::{assess, Answers, Clinic, Evaluation};

pub use super::plans_v1::migrate_v1;

/// The storage key (namespaced) of the plans envelope.
pub const PLANS_KEY: &str = "meso-advisor/plans";
/// The envelope schema without its version.
pub const PLANS_SCHEMA_PREFIX: &str = "meso-advisor/plans@";
/// The envelope version this build writes.
pub const PLANS_VERSION: u32 = 2;
/// Largest envelope read (stored or a backup): far above what browser storage holds.
pub const MAX_ENVELOPE_BYTES: usize = 32 << 20;
/// Longest nickname kept.
pub const LABEL_MAX_CHARS: usize = 60;
/// Longest free text kept in a staff record (names, notes, product and lot numbers).
pub const STAFF_TEXT_MAX_CHARS: usize = 2000;

/// Where the raw text of an older envelope is kept while it is migrated: `…@1.backup`.
pub fn backup_key(version: u32) -> String {
    format!("{PLANS_KEY}@{version}.backup")
}

/// A clinician's confirmation of a plan (staff mode).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Confirmation {
    /// The clinician's name as typed.
    pub by: String,
    /// The day the plan was confirmed.
    pub on: NaiveDate,
    /// When it was recorded (RFC 3339, stamped at the edge).
    pub at: String,
}

/// What an adjustment changed (staff mode), typed so every view can say it in its language.
/// Externally tagged (`{ "move_session": { … } }`): serde's internally tagged and flattened
/// forms buffer every value and cost ~9 KB of wasm for nothing here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Change {
    /// A session moved to another day.
    MoveSession {
        number: u8,
        from: NaiveDate,
        to: NaiveDate,
    },
    /// A session added.
    AddSession { date: NaiveDate },
    /// A session removed.
    RemoveSession { number: u8, date: NaiveDate },
    /// The interval between sessions changed.
    ChangeInterval { from_weeks: u8, to_weeks: u8 },
}

/// One adjustment of the proposed plan: what, who, when and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Adjustment {
    pub change: Change,
    pub by: String,
    /// RFC 3339.
    pub at: String,
    /// Required when the change leaves the clinic's ranges.
    #[serde(default)]
    pub reason: Option<String>,
}

/// A session recorded as done (staff mode).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionDone {
    pub number: u8,
    pub date: NaiveDate,
    #[serde(default)]
    pub product: Option<String>,
    #[serde(default)]
    pub lot: Option<String>,
    #[serde(default)]
    pub notes: Option<String>,
    #[serde(default)]
    pub side_effects: Option<String>,
}

/// A review visit with progress scores (staff mode).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewVisit {
    pub date: NaiveDate,
    /// Clinician's global photographic assessment, −3…+3.
    #[serde(default)]
    pub clinician_score: Option<i8>,
    /// The patient's own rating, 0–10.
    #[serde(default)]
    pub patient_rating: Option<u8>,
    /// Hairs counted in a pull test.
    #[serde(default)]
    pub pull_test_count: Option<u16>,
    #[serde(default)]
    pub notes: Option<String>,
}

/// A dated staff note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StaffNote {
    /// RFC 3339 (empty for notes carried over from an older format without a time).
    #[serde(default)]
    pub at: String,
    pub text: String,
}

/// What staff mode adds to a plan. Empty until a clinician works on it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct StaffRecord {
    pub confirmation: Option<Confirmation>,
    pub adjustments: Vec<Adjustment>,
    pub sessions_done: Vec<SessionDone>,
    pub reviews: Vec<ReviewVisit>,
    pub notes: Vec<StaffNote>,
}

impl StaffRecord {
    /// Values out of range (scores, over-long text), each naming its field.
    pub fn problems(&self) -> Vec<String> {
        let mut out = vec![];
        let mut text = |field: &str, t: &str| {
            if t.chars().count() > STAFF_TEXT_MAX_CHARS {
                out.push(format!(
                    "{field}: longer than {STAFF_TEXT_MAX_CHARS} characters"
                ));
            }
        };
        if let Some(c) = &self.confirmation {
            text("confirmation.by", &c.by);
        }
        for n in &self.notes {
            text("notes", &n.text);
        }
        for a in &self.adjustments {
            text("adjustments.by", &a.by);
            if let Some(r) = &a.reason {
                text("adjustments.reason", r);
            }
        }
        for s in &self.sessions_done {
            for t in [&s.product, &s.lot, &s.notes, &s.side_effects]
                .into_iter()
                .flatten()
            {
                text("sessions_done", t);
            }
        }
        for r in &self.reviews {
            if let Some(n) = &r.notes {
                text("reviews.notes", n);
            }
        }
        for r in &self.reviews {
            if r.clinician_score.is_some_and(|s| !(-3..=3).contains(&s)) {
                out.push("reviews.clinician_score: must be from -3 to 3".into());
            }
            if r.patient_rating.is_some_and(|s| s > 10) {
                out.push("reviews.patient_rating: must be from 0 to 10".into());
            }
        }
        out
    }
}

/// One saved plan: typed data only (spec §9). Every view renders it in the current language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SavedPlan {
    pub id: String,
    /// The nickname the user gave it (free text: shown only as text, never trusted).
    pub label: String,
    /// RFC 3339 times, stamped at the edge.
    pub created_at: String,
    pub updated_at: String,
    /// The `today` the evaluation was computed with.
    pub assessed_on: NaiveDate,
    pub answers: Answers,
    /// "Not sure" was the answer to the smooth-area question (answered `false` in `answers`).
    #[serde(default)]
    pub smooth_area_unsure: bool,
    /// The evaluation as computed then (never recomputed).
    pub evaluation: Evaluation,
    /// The clinic settings it was computed with. `None` only for a plan migrated from an
    /// older format whose settings could not be identified (its dates and cost are kept as
    /// computed; the view says that after-care follows the clinic's current advice).
    pub clinic: Option<ClinicSnapshot>,
    /// The clinic configuration's fingerprint then.
    pub clinic_version: String,
    #[serde(default)]
    pub staff: StaffRecord,
}

impl SavedPlan {
    /// A new record of an assessment (id and times come from the edge).
    pub fn new(
        id: String,
        label: String,
        now: String,
        answers: Answers,
        clinic: &Clinic,
        today: NaiveDate,
    ) -> SavedPlan {
        SavedPlan {
            id,
            label: clean_label(&label),
            created_at: now.clone(),
            updated_at: now,
            assessed_on: today,
            evaluation: assess(&answers, clinic, today),
            answers,
            smooth_area_unsure: false,
            clinic: Some(ClinicSnapshot::of(clinic)),
            clinic_version: clinic.fingerprint(),
            staff: StaffRecord::default(),
        }
    }

    /// The next date that matters on or after `today`: a session, the review or a booster
    /// (or the recheck date of a deferred result).
    pub fn next_date(&self, today: NaiveDate) -> Option<NaiveDate> {
        let e = &self.evaluation;
        let mut dates: Vec<NaiveDate> = e.recheck_on.into_iter().collect();
        if let Some(plan) = &e.plan {
            dates.extend(plan.sessions.iter().map(|s| s.date));
            dates.push(plan.review_on);
            dates.extend(plan.boosters.iter().copied());
        }
        dates.into_iter().filter(|d| *d >= today).min()
    }

    /// The clinic as this plan was computed with: `current` (name, contact, language) with
    /// the saved settings in place, or `current` itself when they are not known.
    pub fn clinic_then(&self, current: &Clinic) -> Clinic {
        match &self.clinic {
            Some(s) => s.apply_to(current),
            None => current.clone(),
        }
    }
}

/// Cleans a nickname: trimmed, control characters removed, at most [`LABEL_MAX_CHARS`].
pub fn clean_label(raw: &str) -> String {
    raw.chars()
        .filter(|c| !c.is_control())
        .collect::<String>()
        .trim()
        .chars()
        .take(LABEL_MAX_CHARS)
        .collect()
}

/// A stored record that could not be converted to this build's format: kept as it was,
/// with the reason, written back with every save, and offered for download.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Unconverted {
    /// The format version it came from.
    pub from_version: u32,
    pub reason: String,
    pub record: Value,
}

/// The stored envelope.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Envelope {
    pub schema: String,
    pub plans: Vec<SavedPlan>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unconverted: Vec<Unconverted>,
}

impl Envelope {
    /// The envelope this build writes.
    pub fn current(plans: Vec<SavedPlan>, unconverted: Vec<Unconverted>) -> Envelope {
        Envelope {
            schema: format!("{PLANS_SCHEMA_PREFIX}{PLANS_VERSION}"),
            plans,
            unconverted,
        }
    }

    /// Serialises for storage or backup export.
    pub fn to_text(&self) -> Result<String, StoreError> {
        serde_json::to_string(self).map_err(|e| StoreError::WriteFailed(e.to_string()))
    }
}

/// Why saved plans could not be read or written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreError {
    /// The browser refuses storage altogether (blocked, private mode, disabled).
    Unavailable(String),
    /// Storage is full: nothing was written.
    Full,
    /// The stored text is not a readable plans envelope; it is kept untouched.
    Damaged(String),
    /// The stored data comes from a newer version of the app; it is kept untouched.
    Newer(u32),
    /// Writing failed for another reason.
    WriteFailed(String),
    /// Older stored data could not be converted and written in this build's format (for
    /// example, storage is full): it is kept untouched, in its old format.
    MigrationFailed(String),
    /// The stored plans are encrypted and staff mode is locked: nothing is read or written
    /// until staff unlock it (the stored text is kept as it is).
    Locked,
}

impl StoreError {
    /// The catalog key of the plain-words message.
    pub fn message_key(&self) -> &'static str {
        match self {
            StoreError::Unavailable(_) => "store.unavailable",
            StoreError::Full => "store.full",
            StoreError::Damaged(_) => "store.damaged",
            StoreError::Newer(_) => "store.newer",
            StoreError::WriteFailed(_) => "store.write_failed",
            StoreError::MigrationFailed(_) => "store.migration_failed",
            StoreError::Locked => "store.locked",
        }
    }

    /// Whether the stored data must be protected from any write.
    pub fn blocks_writes(&self) -> bool {
        matches!(
            self,
            StoreError::Damaged(_)
                | StoreError::Newer(_)
                | StoreError::Unavailable(_)
                | StoreError::MigrationFailed(_)
                | StoreError::Locked
        )
    }
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Unavailable(e) => write!(f, "storage unavailable: {e}"),
            StoreError::Full => write!(f, "storage full"),
            StoreError::Damaged(e) => write!(f, "stored plans are damaged: {e}"),
            StoreError::Newer(v) => write!(f, "stored plans use newer format version {v}"),
            StoreError::WriteFailed(e) => write!(f, "could not write: {e}"),
            StoreError::MigrationFailed(e) => {
                write!(f, "stored plans could not be converted: {e}")
            }
            StoreError::Locked => write!(f, "stored plans are encrypted and staff mode is locked"),
        }
    }
}

/// What reading the stored envelope gave.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Loaded {
    pub plans: Vec<SavedPlan>,
    pub unconverted: Vec<Unconverted>,
    /// The older version it was migrated from, if it was.
    pub migrated_from: Option<u32>,
}

/// Reads an envelope of any known version, migrating it forward to the current one.
/// `clinics` are the settings a migrated plan may have been computed with (the one in use,
/// the embedded default): see [`migrate_v1`]. Unknown, damaged or newer data is an error and
/// the caller keeps the raw text; a single record that cannot be migrated is kept in
/// [`Loaded::unconverted`].
pub fn read_envelope(text: &str, clinics: &[Clinic]) -> Result<Loaded, StoreError> {
    if text.len() > MAX_ENVELOPE_BYTES {
        return Err(StoreError::Damaged(format!(
            "larger than {} MiB",
            MAX_ENVELOPE_BYTES >> 20
        )));
    }
    // What this build writes starts with its schema tag: read it in one pass (a busy
    // clinic's envelope is ~18 MB; a first pass into a `Value` would double the time).
    let current = format!("{{\"schema\":\"{PLANS_SCHEMA_PREFIX}{PLANS_VERSION}\",");
    if text.starts_with(&current) {
        return read_current(text);
    }
    let value: Value =
        serde_json::from_str(text).map_err(|e| StoreError::Damaged(e.to_string()))?;
    let version = value
        .get("schema")
        .and_then(Value::as_str)
        .and_then(|s| s.strip_prefix(PLANS_SCHEMA_PREFIX))
        .and_then(|v| v.parse::<u32>().ok())
        .ok_or_else(|| StoreError::Damaged("no \"meso-advisor/plans@N\" schema tag".into()))?;
    if version > PLANS_VERSION {
        return Err(StoreError::Newer(version));
    }
    match version {
        1 => {
            let (plans, unconverted) = migrate_v1(&value, clinics)?;
            Ok(Loaded {
                plans,
                unconverted,
                migrated_from: Some(1),
            })
        }
        // Read from the text, not from `value`: one serde path for every saved type
        // (deserialising from a `Value` again costs ~18 KB of wasm).
        PLANS_VERSION => read_current(text),
        v => Err(StoreError::Damaged(format!("unknown format version {v}"))),
    }
}

/// Reads an envelope of this build's version.
fn read_current(text: &str) -> Result<Loaded, StoreError> {
    let env: Envelope =
        serde_json::from_str(text).map_err(|e| StoreError::Damaged(e.to_string()))?;
    if env.schema != format!("{PLANS_SCHEMA_PREFIX}{PLANS_VERSION}") {
        return Err(StoreError::Damaged(format!(
            "unexpected schema tag {:?}",
            env.schema
        )));
    }
    for p in &env.plans {
        if let Some(problem) = p.staff.problems().into_iter().next() {
            return Err(StoreError::Damaged(format!("plan {}: {problem}", p.id)));
        }
    }
    Ok(Loaded {
        plans: env.plans,
        unconverted: env.unconverted,
        migrated_from: None,
    })
}

/// Where saved plans live. The app uses [`StoreRepository`] over localStorage; tests use
/// [`MemoryRepository`].
pub trait PlanRepository {
    /// All saved plans (an empty list when nothing was ever saved). Older data is migrated
    /// and written back in the current format here, its raw text kept under
    /// [`backup_key`] until that write has succeeded.
    fn load(&self) -> Result<Loaded, StoreError>;
    /// Replaces the stored plans (records that could not be converted are written back too).
    fn save(&self, plans: &[SavedPlan], unconverted: &[Unconverted]) -> Result<(), StoreError>;
    /// The stored text as it is (to export damaged or newer data).
    fn raw(&self) -> Result<Option<String>, StoreError>;
}

/// A key-value text store (localStorage in the browser, [`MemoryStore`] in tests).
pub trait TextStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError>;
    fn set(&self, key: &str, text: &str) -> Result<(), StoreError>;
    fn remove(&self, key: &str) -> Result<(), StoreError>;
    /// The text as it is stored (a store that encodes what it keeps, such as the browser's
    /// sealed store, returns the encoded text): for exporting data that cannot be read.
    fn raw(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.get(key)
    }
}

/// A shared store (two repositories over one store: two tabs in tests).
impl<T: TextStore> TextStore for std::rc::Rc<T> {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        (**self).get(key)
    }
    fn set(&self, key: &str, text: &str) -> Result<(), StoreError> {
        (**self).set(key, text)
    }
    fn remove(&self, key: &str) -> Result<(), StoreError> {
        (**self).remove(key)
    }
    fn raw(&self, key: &str) -> Result<Option<String>, StoreError> {
        (**self).raw(key)
    }
}

/// The plans repository over any [`TextStore`].
#[derive(Debug)]
pub struct StoreRepository<S> {
    pub store: S,
    /// Candidate settings for migrating older plans (the clinic in use first).
    pub clinics: Vec<Clinic>,
    /// Ids this tab has read or written: a stored plan with another id was saved by another
    /// tab in the meantime, and a save keeps it (two tabs saving at once lose nothing).
    known: RefCell<std::collections::BTreeSet<String>>,
    /// A fingerprint of the stored text as this repository last read or wrote it: when
    /// storage still holds exactly that, a save need not read it again (nothing to merge).
    last_text: Cell<Option<u64>>,
}

fn fingerprint(text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut h);
    h.finish()
}

impl<S: TextStore> StoreRepository<S> {
    /// A repository whose migrations consider `clinic` (in use) and the embedded default.
    pub fn new(store: S, clinic: &Clinic) -> Self {
        let mut clinics = vec![clinic.clone()];
        if *clinic != Clinic::default() {
            clinics.push(Clinic::default());
        }
        StoreRepository {
            store,
            clinics,
            known: RefCell::default(),
            last_text: Cell::new(None),
        }
    }

    fn remember(&self, plans: &[SavedPlan]) {
        *self.known.borrow_mut() = plans.iter().map(|p| p.id.clone()).collect();
    }
}

/// What to write when storage holds `stored` and this tab wants `mine`: this tab's list, plus
/// plans another tab added since this tab last read or wrote (ids not in `known`); of one plan
/// in both, the more recently updated version. Plans this tab knew and removed stay removed.
pub fn merge_for_write(
    mine: &[SavedPlan],
    stored: &[SavedPlan],
    known: &std::collections::BTreeSet<String>,
) -> Vec<SavedPlan> {
    let mut out: Vec<SavedPlan> = mine
        .iter()
        .map(|p| match stored.iter().find(|s| s.id == p.id) {
            Some(s) if s.updated_at > p.updated_at => s.clone(),
            _ => p.clone(),
        })
        .collect();
    for s in stored {
        if !known.contains(&s.id) && !mine.iter().any(|p| p.id == s.id) {
            out.push(s.clone());
        }
    }
    out
}

impl<S: TextStore> PlanRepository for StoreRepository<S> {
    fn load(&self) -> Result<Loaded, StoreError> {
        let Some(text) = self.store.get(PLANS_KEY)? else {
            return Ok(Loaded::default());
        };
        let loaded = read_envelope(&text, &self.clinics)?;
        if let Some(from) = loaded.migrated_from {
            // Keep the old text aside first; only once the new envelope is written is the
            // copy removed. Any failure leaves the old data where it was, and blocks writes.
            let backup = backup_key(from);
            self.store
                .set(&backup, &text)
                .map_err(|e| StoreError::MigrationFailed(e.to_string()))?;
            let new = Envelope::current(loaded.plans.clone(), loaded.unconverted.clone())
                .to_text()
                .map_err(|e| StoreError::MigrationFailed(e.to_string()))?;
            self.store
                .set(PLANS_KEY, &new)
                .map_err(|e| StoreError::MigrationFailed(e.to_string()))?;
            // The new data is in place; a failure to remove the copy only leaves a copy.
            let _ = self.store.remove(&backup);
            self.last_text.set(Some(fingerprint(&new)));
        } else {
            self.last_text.set(Some(fingerprint(&text)));
        }
        self.remember(&loaded.plans);
        Ok(loaded)
    }

    fn save(&self, plans: &[SavedPlan], unconverted: &[Unconverted]) -> Result<(), StoreError> {
        // Never write over data this build cannot read; keep what another tab added.
        let mut merged = plans.to_vec();
        let unchanged = |text: &str| self.last_text.get() == Some(fingerprint(text));
        if let Some(text) = self.store.get(PLANS_KEY)?.filter(|t| !unchanged(t)) {
            let stored = read_envelope(&text, &self.clinics)?;
            if stored.migrated_from.is_some() {
                return Err(StoreError::MigrationFailed(
                    "the stored plans are still in an older format".into(),
                ));
            }
            merged = merge_for_write(plans, &stored.plans, &self.known.borrow());
        }
        let text = Envelope::current(merged.clone(), unconverted.to_vec()).to_text()?;
        self.store.set(PLANS_KEY, &text)?;
        self.last_text.set(Some(fingerprint(&text)));
        self.remember(&merged);
        Ok(())
    }

    fn raw(&self) -> Result<Option<String>, StoreError> {
        self.store.raw(PLANS_KEY)
    }
}

/// An in-memory [`TextStore`], with switches to simulate failures.
#[derive(Debug, Default)]
pub struct MemoryStore {
    pub items: RefCell<BTreeMap<String, String>>,
    /// When set, every write fails with [`StoreError::Full`].
    pub full: Cell<bool>,
    /// When set, writes to this one key fail with [`StoreError::Full`].
    pub full_for_key: RefCell<Option<String>>,
}

impl TextStore for MemoryStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self.items.borrow().get(key).cloned())
    }

    fn set(&self, key: &str, text: &str) -> Result<(), StoreError> {
        if self.full.get() || self.full_for_key.borrow().as_deref() == Some(key) {
            return Err(StoreError::Full);
        }
        self.items.borrow_mut().insert(key.into(), text.into());
        Ok(())
    }

    fn remove(&self, key: &str) -> Result<(), StoreError> {
        self.items.borrow_mut().remove(key);
        Ok(())
    }
}

/// The repository over memory (tests).
pub type MemoryRepository = StoreRepository<MemoryStore>;

impl Default for MemoryRepository {
    fn default() -> Self {
        StoreRepository::new(MemoryStore::default(), &Clinic::default())
    }
}

impl MemoryRepository {
    /// The stored envelope text, if any.
    pub fn text(&self) -> Option<String> {
        self.store.items.borrow().get(PLANS_KEY).cloned()
    }

    /// Puts raw text under the plans key.
    pub fn put(&self, text: &str) {
        self.store
            .items
            .borrow_mut()
            .insert(PLANS_KEY.into(), text.into());
    }
}

/// Whether the list can be written back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreStatus {
    /// Not read yet.
    Loading,
    /// Read; writes allowed.
    Ready,
    /// Reading failed; shown to the user, and writes are refused when it
    /// [blocks writes](StoreError::blocks_writes).
    Failed(StoreError),
}

/// The saved-plans list as the app shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlansState {
    /// Newest first.
    pub plans: Vec<SavedPlan>,
    /// Records kept from an older format that could not be converted.
    pub unconverted: Vec<Unconverted>,
    pub status: StoreStatus,
    /// The last deleted plan and where it was, for undo.
    pub undo: Option<(usize, SavedPlan)>,
    /// The last write error, shown until dismissed.
    pub write_error: Option<StoreError>,
    /// Bumped on every change that must be written (the edge writes when it changes).
    pub revision: u64,
    /// The last revision written successfully.
    pub written: u64,
    /// Plans added in this tab and not yet written: a reload (another tab changed storage)
    /// keeps them, so a failed save is never silently lost.
    pub pending: Vec<String>,
}

impl Default for PlansState {
    fn default() -> Self {
        PlansState {
            plans: vec![],
            unconverted: vec![],
            status: StoreStatus::Loading,
            undo: None,
            write_error: None,
            revision: 0,
            written: 0,
            pending: vec![],
        }
    }
}

/// Where a newly added plan stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveState {
    /// Being written.
    Saving,
    /// In storage.
    Saved,
    /// The write failed; the plan is only in memory.
    Failed,
    /// No longer in the list (deleted since).
    Gone,
}

/// What happens to the list.
#[derive(Debug, Clone, PartialEq)]
pub enum PlansAction {
    /// The repository was read (at start, or because another tab changed it).
    Load(Result<Loaded, StoreError>),
    /// Add a new plan (id and times stamped at the edge).
    Add(Box<SavedPlan>),
    /// Rename a plan.
    Rename {
        id: String,
        label: String,
        at: String,
    },
    /// Delete a plan (kept for undo).
    Delete { id: String },
    /// Put the last deleted plan back where it was.
    Undo,
    /// Forget the undo offer.
    ForgetUndo,
    /// A write failed (the list in memory stays as it is).
    WriteFailed(StoreError),
    /// This revision was written.
    Written(u64),
    /// Write the list again (after a failed write).
    Retry,
    /// Staff mode changes one plan's staff record (times stamped at the edge).
    Staff {
        id: String,
        change: StaffChange,
        at: String,
        today: NaiveDate,
    },
    /// Add the records of a backup as previewed (`backup::preview`): new plans, newer
    /// versions, and conflicts kept as separate copies.
    Import(Vec<SavedPlan>),
}

/// What staff record on a plan.
#[derive(Debug, Clone, PartialEq)]
pub enum StaffChange {
    /// A clinician confirms the plan.
    Confirm { by: String, on: NaiveDate },
    /// An adjustment (refused unless `staff::check_change` allows it, with its reason).
    Adjust(Adjustment),
    /// A session done.
    RecordSession(SessionDone),
    /// A review visit with progress scores.
    RecordReview(ReviewVisit),
}

impl PlansState {
    /// Whether changes may be written to storage.
    pub fn writable(&self) -> bool {
        match &self.status {
            StoreStatus::Ready => true,
            StoreStatus::Loading => false,
            StoreStatus::Failed(e) => !e.blocks_writes(),
        }
    }

    /// Whether a change is not yet in storage (being written, or its write failed).
    pub fn unsaved(&self) -> bool {
        self.written != self.revision
    }

    /// How a plan just added is doing: stored, being stored, or not stored.
    pub fn save_state(&self, id: &str) -> SaveState {
        match (self.get(id).is_some(), self.unsaved(), &self.write_error) {
            (false, _, _) => SaveState::Gone,
            (true, false, _) => SaveState::Saved,
            (true, true, Some(_)) => SaveState::Failed,
            (true, true, None) => SaveState::Saving,
        }
    }

    /// Finds a plan by id.
    pub fn get(&self, id: &str) -> Option<&SavedPlan> {
        self.plans.iter().find(|p| p.id == id)
    }

    fn changed(&mut self) {
        self.revision += 1;
    }

    /// The reducer.
    pub fn apply(&mut self, action: PlansAction) {
        match action {
            PlansAction::Load(Ok(loaded)) => {
                let mut plans = loaded.plans;
                // This tab's plans that never reached storage stay (and stay unsaved, with
                // their retry); everything else is what storage now holds.
                let kept: Vec<SavedPlan> = self
                    .pending
                    .iter()
                    .filter(|id| !plans.iter().any(|p| &p.id == *id))
                    .filter_map(|id| self.get(id).cloned())
                    .collect();
                self.pending = kept.iter().map(|p| p.id.clone()).collect();
                plans.extend(kept);
                plans.sort_by(|a, b| b.created_at.cmp(&a.created_at));
                self.plans = plans;
                self.unconverted = loaded.unconverted;
                self.status = StoreStatus::Ready;
                if self.pending.is_empty() {
                    // Nothing of this tab is waiting: no stale "saving" or "failed" state.
                    self.written = self.revision;
                    self.write_error = None;
                }
                if let Some((_, p)) = &self.undo {
                    if self.plans.iter().any(|q| q.id == p.id) {
                        self.undo = None;
                    }
                }
            }
            PlansAction::Load(Err(e)) => {
                self.plans.clear();
                self.unconverted.clear();
                self.pending.clear();
                self.undo = None;
                self.written = self.revision;
                self.write_error = None;
                self.status = StoreStatus::Failed(e);
            }
            PlansAction::Add(plan) => {
                if self.writable() {
                    self.pending.push(plan.id.clone());
                    self.plans.insert(0, *plan);
                    self.undo = None;
                    self.changed();
                }
            }
            PlansAction::Rename { id, label, at } => {
                let label = clean_label(&label);
                if !self.writable() || label.is_empty() {
                    return;
                }
                if let Some(p) = self.plans.iter_mut().find(|p| p.id == id) {
                    p.label = label;
                    p.updated_at = at;
                    self.changed();
                }
            }
            PlansAction::Delete { id } => {
                if !self.writable() {
                    return;
                }
                if let Some(i) = self.plans.iter().position(|p| p.id == id) {
                    let plan = self.plans.remove(i);
                    self.pending.retain(|p| *p != id);
                    self.undo = Some((i, plan));
                    self.changed();
                }
            }
            PlansAction::Undo => {
                if let Some((i, plan)) = self.undo.take() {
                    let i = i.min(self.plans.len());
                    self.plans.insert(i, plan);
                    self.changed();
                }
            }
            PlansAction::ForgetUndo => self.undo = None,
            PlansAction::WriteFailed(e) => self.write_error = Some(e),
            PlansAction::Written(rev) => {
                self.written = self.written.max(rev);
                if self.written == self.revision {
                    self.write_error = None;
                    self.pending.clear();
                }
            }
            PlansAction::Retry => {
                if self.writable() {
                    self.changed();
                }
            }
            PlansAction::Staff {
                id,
                change,
                at,
                today,
            } => {
                if !self.writable() {
                    return;
                }
                let Some(p) = self.plans.iter_mut().find(|p| p.id == id) else {
                    return;
                };
                if apply_staff(p, change, today) {
                    p.updated_at = at;
                    self.changed();
                }
            }
            PlansAction::Import(records) => {
                if !self.writable() || records.is_empty() {
                    return;
                }
                for r in records {
                    match self.plans.iter_mut().find(|p| p.id == r.id) {
                        Some(p) => *p = r,
                        None => self.plans.push(r),
                    }
                }
                self.plans.sort_by(|a, b| b.created_at.cmp(&a.created_at));
                self.changed();
            }
        }
    }
}

/// Applies a staff change to a plan when it is valid; false when refused.
fn apply_staff(p: &mut SavedPlan, change: StaffChange, today: NaiveDate) -> bool {
    use super::staff::{change_allowed, check_change, current_plan};
    let clinic = p.clinic_then(&Clinic::default());
    match change {
        StaffChange::Confirm { by, on } => {
            let by = clean_label(&by);
            if by.is_empty() {
                return false;
            }
            p.staff.confirmation = Some(Confirmation {
                by,
                on,
                at: String::new(),
            });
        }
        StaffChange::Adjust(a) => {
            let Some(plan) = current_plan(p, &clinic) else {
                return false;
            };
            let done: Vec<u8> = p.staff.sessions_done.iter().map(|d| d.number).collect();
            let issues = check_change(&plan, &a.change, &clinic, &done, today);
            if !change_allowed(&issues, a.reason.as_deref()) {
                return false;
            }
            p.staff.adjustments.push(a);
        }
        StaffChange::RecordSession(s) => {
            if p.staff.sessions_done.iter().any(|d| d.number == s.number) {
                return false;
            }
            p.staff.sessions_done.push(s);
            p.staff.sessions_done.sort_by_key(|d| d.number);
        }
        StaffChange::RecordReview(r) => {
            let ok_scores = r.clinician_score.is_none_or(|s| (-3..=3).contains(&s))
                && r.patient_rating.is_none_or(|s| s <= 10);
            if !ok_scores {
                return false;
            }
            p.staff.reviews.push(r);
            p.staff.reviews.sort_by_key(|r| r.date);
        }
    }
    true
}
