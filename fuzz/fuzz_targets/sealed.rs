//! Fuzz target: the sealed wrapper of stored plans (`state::sealed::open`) and its base64. It
//! must never panic; a wrapper it accepts must be written back the same way, and base64 it
//! accepts must be the canonical encoding of the bytes it decodes to.
#![no_main]

use libfuzzer_sys::fuzz_target;
use meso_advisor::state::sealed::{base64_decode, base64_encode, open, seal};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Some(bytes) = base64_decode(text) {
        assert_eq!(base64_encode(&bytes), text, "only canonical base64 decodes");
    }
    if let Ok(sealed) = open(text) {
        assert_eq!(open(&seal(&sealed)), Ok(sealed), "a wrapper read back is written back");
    }
});
