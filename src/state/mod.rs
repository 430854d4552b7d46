//! Pure, reducer-style state machines of the app's features (questionnaire, saved plans)
//! and the storage formats and repository trait they use. Like `core`, this module must not
//! import web crates or read the clock: the UI's hooks do IO at the edge and dispatch here.

pub mod backup;
pub mod kiosk;
pub mod plans;
mod plans_v1;
pub mod questionnaire;
pub mod route;
pub mod sealed;
pub mod staff;
