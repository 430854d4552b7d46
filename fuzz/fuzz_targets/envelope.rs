//! Fuzz target: the saved-plans envelope reader, every version (plans@1 migrates, plans@2
//! reads). It must never panic; what it accepts must write and read back the same.
#![no_main]

use libfuzzer_sys::fuzz_target;
use meso_advisor::core::Clinic;
use meso_advisor::state::plans::{read_envelope, Envelope};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let clinics = [Clinic::default()];
    if let Ok(l) = read_envelope(text, &clinics) {
        let out = Envelope::current(l.plans.clone(), l.unconverted.clone()).to_text().unwrap();
        let back = read_envelope(&out, &clinics).expect("what it wrote reads back");
        assert_eq!(back.plans, l.plans);
    }
});
