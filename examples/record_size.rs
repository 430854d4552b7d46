//! Prints the stored size of a full saved plan (6 sessions with lots and notes, 2 reviews):
//! the capacity figure of staff mode (README, "Staff mode"). It must not write anything.

use chrono::NaiveDate;
use meso_advisor::core::{Answers, Clinic};
use meso_advisor::state::plans::{Envelope, ReviewVisit, SavedPlan, SessionDone};

fn main() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap_or_default();
    let answers = Answers::parse(
        include_str!("../tests/fixtures/answers-suitable.json"),
        Some(today),
    )
    .expect("the fixture is valid");
    let clinic =
        Clinic::parse(include_str!("../clinic.json")).expect("the shipped clinic is valid");
    let mut p = SavedPlan::new(
        "0123456789abcdef".into(),
        "Patient nickname".into(),
        "2026-11-24T10:00:00.000Z".into(),
        answers,
        &clinic,
        today,
    );
    for n in 1..=6u8 {
        p.staff.sessions_done.push(SessionDone {
            number: n,
            date: today,
            product: Some("Hair cocktail A".into()),
            lot: Some(format!("LOT-2026-{n:03}")),
            notes: Some("Tolerated well.".into()),
            side_effects: Some("Mild redness".into()),
        });
    }
    for score in [1i8, 2] {
        p.staff.reviews.push(ReviewVisit {
            date: today,
            clinician_score: Some(score),
            patient_rating: Some(7),
            pull_test_count: Some(5),
            notes: Some("Photos taken.".into()),
        });
    }
    let one = Envelope::current(vec![p.clone()], vec![])
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
