//! Fuzz target: the `clinic.json` decoder. It must never panic, and a valid file must plan
//! without panicking for the base answers.
#![no_main]

use libfuzzer_sys::fuzz_target;
use meso_advisor::core::{assess, Answers, Clinic};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(c) = Clinic::parse(text) {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let a = Answers::parse(include_str!("../../tests/fixtures/answers-suitable.json"), Some(today))
            .unwrap();
        let _ = assess(&a, &c, today);
    }
});
