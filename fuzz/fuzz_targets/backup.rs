//! Fuzz target: backup import (the envelope reader plus the add/update/conflict preview
//! against the plans on a device). It must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use meso_advisor::core::Clinic;
use meso_advisor::state::backup::preview;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut n = 0u32;
    if let Ok(p) = preview(text, &[], &[Clinic::default()], || {
        n += 1;
        format!("copy{n}")
    }) {
        let _ = p.records();
    }
});
