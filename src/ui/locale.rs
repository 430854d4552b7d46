//! The visitor's language (spec §10): which one applies (a choice remembered on this device,
//! if the clinic offers it, else the clinic's default), and fetching a non-English catalog from
//! `locales/<lang>.txt` on demand (same origin; the service worker keeps it for offline use).
//! It must never show a blank page over a missing or damaged catalog: the caller falls back
//! to English and says so.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::core::{Catalog, Clinic};

/// The localStorage key of the visitor's language choice (cleared by a kiosk reset).
pub const LANG_KEY: &str = "meso-advisor/lang";

fn local() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The language to use: the one the questionnaire's build handed over in the page, else the
/// remembered choice, when the clinic offers it; else its default.
pub fn preferred(clinic: &Clinic) -> String {
    use super::results_loader::{take_handed_over, HandedOver};
    take_handed_over(HandedOver::Lang)
        .or_else(|| local().and_then(|s| s.get_item(LANG_KEY).ok().flatten()))
        .filter(|l| clinic.languages.offered.iter().any(|o| o == l))
        .unwrap_or_else(|| clinic.languages.default.clone())
}

/// Remembers the visitor's choice on this device (a failure only means it is not kept).
pub fn remember(lang: &str) {
    if let Some(s) = local() {
        let _ = s.set_item(LANG_KEY, lang);
    }
}

/// Forgets the choice (kiosk reset).
pub fn forget() {
    if let Some(s) = local() {
        let _ = s.remove_item(LANG_KEY);
    }
}

/// The catalog of `lang`: built in, or fetched and checked (against `english`, this build's
/// English: it must have each of its keys).
pub async fn load(
    lang: &str,
    english: fn() -> &'static Catalog,
) -> Result<&'static Catalog, String> {
    if let Some(c) = Catalog::loaded_with(english, lang) {
        return Ok(c);
    }
    let window = web_sys::window().ok_or("no browser window")?;
    let path = format!("locales/{lang}.txt");
    let response = JsFuture::from(window.fetch_with_str(&path))
        .await
        .map_err(|_| format!("{path}: could not be fetched"))?
        .dyn_into::<web_sys::Response>()
        .map_err(|_| format!("{path}: not a response"))?;
    if !response.ok() {
        return Err(format!("{path}: the server answered {}", response.status()));
    }
    let text = JsFuture::from(response.text().map_err(|_| format!("{path}: unreadable"))?)
        .await
        .map_err(|_| format!("{path}: unreadable"))?
        .as_string()
        .unwrap_or_default();
    Catalog::register_with(english, lang, text)
}
