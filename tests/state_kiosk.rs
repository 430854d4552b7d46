//! Native tests of kiosk mode's state machine (spec §11): idle → countdown → reset, "I'm
//! still here", "Finish and hand back", and off when the clinic sets 0.
#![cfg(not(target_arch = "wasm32"))]

use meso_advisor::state::kiosk::{KioskAction, KioskState, Phase, COUNTDOWN_MS};

const S: f64 = 1000.0;

#[test]
fn idle_time_starts_a_countdown_that_ends_in_a_reset() {
    let mut k = KioskState::new(120, 0.0);
    assert!(k.enabled());
    k.apply(KioskAction::Tick(119.0 * S));
    assert_eq!(k.phase, Phase::Active, "not idle long enough");
    k.apply(KioskAction::Tick(120.0 * S));
    assert_eq!(
        k.phase,
        Phase::Warning {
            ends_at: 120.0 * S + COUNTDOWN_MS
        }
    );
    assert_eq!(k.seconds_left(120.0 * S), Some(30));
    assert_eq!(k.seconds_left(120.0 * S + 29_500.0), Some(1));
    k.apply(KioskAction::Tick(149.0 * S));
    assert!(matches!(k.phase, Phase::Warning { .. }));
    k.apply(KioskAction::Tick(150.0 * S));
    assert_eq!(k.phase, Phase::ResetDue);
    k.apply(KioskAction::MarkCleared(151.0 * S));
    assert_eq!(k.phase, Phase::Active);
    assert_eq!(k.resets, 1);
    assert_eq!(
        k.last_activity,
        151.0 * S,
        "the next visitor's idle time starts now"
    );
}

#[test]
fn activity_postpones_the_countdown_but_does_not_answer_it() {
    let mut k = KioskState::new(60, 0.0);
    k.apply(KioskAction::RecordActivity(50.0 * S));
    k.apply(KioskAction::Tick(100.0 * S));
    assert_eq!(
        k.phase,
        Phase::Active,
        "60 s from the last input, not from the start"
    );
    k.apply(KioskAction::Tick(110.0 * S));
    assert!(matches!(k.phase, Phase::Warning { .. }));
    // A stray touch on the overlay does not hide the question…
    k.apply(KioskAction::RecordActivity(111.0 * S));
    assert!(matches!(k.phase, Phase::Warning { .. }));
    // …"I'm still here" (or Escape) does.
    k.apply(KioskAction::KeepGoing(112.0 * S));
    assert_eq!(k.phase, Phase::Active);
    k.apply(KioskAction::Tick(171.0 * S));
    assert_eq!(
        k.phase,
        Phase::Active,
        "a full idle time again after the answer"
    );
}

#[test]
fn finish_and_hand_back_resets_at_once() {
    let mut k = KioskState::new(120, 0.0);
    k.apply(KioskAction::FinishNow);
    assert_eq!(k.phase, Phase::ResetDue);
}

#[test]
fn zero_turns_kiosk_mode_off() {
    let mut k = KioskState::new(0, 0.0);
    assert!(!k.enabled());
    k.apply(KioskAction::Tick(1e12));
    k.apply(KioskAction::FinishNow);
    assert_eq!(k.phase, Phase::Active);
    assert_eq!(k.seconds_left(0.0), None);
}
