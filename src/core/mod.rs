//! The pure core: answers, rules, planner, outcome, clinic settings and message catalog.
//! It must never import yew, web-sys, gloo, js-sys or wasm-bindgen, nor read the clock:
//! `today` is always an argument.

pub mod choice;
mod reader;

pub mod answers;
pub mod catalog;
pub mod clinic;
pub mod clinic_json;
pub mod dates;
pub mod drivers;
pub mod export;
pub mod outcome;
pub mod planner;
pub mod problem;
pub mod rules;

pub use answers::Answers;
pub use catalog::Catalog;
pub use clinic::Clinic;
pub use outcome::{assess, assess_text, Evaluation, Outcome};
pub use problem::{InputError, Problem, ProblemKind};
pub use reader::parse_iso_date;
