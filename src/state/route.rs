//! The app's hash routes (`#/step/2`, `#/saved/ab12…`): parsing and formatting. Hash routes
//! work from any static host and offline. It must not touch the browser.

use super::questionnaire::STEPS;

/// A page of the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Start,
    Step(u8),
    Result,
    Plan,
    Saved,
    SavedPlan(String),
    About,
    /// Staff mode: unlock, then the patients on this device.
    Staff,
    /// Staff mode: one patient's course.
    StaffPatient(String),
    /// A shared assessment (`#/s/<code>`): recomputed here from the share code.
    Shared(String),
    /// The letter for the doctor about the current assessment.
    Letter,
    /// The clinic setup page (configure `clinic.json`).
    Setup,
    NotFound,
}

impl Route {
    /// Parses a location hash (with or without `#`).
    pub fn parse(hash: &str) -> Route {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
        match parts.as_slice() {
            [] => Route::Start,
            ["step", n] => match n.parse::<u8>() {
                Ok(n) if (1..=STEPS).contains(&n) => Route::Step(n),
                _ => Route::NotFound,
            },
            ["result"] => Route::Result,
            ["plan"] => Route::Plan,
            ["saved"] => Route::Saved,
            ["saved", id]
                if id.len() <= 64 && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') =>
            {
                Route::SavedPlan((*id).to_string())
            }
            ["about"] => Route::About,
            ["staff"] => Route::Staff,
            ["s", code]
                if code.len() <= 64
                    && code
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') =>
            {
                Route::Shared((*code).to_string())
            }
            ["letter"] => Route::Letter,
            ["setup"] => Route::Setup,
            ["staff", "p", id]
                if id.len() <= 64 && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') =>
            {
                Route::StaffPatient((*id).to_string())
            }
            _ => Route::NotFound,
        }
    }

    /// The hash for this route (without `#`).
    pub fn hash(&self) -> String {
        match self {
            Route::Start => "/".into(),
            Route::Step(n) => format!("/step/{n}"),
            Route::Result => "/result".into(),
            Route::Plan => "/plan".into(),
            Route::Saved => "/saved".into(),
            Route::SavedPlan(id) => format!("/saved/{id}"),
            Route::About => "/about".into(),
            Route::Staff => "/staff".into(),
            Route::StaffPatient(id) => format!("/staff/p/{id}"),
            Route::Shared(code) => format!("/s/{code}"),
            Route::Letter => "/letter".into(),
            Route::Setup => "/setup".into(),
            Route::NotFound => "/not-found".into(),
        }
    }
}
