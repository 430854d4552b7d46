//! The browser edge: the device's date and time, ids, focus, printing, downloads and the
//! hash route. Everything here touches the page or the clock; it must hold no app logic.

use chrono::NaiveDate;
use wasm_bindgen::JsCast;

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

/// The device's local date (the `today` the core is given).
pub fn today() -> NaiveDate {
    let d = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(d.get_full_year() as i32, d.get_month() + 1, d.get_date())
        .unwrap_or(NaiveDate::MIN)
}

/// The current time as RFC 3339 (UTC).
pub fn now_iso() -> String {
    js_sys::Date::new_0().to_iso_string().into()
}

/// A new random id for a saved plan.
pub fn new_id() -> String {
    let mut bytes = [0u8; 8];
    let filled = window()
        .and_then(|w| w.crypto().ok())
        .and_then(|c| c.get_random_values_with_u8_array(&mut bytes).ok())
        .is_some();
    if !filled {
        for b in bytes.iter_mut() {
            *b = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Opens the print dialog.
pub fn print() {
    if let Some(w) = window() {
        let _ = w.print();
    }
}

/// Moves keyboard focus to the element with this id (without scrolling jumps when
/// reduced motion is asked for).
pub fn focus_id(id: &str) {
    let Some(el) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
    else {
        return;
    };
    if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
        let _ = el.focus();
    }
}

/// A new page: back to the top, and keyboard focus on the element `id` (the page heading
/// `#page-heading`, or the question a step was opened to show). The heading is at the top: it
/// is focused without asking the browser to scroll it into view as well, which would lay the
/// page out once more, in the middle of the page change.
pub fn show_new_page(id: &str) {
    let Some(w) = window() else { return };
    w.scroll_to_with_x_and_y(0.0, 0.0);
    let target = w
        .document()
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(el) = target {
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(id == "page-heading");
        let _ = el.focus_with_options(&options);
    }
}

/// Offers text as a file download (exports, backups, raw damaged data).
pub fn download(filename: &str, mime: &str, text: &str) -> Result<(), String> {
    let doc = window().and_then(|w| w.document()).ok_or("no document")?;
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let props = web_sys::BlobPropertyBag::new();
    props.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &props)
        .map_err(|e| format!("{e:?}"))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|e| format!("{e:?}"))?;
    let a: web_sys::HtmlAnchorElement = doc
        .create_element("a")
        .map_err(|e| format!("{e:?}"))?
        .dyn_into()
        .map_err(|_| "not an anchor")?;
    a.set_href(&url);
    a.set_download(filename);
    a.click();
    // Revoked a little later: some browsers start the download after click() returns.
    gloo::timers::callback::Timeout::new(10_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
    Ok(())
}

/// The current location hash (without `#`).
pub fn hash() -> String {
    window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
        .trim_start_matches('#')
        .to_string()
}

/// Goes to a hash route, adding a history entry (so Back returns).
pub fn set_hash(h: &str) {
    if let Some(w) = window() {
        let _ = w.location().set_hash(h);
    }
}

/// Goes to a hash route in place of the current history entry (kiosk mode: Back never
/// returns to an earlier visitor's pages). No `hashchange` fires: the caller sets the route.
pub fn replace_hash(h: &str) {
    if let Some(w) = window() {
        if let Ok(history) = w.history() {
            // This document's own address (a relative "#…" would follow a <base>, as in the
            // setup and staff pages, and name another document).
            let loc = w.location();
            let url = format!(
                "{}{}#{}",
                loc.pathname().unwrap_or_default(),
                loc.search().unwrap_or_default(),
                h.trim_start_matches('#')
            );
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
        }
    }
}

/// Opens another document of the app (another build's page) in place of this history entry.
pub fn open_elsewhere(url: &str) {
    if let Some(w) = window() {
        let _ = w.location().replace(url);
    }
}

/// Sets the clinic's accent colour as a CSS custom property (CSSOM, allowed by the CSP).
pub fn set_accent(colour: &str) {
    if let Some(el) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
            let _ = el.style().set_property("--color-accent", colour);
        }
    }
}

/// The text of the element with this id.
pub fn text_of(id: &str) -> Option<String> {
    window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.text_content())
}

/// Sets the page's language (`<html lang>`), so screen readers pronounce it right.
pub fn set_lang(lang: &str) {
    if let Some(el) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = el.set_attribute("lang", lang);
    }
}

/// Sets the document title.
pub fn set_title(title: &str) {
    if let Some(d) = window().and_then(|w| w.document()) {
        d.set_title(title);
    }
}

/// The current time in UTC (for a calendar's DTSTAMP).
pub fn now_utc() -> chrono::NaiveDateTime {
    let d = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(
        d.get_utc_full_year() as i32,
        d.get_utc_month() + 1,
        d.get_utc_date(),
    )
    .and_then(|day| day.and_hms_opt(d.get_utc_hours(), d.get_utc_minutes(), d.get_utc_seconds()))
    .unwrap_or_default()
}

/// The page's address without its fragment (`https://host/path/`), the base of share links.
pub fn address_without_hash() -> String {
    let href = window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    match href.split_once('#') {
        Some((base, _)) => base.to_string(),
        None => href,
    }
}

/// Copies text to the clipboard (`navigator.clipboard.writeText`, called through
/// `js_sys::Reflect` so no extra web-sys feature is needed). Fails when the browser has no
/// clipboard access (e.g. an insecure origin) or refuses it.
pub async fn copy_text(text: &str) -> Result<(), String> {
    use wasm_bindgen::JsValue;
    let navigator = window().ok_or("no window")?.navigator();
    let clipboard = js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard"))
        .map_err(|e| format!("{e:?}"))?;
    if clipboard.is_undefined() || clipboard.is_null() {
        return Err("no clipboard".into());
    }
    let write: js_sys::Function = js_sys::Reflect::get(&clipboard, &JsValue::from_str("writeText"))
        .map_err(|e| format!("{e:?}"))?
        .dyn_into()
        .map_err(|_| "no writeText")?;
    let promise: js_sys::Promise = write
        .call1(&clipboard, &JsValue::from_str(text))
        .map_err(|e| format!("{e:?}"))?
        .dyn_into()
        .map_err(|_| "writeText did not return a promise")?;
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .map(|_| ())
        .map_err(|e| format!("{e:?}"))
}

/// Offers every saved plan as a backup file (the spec §9 envelope, the same JSON as storage
/// holds unencrypted): the saved-plans page, staff mode's patient list and its encryption
/// section use it.
pub fn download_backup(
    plans: &[crate::state::plans::SavedPlan],
    unconverted: &[crate::state::plans::Unconverted],
) -> Result<(), String> {
    let text = crate::state::plans::Envelope::current(plans.to_vec(), unconverted.to_vec())
        .to_text()
        .map_err(|e| e.to_string())?;
    download("mesotherapy-plans-backup.json", "application/json", &text)
}

/// Loads the page again (same address).
pub fn reload() {
    if let Some(w) = web_sys::window() {
        let _ = w.location().reload();
    }
}
