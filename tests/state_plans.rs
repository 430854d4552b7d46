//! Native tests of saved plans: the envelope (read, migrate, refuse damaged or newer data),
//! the in-memory repository and the list reducer (add, rename, delete, undo, protection).
#![cfg(not(target_arch = "wasm32"))]

use chrono::NaiveDate;
use meso_advisor::core::{assess, Answers, Catalog, Clinic};
use meso_advisor::state::plans::{
    clean_label, read_envelope, Envelope, MemoryRepository, PlanRepository, PlansAction,
    PlansState, SaveState, SavedPlan, StaffRecord, StoreError, StoreStatus,
};

const ANSWERS: &str = include_str!("fixtures/answers-suitable.json");

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
}

fn plan(id: &str, created: &str) -> SavedPlan {
    let answers = Answers::parse(ANSWERS, Some(today())).unwrap();
    let outcome = assess(&answers, &Clinic::default(), today()).render(Catalog::english());
    SavedPlan {
        id: id.into(),
        label: format!("Plan {id}"),
        created_at: created.into(),
        updated_at: created.into(),
        assessed_on: today(),
        answers,
        outcome,
        clinic_version: Clinic::default().fingerprint(),
        staff: StaffRecord::default(),
    }
}

fn ready(plans: Vec<SavedPlan>) -> PlansState {
    let mut s = PlansState::default();
    s.apply(PlansAction::Load(Ok(plans)));
    s
}

#[test]
fn the_envelope_round_trips_through_the_repository() {
    let repo = MemoryRepository::default();
    assert_eq!(repo.load().unwrap(), vec![]);
    let plans = vec![
        plan("a", "2026-11-24T10:00:00Z"),
        plan("b", "2026-11-24T11:00:00Z"),
    ];
    repo.save(&plans).unwrap();
    let text = repo.raw().unwrap().unwrap();
    assert!(
        text.starts_with(r#"{"schema":"meso-advisor/plans@1","plans":["#),
        "{text:.80}"
    );
    assert_eq!(repo.load().unwrap(), plans);
}

#[test]
fn damaged_or_newer_data_is_an_error_never_an_empty_list() {
    for (text, want) in [
        ("{not json", "damaged"),
        ("[]", "damaged"),
        (r#"{"plans":[]}"#, "damaged"),
        (
            r#"{"schema":"meso-advisor/plans@1","plans":[{"id":"x"}]}"#,
            "damaged",
        ),
        (
            r#"{"schema":"meso-advisor/plans@1","plans":[],"extra":1}"#,
            "damaged",
        ),
        (r#"{"schema":"meso-advisor/plans@2","plans":[]}"#, "newer"),
        (r#"{"schema":"meso-advisor/plans@0","plans":[]}"#, "damaged"),
    ] {
        let got = read_envelope(text);
        match (want, &got) {
            ("damaged", Err(StoreError::Damaged(_))) | ("newer", Err(StoreError::Newer(2))) => {}
            _ => panic!("{text}: expected {want}, got {got:?}"),
        }
    }
}

#[test]
fn a_failed_load_blocks_every_write_and_keeps_the_data() {
    let repo = MemoryRepository::default();
    *repo.text.borrow_mut() = Some("{damaged".into());
    let mut s = PlansState::default();
    s.apply(PlansAction::Load(repo.load()));
    assert!(matches!(
        s.status,
        StoreStatus::Failed(StoreError::Damaged(_))
    ));
    assert!(!s.writable());
    let rev = s.revision;
    s.apply(PlansAction::Add(Box::new(plan("a", "t"))));
    s.apply(PlansAction::Delete { id: "a".into() });
    assert_eq!(s.revision, rev, "nothing to write");
    assert!(s.plans.is_empty());
    assert_eq!(repo.raw().unwrap().as_deref(), Some("{damaged"));
}

#[test]
fn a_full_store_reports_and_keeps_the_list_in_memory() {
    let repo = MemoryRepository::default();
    repo.full.set(true);
    let mut s = ready(vec![]);
    s.apply(PlansAction::Add(Box::new(plan("a", "t"))));
    assert_eq!(s.save_state("a"), SaveState::Saving);
    let result = repo.save(&s.plans);
    assert_eq!(result, Err(StoreError::Full));
    s.apply(PlansAction::WriteFailed(StoreError::Full));
    assert_eq!(s.write_error, Some(StoreError::Full));
    assert_eq!(
        s.save_state("a"),
        SaveState::Failed,
        "a failed write is never reported as saved"
    );
    assert_eq!(s.plans.len(), 1);
    let rev = s.revision;
    s.apply(PlansAction::Retry);
    assert!(s.revision > rev, "a retry asks the edge to write again");
    s.apply(PlansAction::Written(rev));
    assert_eq!(
        s.save_state("a"),
        SaveState::Failed,
        "an older write does not count"
    );
    s.apply(PlansAction::Written(s.revision));
    assert_eq!(s.write_error, None);
    assert_eq!(s.save_state("a"), SaveState::Saved);
    assert_eq!(s.save_state("zz"), SaveState::Gone);
}

#[test]
fn list_is_newest_first_and_rename_delete_undo_work() {
    let mut s = ready(vec![
        plan("old", "2026-01-01T00:00:00Z"),
        plan("new", "2026-11-01T00:00:00Z"),
    ]);
    assert_eq!(
        s.plans.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(),
        ["new", "old"]
    );
    s.apply(PlansAction::Add(Box::new(plan(
        "newest",
        "2026-11-24T00:00:00Z",
    ))));
    assert_eq!(s.plans[0].id, "newest");
    let rev = s.revision;
    s.apply(PlansAction::Rename {
        id: "old".into(),
        label: "  Alex\u{7}  ".into(),
        at: "T".into(),
    });
    assert_eq!(s.get("old").unwrap().label, "Alex");
    assert_eq!(s.get("old").unwrap().updated_at, "T");
    assert!(s.revision > rev);
    s.apply(PlansAction::Rename {
        id: "old".into(),
        label: "   ".into(),
        at: "T2".into(),
    });
    assert_eq!(
        s.get("old").unwrap().label,
        "Alex",
        "an empty name is refused"
    );
    s.apply(PlansAction::Delete { id: "new".into() });
    assert!(s.get("new").is_none());
    assert_eq!(
        s.undo.as_ref().map(|(i, p)| (*i, p.id.as_str())),
        Some((1, "new"))
    );
    s.apply(PlansAction::Undo);
    assert_eq!(
        s.plans.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(),
        ["newest", "new", "old"]
    );
    assert!(s.undo.is_none());
    s.apply(PlansAction::Undo);
    assert_eq!(s.plans.len(), 3, "a second undo does nothing");
}

#[test]
fn labels_are_cleaned_and_bounded() {
    assert_eq!(clean_label("  hi\nthere "), "hithere");
    assert_eq!(clean_label(&"x".repeat(500)).chars().count(), 60);
    assert_eq!(
        clean_label("<b>Bold</b>"),
        "<b>Bold</b>",
        "kept as text; the UI never renders it as HTML"
    );
}

#[test]
fn next_date_is_the_first_upcoming_one() {
    let p = plan("a", "t");
    let first = p.outcome.plan.as_ref().unwrap().sessions[0].date;
    assert_eq!(p.next_date(today()), Some(first));
    let far = NaiveDate::from_ymd_opt(2040, 1, 1).unwrap();
    assert_eq!(p.next_date(far), None);
}

#[test]
fn backups_use_the_same_envelope() {
    let plans = vec![plan("a", "t")];
    let text = Envelope::current(plans.clone()).to_text().unwrap();
    assert_eq!(read_envelope(&text).unwrap().plans, plans);
}
