//! Native tests of staff mode's state (spec §11): confirming, each adjustment with the
//! clinic's ranges and open days (or a reason), sessions done, reviews, the course status,
//! the passcode back-off, backup previews with conflicts; and a property test that recorded
//! adjustments never put sessions out of order, on closed days or outside the clinic's range
//! without a reason.
#![cfg(not(target_arch = "wasm32"))]

use chrono::{Datelike, NaiveDate, Weekday};
use meso_advisor::core::{Answers, Clinic};
use meso_advisor::state::backup::{preview, BackupError, MAX_BACKUP_BYTES};
use meso_advisor::state::plans::{
    Adjustment, Change, Envelope, Loaded, PlansAction, PlansState, ReviewVisit, SavedPlan,
    SessionDone, StaffChange,
};
use meso_advisor::state::staff::{
    check_change, course_status, current_plan, next_due, AdjustIssue, Backoff, CourseStatus,
};
use proptest::prelude::*;

const ANSWERS: &str = include_str!("fixtures/answers-suitable.json");

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn today() -> NaiveDate {
    d("2026-11-24")
}

fn clinic() -> Clinic {
    Clinic::default()
}

fn plan(id: &str) -> SavedPlan {
    let answers = Answers::parse(ANSWERS, Some(today())).unwrap();
    SavedPlan::new(
        id.into(),
        format!("Patient {id}"),
        "2026-11-24T10:00:00Z".into(),
        answers,
        &clinic(),
        today(),
    )
}

fn state(plans: Vec<SavedPlan>) -> PlansState {
    let mut s = PlansState::default();
    s.apply(PlansAction::Load(Ok(Loaded {
        plans,
        ..Loaded::default()
    })));
    s
}

fn staff(s: &mut PlansState, id: &str, change: StaffChange) -> bool {
    let rev = s.revision;
    s.apply(PlansAction::Staff {
        id: id.into(),
        change,
        at: "2026-11-25T09:00:00Z".into(),
        today: today(),
    });
    s.revision > rev
}

fn adjust(change: Change, reason: Option<&str>) -> StaffChange {
    StaffChange::Adjust(Adjustment {
        change,
        by: "Dr Ana".into(),
        at: "2026-11-25T09:00:00Z".into(),
        reason: reason.map(String::from),
    })
}

#[test]
fn confirming_labels_the_plan_and_changes_its_status() {
    let mut s = state(vec![plan("a")]);
    assert_eq!(
        course_status(s.get("a").unwrap(), &clinic()),
        CourseStatus::Proposed
    );
    assert!(!staff(
        &mut s,
        "a",
        StaffChange::Confirm {
            by: "  ".into(),
            on: today()
        }
    ));
    assert!(staff(
        &mut s,
        "a",
        StaffChange::Confirm {
            by: "Dr Ana".into(),
            on: d("2026-11-25")
        }
    ));
    let p = s.get("a").unwrap();
    assert_eq!(p.staff.confirmation.as_ref().unwrap().by, "Dr Ana");
    assert_eq!(p.updated_at, "2026-11-25T09:00:00Z");
    assert_eq!(course_status(p, &clinic()), CourseStatus::Confirmed);
}

#[test]
fn moving_a_session_keeps_order_and_boosters_follow_the_last_session() {
    let mut s = state(vec![plan("a")]);
    let proposal = s.get("a").unwrap().evaluation.plan.clone().unwrap();
    // BASE: 4 sessions every 4 weeks from Tue 2026-12-01.
    let last = proposal.sessions.last().unwrap().date;
    let to = d("2027-03-02"); // a Tuesday, later than the last session
    assert!(staff(
        &mut s,
        "a",
        adjust(
            Change::MoveSession {
                number: proposal.sessions.len() as u8,
                from: last,
                to
            },
            None
        )
    ));
    let p = s.get("a").unwrap();
    let current = current_plan(p, &clinic()).unwrap();
    assert_eq!(current.sessions.last().unwrap().date, to);
    assert_eq!(
        current.boosters[0],
        meso_advisor::core::dates::add_months(to, 3),
        "boosters follow the moved last session"
    );
    // The original proposal is untouched.
    assert_eq!(p.evaluation.plan.as_ref().unwrap(), &proposal);
}

#[test]
fn adjustments_outside_the_protocol_need_a_reason() {
    let mut s = state(vec![plan("a")]);
    let proposal = s.get("a").unwrap().evaluation.plan.clone().unwrap();
    let sunday = d("2026-12-06");
    assert_eq!(sunday.weekday(), Weekday::Sun);
    let to_sunday = Change::MoveSession {
        number: 2,
        from: proposal.sessions[1].date,
        to: sunday,
    };
    assert_eq!(
        check_change(&proposal, &to_sunday, &clinic(), &[], today()),
        vec![AdjustIssue::ClosedDay]
    );
    assert!(!staff(&mut s, "a", adjust(to_sunday.clone(), None)));
    assert!(!staff(&mut s, "a", adjust(to_sunday.clone(), Some("   "))));
    assert!(staff(
        &mut s,
        "a",
        adjust(
            to_sunday,
            Some("Patient only free on Sunday; clinic opens for her")
        )
    ));
    // Interval 1 week is below the default 2.
    let interval = Change::ChangeInterval {
        from_weeks: 4,
        to_weeks: 1,
    };
    assert_eq!(
        check_change(&proposal, &interval, &clinic(), &[], today()),
        vec![AdjustIssue::Interval]
    );
    // Removing a session below 4 needs a reason; adding one above 6 too.
    let remove = Change::RemoveSession {
        number: 1,
        date: proposal.sessions[0].date,
    };
    assert_eq!(
        check_change(&proposal, &remove, &clinic(), &[], today()),
        vec![AdjustIssue::SessionCount]
    );
    // Impossible whatever the reason: a day already taken, the past, a session done.
    let same_day = Change::AddSession {
        date: proposal.sessions[0].date,
    };
    assert_eq!(
        check_change(&proposal, &same_day, &clinic(), &[], today()),
        vec![AdjustIssue::SameDay]
    );
    assert!(!staff(&mut s, "a", adjust(same_day, Some("because"))));
    let past = Change::AddSession {
        date: d("2026-11-20"),
    };
    assert!(
        check_change(&proposal, &past, &clinic(), &[], today()).contains(&AdjustIssue::InThePast)
    );
    let done_move = Change::MoveSession {
        number: 1,
        from: proposal.sessions[0].date,
        to: d("2026-12-02"),
    };
    assert_eq!(
        check_change(&proposal, &done_move, &clinic(), &[1], today()),
        vec![AdjustIssue::NoSuchSession]
    );
}

#[test]
fn sessions_done_and_reviews_follow_the_course() {
    let mut s = state(vec![plan("a")]);
    let p = s.get("a").unwrap().clone();
    let sessions = p.evaluation.plan.as_ref().unwrap().sessions.clone();
    let done = |n: u8| SessionDone {
        number: n,
        date: sessions[usize::from(n) - 1].date,
        product: Some("Dermaheal HL".into()),
        lot: Some(format!("LOT-{n}")),
        notes: None,
        side_effects: Some("mild redness".into()),
    };
    assert!(staff(&mut s, "a", StaffChange::RecordSession(done(1))));
    assert!(
        !staff(&mut s, "a", StaffChange::RecordSession(done(1))),
        "once"
    );
    assert_eq!(
        course_status(s.get("a").unwrap(), &clinic()),
        CourseStatus::InProgress
    );
    assert_eq!(
        next_due(s.get("a").unwrap(), &clinic(), today()),
        Some(sessions[1].date)
    );
    for n in 2..=sessions.len() as u8 {
        assert!(staff(&mut s, "a", StaffChange::RecordSession(done(n))));
    }
    assert_eq!(
        course_status(s.get("a").unwrap(), &clinic()),
        CourseStatus::Completed
    );
    let review = |score: i8, rating: u8| ReviewVisit {
        date: d("2027-02-23"),
        clinician_score: Some(score),
        patient_rating: Some(rating),
        pull_test_count: Some(4),
        notes: None,
    };
    assert!(
        !staff(&mut s, "a", StaffChange::RecordReview(review(4, 5))),
        "−3…+3"
    );
    assert!(
        !staff(&mut s, "a", StaffChange::RecordReview(review(1, 11))),
        "0–10"
    );
    assert!(staff(&mut s, "a", StaffChange::RecordReview(review(1, 7))));
    assert_eq!(s.get("a").unwrap().staff.reviews.len(), 1);
}

#[test]
fn wrong_passcodes_back_off_1_2_4_seconds() {
    let mut b = Backoff::default();
    assert_eq!(b.seconds_left(0.0), 0);
    b.fail(0.0);
    assert_eq!(b.seconds_left(0.0), 1);
    b.fail(1000.0);
    assert_eq!(b.seconds_left(1000.0), 2);
    b.fail(3000.0);
    assert_eq!(b.seconds_left(3000.0), 4);
    assert_eq!(b.seconds_left(7000.0), 0);
    for _ in 0..20 {
        b.fail(0.0);
    }
    assert_eq!(b.seconds_left(0.0), 256, "capped");
    b.succeed();
    assert_eq!(b.seconds_left(0.0), 0);
}

#[test]
fn a_backup_preview_adds_updates_and_keeps_both_sides_of_a_conflict() {
    let here = vec![plan("same"), plan("older-here"), plan("edited-both")];
    let mut backup = here.clone();
    // Newer in the backup: a session recorded later.
    backup[1].staff.sessions_done.push(SessionDone {
        number: 1,
        date: d("2026-12-01"),
        product: None,
        lot: Some("L1".into()),
        notes: None,
        side_effects: None,
    });
    backup[1].updated_at = "2026-12-01T10:00:00Z".into();
    // Edited on both sides differently.
    backup[2].label = "Renamed elsewhere".into();
    backup[2].updated_at = "2026-12-01T10:00:00Z".into();
    let mut here = here;
    here[2]
        .staff
        .notes
        .push(meso_advisor::state::plans::StaffNote {
            at: "2026-11-30T10:00:00Z".into(),
            text: "only here".into(),
        });
    here[2].updated_at = "2026-11-30T10:00:00Z".into();
    backup.push(plan("new"));
    let text = Envelope::current(backup, vec![]).to_text().unwrap();
    let mut n = 0;
    let p = preview(&text, &here, &[clinic()], || {
        n += 1;
        format!("copy{n}")
    })
    .unwrap();
    assert_eq!(p.unchanged, 1);
    assert_eq!(
        p.add.iter().map(|x| x.id.as_str()).collect::<Vec<_>>(),
        ["new"]
    );
    assert_eq!(
        p.update.iter().map(|x| x.id.as_str()).collect::<Vec<_>>(),
        ["older-here"]
    );
    assert_eq!(p.conflict.len(), 1);
    assert_eq!(p.conflict[0].id, "copy1", "kept as a separate copy");
    // Importing: nothing of this device is lost.
    let mut s = state(here.clone());
    s.apply(PlansAction::Import(p.records()));
    assert_eq!(s.plans.len(), 5);
    assert_eq!(
        s.get("edited-both").unwrap().staff.notes[0].text,
        "only here"
    );
    assert_eq!(s.get("copy1").unwrap().label, "Renamed elsewhere");
    assert_eq!(s.get("older-here").unwrap().staff.sessions_done.len(), 1);
}

#[test]
fn damaged_newer_and_oversized_backups_are_refused() {
    let none = || String::from("x");
    assert!(matches!(
        preview("{nope", &[], &[], none),
        Err(BackupError::NotABackup(_))
    ));
    assert_eq!(
        preview(
            r#"{"schema":"meso-advisor/plans@9","plans":[]}"#,
            &[],
            &[],
            none
        ),
        Err(BackupError::Newer(9))
    );
    let big = " ".repeat(MAX_BACKUP_BYTES + 1);
    assert_eq!(
        preview(&big, &[], &[], none),
        Err(BackupError::TooLarge(MAX_BACKUP_BYTES + 1))
    );
}

fn change_strategy(n: usize) -> impl Strategy<Value = (u8, Change, bool)> {
    let day = (0i64..200).prop_map(|k| today() + chrono::Duration::days(k - 10));
    (0u8..4, 1u8..=(n as u8 + 1), day, 1u8..=8, any::<bool>()).prop_map(
        |(kind, number, date, weeks, reason)| {
            let change = match kind {
                0 => Change::MoveSession {
                    number,
                    from: date,
                    to: date,
                },
                1 => Change::AddSession { date },
                2 => Change::RemoveSession { number, date },
                _ => Change::ChangeInterval {
                    from_weeks: 4,
                    to_weeks: weeks,
                },
            };
            (kind, change, reason)
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn recorded_adjustments_keep_sessions_in_order_on_open_days_within_range_unless_reasoned(
        changes in proptest::collection::vec(change_strategy(6), 1..8)
    ) {
        let mut s = state(vec![plan("a")]);
        for (_, change, with_reason) in changes {
            staff(&mut s, "a", adjust(change, with_reason.then_some("agreed with patient")));
        }
        let p = s.get("a").unwrap();
        let c = clinic();
        let current = current_plan(p, &c).unwrap();
        let dates: Vec<NaiveDate> = current.sessions.iter().map(|x| x.date).collect();
        prop_assert!(dates.windows(2).all(|w| w[0] < w[1]), "in order, no two on a day: {dates:?}");
        prop_assert!(current.sessions.iter().enumerate().all(|(i, x)| usize::from(x.number) == i + 1));
        let reasoned = p.staff.adjustments.iter().any(|a| a.reason.is_some());
        if !reasoned {
            prop_assert!(dates.iter().all(|d| !c.is_closed(d.weekday())), "open days: {dates:?}");
            let n = current.sessions.len() as u8;
            prop_assert!((c.protocol.min_sessions..=c.protocol.max_sessions).contains(&n));
            let w = current.interval_weeks.unwrap();
            prop_assert!((c.protocol.min_interval_weeks..=c.protocol.max_interval_weeks).contains(&w));
        }
        if let Some(last) = current.sessions.last() {
            prop_assert!(current.boosters.iter().all(|b| *b > last.date), "boosters after the last session");
        }
    }
}
