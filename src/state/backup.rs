//! Backups (spec §11): reading a backup file (the §9 envelope, any known version) and the
//! preview of what importing it would add, update or keep as a conflict. Pure: the file is
//! read at the edge; nothing changes until the staff confirm the preview, and a conflict keeps
//! both versions (nothing is ever overwritten with different data of equal standing).

use crate::core::Clinic;

use super::plans::{read_envelope, SavedPlan, StoreError};

/// Largest backup file read (5,000 full records fit well below it).
pub const MAX_BACKUP_BYTES: usize = 32 * 1024 * 1024;

/// Why a backup file is refused (nothing changes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BackupError {
    /// Larger than [`MAX_BACKUP_BYTES`].
    TooLarge(usize),
    /// Not a plans envelope (or damaged), with the reason.
    NotABackup(String),
    /// Made by a newer version of the advisor.
    Newer(u32),
}

impl BackupError {
    /// The catalog key of the message.
    pub fn message_key(&self) -> &'static str {
        match self {
            BackupError::TooLarge(_) => "backup.too_large",
            BackupError::NotABackup(_) => "backup.not_a_backup",
            BackupError::Newer(_) => "backup.newer",
        }
    }
}

/// What an import would do.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Preview {
    /// Plans not on this device.
    pub add: Vec<SavedPlan>,
    /// Newer versions of plans on this device (this device's copy has nothing the backup's
    /// lacks).
    pub update: Vec<SavedPlan>,
    /// Different versions of the same plan: the backup's is added as a separate copy.
    pub conflict: Vec<SavedPlan>,
    /// Identical to what is here.
    pub unchanged: usize,
    /// Records of the backup that could not be converted (kept out; reported).
    pub unconvertible: usize,
}

impl Preview {
    /// The records to hand to `PlansAction::Import` (conflicts under new ids).
    pub fn records(&self) -> Vec<SavedPlan> {
        self.add
            .iter()
            .chain(&self.update)
            .chain(&self.conflict)
            .cloned()
            .collect()
    }

    /// Whether importing changes anything.
    pub fn is_empty(&self) -> bool {
        self.add.is_empty() && self.update.is_empty() && self.conflict.is_empty()
    }
}

/// Reads a backup and compares it with the plans on this device. `conflict_id` makes the id
/// of a conflicting copy (the edge passes a random id maker).
pub fn preview(
    text: &str,
    current: &[SavedPlan],
    clinics: &[Clinic],
    mut conflict_id: impl FnMut() -> String,
) -> Result<Preview, BackupError> {
    if text.len() > MAX_BACKUP_BYTES {
        return Err(BackupError::TooLarge(text.len()));
    }
    let loaded = read_envelope(text, clinics).map_err(|e| match e {
        StoreError::Newer(v) => BackupError::Newer(v),
        other => BackupError::NotABackup(other.to_string()),
    })?;
    let mut out = Preview {
        unconvertible: loaded.unconverted.len(),
        ..Preview::default()
    };
    for incoming in loaded.plans {
        match current.iter().find(|p| p.id == incoming.id) {
            None => out.add.push(incoming),
            Some(here) if *here == incoming => out.unchanged += 1,
            Some(here) if supersedes(&incoming, here) => out.update.push(incoming),
            Some(here) if supersedes(here, &incoming) => out.unchanged += 1,
            Some(_) => {
                let mut copy = incoming;
                copy.id = conflict_id();
                out.conflict.push(copy);
            }
        }
    }
    Ok(out)
}

/// Whether `newer` holds everything `older` has (same assessment; every staff entry of
/// `older` is in `newer`) and was updated later.
fn supersedes(newer: &SavedPlan, older: &SavedPlan) -> bool {
    let s = &older.staff;
    let n = &newer.staff;
    newer.updated_at > older.updated_at
        && newer.answers == older.answers
        && newer.evaluation == older.evaluation
        && (s.confirmation.is_none() || s.confirmation == n.confirmation)
        && n.adjustments.starts_with(&s.adjustments)
        && s.sessions_done.iter().all(|d| n.sessions_done.contains(d))
        && s.reviews.iter().all(|r| n.reviews.contains(r))
        && s.notes.iter().all(|x| n.notes.contains(x))
}
