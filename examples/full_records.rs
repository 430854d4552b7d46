//! Prints a plans envelope (spec §9) of N full staff records (default 5,000) on stdout, for the
//! staff capacity benchmark (`scripts/bench-staff.mjs`). It must not write anything else.

use meso_advisor::core::Clinic;
use meso_advisor::state::plans::Envelope;

#[path = "../tests/fixtures/full_record.rs"]
mod full_record;

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(5000);
    let clinic =
        Clinic::parse(include_str!("../clinic.json")).expect("the shipped clinic is valid");
    let plans = (0..n)
        .map(|i| full_record::full_record(i, &clinic))
        .collect();
    match Envelope::current(plans, vec![]).to_text() {
        Ok(text) => println!("{text}"),
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
}
