//! Loads the clinic's settings from `clinic.json` next to `index.html` (same origin only).
//! Only a missing file (404, or a host's HTML fallback page) means the embedded default; a
//! file that cannot be fetched or is wrong stops the app with the reason, never half applied
//! and never silently replaced by the default.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::core::Clinic;

/// What loading the settings found.
#[derive(Debug, Clone, PartialEq)]
pub enum ClinicLoad {
    /// The clinic's file, validated.
    FromFile(Clinic),
    /// There is no `clinic.json`: the embedded default applies.
    NoFile,
    /// The file could not be fetched (offline, server error): the app cannot know this
    /// clinic's policies, so it does not run on someone else's.
    Unreachable(String),
    /// The file is there but refused: one line per problem.
    Refused(Vec<String>),
}

/// Fetches and validates `clinic.json`.
pub async fn load_clinic() -> ClinicLoad {
    let Some(window) = web_sys::window() else {
        return ClinicLoad::Unreachable("no browser window".into());
    };
    let init = web_sys::RequestInit::new();
    init.set_cache(web_sys::RequestCache::NoCache);
    let response = match JsFuture::from(window.fetch_with_str_and_init("clinic.json", &init)).await
    {
        Ok(r) => r,
        Err(e) => {
            return ClinicLoad::Unreachable(format!(
                "clinic.json: {}",
                e.as_string().unwrap_or_else(|| "network error".into())
            ))
        }
    };
    let Ok(response) = response.dyn_into::<web_sys::Response>() else {
        return ClinicLoad::Unreachable("clinic.json: not a response".into());
    };
    if response.status() == 404 {
        return ClinicLoad::NoFile;
    }
    // Hosts that answer every unknown path with the app's own page (single-page fallback)
    // have no clinic.json either.
    let content_type = response
        .headers()
        .get("content-type")
        .ok()
        .flatten()
        .unwrap_or_default();
    if response.ok() && content_type.starts_with("text/html") {
        return ClinicLoad::NoFile;
    }
    if !response.ok() {
        return ClinicLoad::Unreachable(format!(
            "clinic.json: the server answered {}",
            response.status()
        ));
    }
    let text = match response.text() {
        Ok(p) => match JsFuture::from(p).await {
            Ok(t) => t.as_string().unwrap_or_default(),
            Err(_) => return ClinicLoad::Unreachable("clinic.json: could not be read".into()),
        },
        Err(_) => return ClinicLoad::Unreachable("clinic.json: could not be read".into()),
    };
    match Clinic::parse(&text) {
        Ok(c) => ClinicLoad::FromFile(c),
        Err(e) => ClinicLoad::Refused(e.lines()),
    }
}
