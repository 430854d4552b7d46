//! Prints the stored size of a full saved plan (6 sessions with lots and notes, 2 reviews):
//! the capacity figure of staff mode (README, "Staff mode"). It must not write anything.

use meso_advisor::core::Clinic;
use meso_advisor::state::plans::Envelope;

#[path = "../tests/fixtures/full_record.rs"]
mod full_record;

fn main() {
    let clinic =
        Clinic::parse(include_str!("../clinic.json")).expect("the shipped clinic is valid");
    let one = Envelope::current(vec![full_record::full_record(0, &clinic)], vec![])
        .to_text()
        .unwrap_or_default();
    let empty = Envelope::current(vec![], vec![])
        .to_text()
        .unwrap_or_default();
    let per = one.len() - empty.len();
    println!(
        "bytes per full record: {per} (UTF-8); {} as UTF-16",
        per * 2
    );
    println!("5,000 records: {:.1} MB UTF-8", (per * 5000) as f64 / 1e6);
}
