//! Kiosk mode on a shared tablet (spec §11): after `idle_reset_seconds` without input a
//! countdown offers "I'm still here"; when it runs out (or on "Finish and hand back") every
//! trace of the visitor is to be cleared. A pure state machine over times passed in (ms); it
//! must not read the clock, run timers or touch storage: the shell's effects do that.

/// How long the "Are you still there?" countdown runs.
pub const COUNTDOWN_MS: f64 = 30_000.0;

/// Where the kiosk stands.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Phase {
    /// A visitor is (or may be) using the app.
    Active,
    /// Idle too long: the countdown runs until `ends_at`.
    Warning { ends_at: f64 },
    /// The visitor's traces must be cleared now (the edge does it, then sends `Cleared`).
    ResetDue,
}

/// The kiosk state: off when `idle_ms` is 0.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KioskState {
    pub idle_ms: f64,
    pub last_activity: f64,
    pub phase: Phase,
    /// How many resets happened (the shell re-keys the visitor's pages on each).
    pub resets: u32,
}

/// What happens.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum KioskAction {
    /// The visitor touched, typed or scrolled at this time.
    RecordActivity(f64),
    /// Time passed (a timer tick at this time).
    Tick(f64),
    /// "I'm still here" (or Escape) in the countdown.
    KeepGoing(f64),
    /// "Finish and hand back": clear now.
    FinishNow,
    /// The edge cleared everything at this time.
    MarkCleared(f64),
}

impl KioskState {
    /// A kiosk for `idle_reset_seconds` (0: off), starting now.
    pub fn new(idle_reset_seconds: u32, now: f64) -> KioskState {
        KioskState {
            idle_ms: f64::from(idle_reset_seconds) * 1000.0,
            last_activity: now,
            phase: Phase::Active,
            resets: 0,
        }
    }

    /// Whether kiosk mode is on.
    pub fn enabled(&self) -> bool {
        self.idle_ms > 0.0
    }

    /// Whole seconds left in the countdown at `now` (None when not counting down).
    pub fn seconds_left(&self, now: f64) -> Option<u32> {
        match self.phase {
            Phase::Warning { ends_at } => Some(((ends_at - now).max(0.0) / 1000.0).ceil() as u32),
            _ => None,
        }
    }

    /// The reducer.
    pub fn apply(&mut self, action: KioskAction) {
        if !self.enabled() {
            return;
        }
        match (action, self.phase) {
            (KioskAction::RecordActivity(now), Phase::Active) => self.last_activity = now,
            // During the countdown only an explicit answer counts (a stray touch on the
            // overlay must not hide the question).
            (KioskAction::RecordActivity(_), _) => {}
            (KioskAction::Tick(now), Phase::Active) => {
                if now - self.last_activity >= self.idle_ms {
                    self.phase = Phase::Warning {
                        ends_at: now + COUNTDOWN_MS,
                    };
                }
            }
            (KioskAction::Tick(now), Phase::Warning { ends_at }) => {
                if now >= ends_at {
                    self.phase = Phase::ResetDue;
                }
            }
            (KioskAction::Tick(_), Phase::ResetDue) => {}
            (KioskAction::KeepGoing(now), Phase::Warning { .. }) => {
                self.phase = Phase::Active;
                self.last_activity = now;
            }
            (KioskAction::KeepGoing(_), _) => {}
            (KioskAction::FinishNow, _) => self.phase = Phase::ResetDue,
            (KioskAction::MarkCleared(now), Phase::ResetDue) => {
                self.phase = Phase::Active;
                self.last_activity = now;
                self.resets += 1;
            }
            (KioskAction::MarkCleared(_), _) => {}
        }
    }
}
