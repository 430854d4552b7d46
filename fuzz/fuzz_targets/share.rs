//! Fuzz target: the share-code decoder (`#/s/<code>` links). It must never panic, and any
//! code it accepts must be the canonical encoding of the answers it decodes to.
#![no_main]

use libfuzzer_sys::fuzz_target;
use meso_advisor::core::export::share::{decode, encode};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(a) = decode(text, None) {
        assert_eq!(encode(&a), text, "only canonical codes decode");
    }
});
