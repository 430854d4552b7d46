//! Fuzz target: the message-catalog reader (catalogs are fetched at run time). It must never
//! panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use meso_advisor::core::Catalog;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = Catalog::check_text("xx", text);
});
