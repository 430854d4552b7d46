//! Browser storage edge: the saved-plans repository over localStorage and the in-progress
//! draft in sessionStorage. It must report every failure (blocked, full, damaged) and never
//! overwrite data it could not read.

use wasm_bindgen::JsCast;

use crate::state::plans::{StoreError, TextStore};
use crate::state::questionnaire::Draft;

/// The sessionStorage key of the in-progress draft.
pub const DRAFT_KEY: &str = "meso-advisor/draft";
/// Where an unreadable draft is set aside (kept, not dropped).
pub const DAMAGED_DRAFT_KEY: &str = "meso-advisor/draft.unreadable";

fn local() -> Result<web_sys::Storage, StoreError> {
    let w = web_sys::window().ok_or_else(|| StoreError::Unavailable("no window".into()))?;
    match w.local_storage() {
        Ok(Some(s)) => Ok(s),
        Ok(None) => Err(StoreError::Unavailable(
            "localStorage is not available".into(),
        )),
        Err(e) => Err(StoreError::Unavailable(js_error(&e))),
    }
}

fn session() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.session_storage().ok().flatten())
}

fn js_error(e: &wasm_bindgen::JsValue) -> String {
    e.dyn_ref::<web_sys::DomException>()
        .map(|d| format!("{}: {}", d.name(), d.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "unknown error".into())
}

fn write_error(e: &wasm_bindgen::JsValue) -> StoreError {
    match e.dyn_ref::<web_sys::DomException>() {
        Some(d) if d.name() == "QuotaExceededError" || d.code() == 22 => StoreError::Full,
        _ => StoreError::WriteFailed(js_error(e)),
    }
}

/// localStorage as a [`TextStore`]: the saved-plans repository is
/// `StoreRepository<LocalStore>` (the migration and protection logic lives in `state::plans`).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct LocalStore;

impl TextStore for LocalStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        local()?
            .get_item(key)
            .map_err(|e| StoreError::Unavailable(js_error(&e)))
    }

    fn set(&self, key: &str, text: &str) -> Result<(), StoreError> {
        local()?.set_item(key, text).map_err(|e| write_error(&e))
    }

    fn remove(&self, key: &str) -> Result<(), StoreError> {
        local()?.remove_item(key).map_err(|e| write_error(&e))
    }
}

/// What restoring the draft found.
pub enum DraftLoad {
    /// Nothing stored (or session storage unavailable).
    Empty,
    /// The stored draft.
    Restored(Draft),
    /// The stored draft could not be read: its raw text, to be set aside (never dropped).
    Unreadable(String),
}

/// Reads the in-progress draft (no writes): the one the questionnaire's build handed over in
/// the page, if any (the freshest, even where storage refused it), else sessionStorage's.
pub fn load_draft() -> DraftLoad {
    use super::results_loader::{take_handed_over, HandedOver};
    let stored = || session().and_then(|s| s.get_item(DRAFT_KEY).ok());
    match take_handed_over(HandedOver::Draft).or_else(|| stored().flatten()) {
        Some(text) => match Draft::from_json(&text) {
            Ok(d) => DraftLoad::Restored(d),
            Err(_) => DraftLoad::Unreadable(text),
        },
        None => DraftLoad::Empty,
    }
}

/// Sets an unreadable draft aside under [`DAMAGED_DRAFT_KEY`]; only once that copy is
/// written is the original removed.
pub fn set_aside_draft(raw: &str) -> Result<(), StoreError> {
    let s = session()
        .ok_or_else(|| StoreError::Unavailable("sessionStorage is not available".into()))?;
    s.set_item(DAMAGED_DRAFT_KEY, raw)
        .map_err(|e| write_error(&e))?;
    s.remove_item(DRAFT_KEY).map_err(|e| write_error(&e))
}

/// Keeps the draft in sessionStorage (so a refresh keeps the visitor's place). A failure is
/// returned for the caller to show.
pub fn save_draft(draft: &Draft) -> Result<(), StoreError> {
    let s = session()
        .ok_or_else(|| StoreError::Unavailable("sessionStorage is not available".into()))?;
    s.set_item(DRAFT_KEY, &draft.to_json())
        .map_err(|e| write_error(&e))
}

/// Forgets the draft (after "Start again").
pub fn clear_draft() -> Result<(), StoreError> {
    match session() {
        Some(s) => s.remove_item(DRAFT_KEY).map_err(|e| write_error(&e)),
        None => Ok(()),
    }
}

/// Clears this tab's session storage entirely (kiosk reset: nothing of the visitor stays).
pub fn clear_session() -> Result<(), StoreError> {
    match session() {
        Some(s) => s.clear().map_err(|e| write_error(&e)),
        None => Ok(()),
    }
}
