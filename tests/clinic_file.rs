//! The `clinic.json` shipped next to `index.html` is valid and matches the embedded default
//! in everything that decides outcomes (so the demo and the command line agree).
#![cfg(not(target_arch = "wasm32"))]

use meso_advisor::core::Clinic;

#[test]
fn the_shipped_clinic_json_is_valid_and_plans_like_the_default() {
    let text = include_str!("../clinic.json");
    let shipped = Clinic::parse(text).unwrap_or_else(|e| panic!("clinic.json refused:\n{e}"));
    let default = Clinic::default();
    assert_eq!(shipped.protocol, default.protocol);
    assert_eq!(shipped.policies, default.policies);
    assert_eq!(shipped.closed_weekdays, default.closed_weekdays);
    assert_eq!(shipped.aftercare, default.aftercare);
    assert_eq!(shipped.prices, default.prices);
    assert!(shipped.contact.booking_url.is_some());
}
