//! Fuzz target: the answers JSON decoder (CLI input, saved plans, share links decode to it).
//! It must never panic; a valid document must re-encode and parse to the same answers.
#![no_main]

use libfuzzer_sys::fuzz_target;
use meso_advisor::core::Answers;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    if let Ok(a) = Answers::parse(text, Some(today)) {
        let again = Answers::parse(&a.to_value().to_string(), Some(today)).expect("round trip");
        assert_eq!(again, a);
    }
});
