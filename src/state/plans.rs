//! Saved plans (spec §9): the record, the versioned storage envelope with forward
//! migration, the repository trait (with an in-memory version for tests) and the reducer of
//! the saved-plans list. It must never overwrite or drop damaged or newer data, and must not
//! do IO itself: browser storage lives in `ui::storage` behind [`PlanRepository`].

use std::cell::RefCell;
use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::core::{Answers, Outcome};

/// The storage key (namespaced) of the plans envelope.
pub const PLANS_KEY: &str = "meso-advisor/plans";
/// The envelope schema without its version.
pub const PLANS_SCHEMA_PREFIX: &str = "meso-advisor/plans@";
/// The envelope version this build writes.
pub const PLANS_VERSION: u32 = 1;
/// Longest nickname kept.
pub const LABEL_MAX_CHARS: usize = 60;

/// A clinician's confirmation of a plan (staff mode).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Confirmation {
    pub by: String,
    pub at: String,
}

/// A session recorded as done (staff mode).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionDone {
    pub number: u8,
    pub date: NaiveDate,
}

/// A dated progress score (staff mode), e.g. a 0–10 density rating.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgressScore {
    pub date: NaiveDate,
    pub score: u8,
}

/// What staff mode adds to a plan. Empty until a clinician works on it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct StaffRecord {
    pub confirmation: Option<Confirmation>,
    /// Free-text adjustments made when confirming (what changed and why).
    pub adjustments: Vec<String>,
    pub sessions_done: Vec<SessionDone>,
    pub notes: Vec<String>,
    pub progress: Vec<ProgressScore>,
}

/// One saved plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SavedPlan {
    pub id: String,
    /// The nickname the user gave it (free text: shown only as text, never trusted).
    pub label: String,
    /// RFC 3339 times, stamped at the edge.
    pub created_at: String,
    pub updated_at: String,
    /// The `today` the outcome was computed with.
    pub assessed_on: NaiveDate,
    pub answers: Answers,
    /// The outcome as computed then.
    pub outcome: Outcome,
    /// The clinic configuration's fingerprint then.
    pub clinic_version: String,
    #[serde(default)]
    pub staff: StaffRecord,
}

impl SavedPlan {
    /// The next date that matters on or after `today`: a session, the review or a booster
    /// (or the recheck date of a deferred result).
    pub fn next_date(&self, today: NaiveDate) -> Option<NaiveDate> {
        let o = &self.outcome;
        let mut dates: Vec<NaiveDate> = o.recheck_on.into_iter().collect();
        if let Some(plan) = &o.plan {
            dates.extend(plan.sessions.iter().map(|s| s.date));
            dates.push(plan.review_on);
            dates.extend(plan.boosters.iter().copied());
        }
        dates.into_iter().filter(|d| *d >= today).min()
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

/// The stored envelope.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Envelope {
    pub schema: String,
    pub plans: Vec<SavedPlan>,
}

impl Envelope {
    /// The envelope this build writes.
    pub fn current(plans: Vec<SavedPlan>) -> Envelope {
        Envelope {
            schema: format!("{PLANS_SCHEMA_PREFIX}{PLANS_VERSION}"),
            plans,
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
        }
    }

    /// Whether the stored data must be protected from any write.
    pub fn blocks_writes(&self) -> bool {
        matches!(
            self,
            StoreError::Damaged(_) | StoreError::Newer(_) | StoreError::Unavailable(_)
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
        }
    }
}

/// Reads an envelope of any known version, migrating it forward to the current one.
/// Unknown, damaged or newer data is an error; the caller keeps the raw text.
pub fn read_envelope(text: &str) -> Result<Envelope, StoreError> {
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
    let mut value = value;
    for from in version..PLANS_VERSION {
        value = migrate(from, value)?;
    }
    serde_json::from_value(value).map_err(|e| StoreError::Damaged(e.to_string()))
}

/// Migrates an envelope from version `from` to `from + 1`. Each future format change adds
/// one arm here (and a test with a stored sample of the old version).
fn migrate(from: u32, _value: Value) -> Result<Value, StoreError> {
    Err(StoreError::Damaged(format!(
        "no migration from version {from}"
    )))
}

/// Where saved plans live. The browser version uses localStorage; tests use [`MemoryRepository`].
pub trait PlanRepository {
    /// All saved plans; an empty list when nothing was ever saved.
    fn load(&self) -> Result<Vec<SavedPlan>, StoreError>;
    /// Replaces the stored plans.
    fn save(&self, plans: &[SavedPlan]) -> Result<(), StoreError>;
    /// The stored text as it is (to export damaged or newer data).
    fn raw(&self) -> Result<Option<String>, StoreError>;
}

/// An in-memory repository, with switches to simulate a full store.
#[derive(Debug, Default)]
pub struct MemoryRepository {
    pub text: RefCell<Option<String>>,
    /// When set, every save fails with [`StoreError::Full`].
    pub full: std::cell::Cell<bool>,
}

impl PlanRepository for MemoryRepository {
    fn load(&self) -> Result<Vec<SavedPlan>, StoreError> {
        match &*self.text.borrow() {
            None => Ok(vec![]),
            Some(t) => read_envelope(t).map(|e| e.plans),
        }
    }

    fn save(&self, plans: &[SavedPlan]) -> Result<(), StoreError> {
        if self.full.get() {
            return Err(StoreError::Full);
        }
        *self.text.borrow_mut() = Some(Envelope::current(plans.to_vec()).to_text()?);
        Ok(())
    }

    fn raw(&self) -> Result<Option<String>, StoreError> {
        Ok(self.text.borrow().clone())
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
    pub status: StoreStatus,
    /// The last deleted plan and where it was, for undo.
    pub undo: Option<(usize, SavedPlan)>,
    /// The last write error, shown until dismissed.
    pub write_error: Option<StoreError>,
    /// Bumped on every change that must be written (the edge writes when it changes).
    pub revision: u64,
    /// The last revision written successfully.
    pub written: u64,
}

impl Default for PlansState {
    fn default() -> Self {
        PlansState {
            plans: vec![],
            status: StoreStatus::Loading,
            undo: None,
            write_error: None,
            revision: 0,
            written: 0,
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
    /// The repository was read.
    Load(Result<Vec<SavedPlan>, StoreError>),
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
            PlansAction::Load(Ok(mut plans)) => {
                plans.sort_by(|a, b| b.created_at.cmp(&a.created_at));
                self.plans = plans;
                self.status = StoreStatus::Ready;
            }
            PlansAction::Load(Err(e)) => {
                self.plans.clear();
                self.status = StoreStatus::Failed(e);
            }
            PlansAction::Add(plan) => {
                if self.writable() {
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
                }
            }
            PlansAction::Retry => {
                if self.writable() {
                    self.changed();
                }
            }
        }
    }
}
