//! Staff mode's course logic (spec §11): the current plan derived from the proposal and the
//! typed adjustments (boosters follow the last session, spec §6), the checks an adjustment
//! must pass (the clinic's ranges and open days, or a stated reason), the course status, what
//! is done and due, and the passcode back-off. Pure: no clock, no storage, no crypto (the UI's
//! edges do those); adjustments never lose the original proposal.

use chrono::{Datelike, NaiveDate};

use crate::core::dates::add_days;
use crate::core::planner::{boosters_after, Plan, PlanKind, Session};
use crate::core::Clinic;

use super::plans::{Adjustment, Change, SavedPlan};

/// Where a patient's course stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum CourseStatus {
    /// As the advisor proposed it; no clinician has confirmed it.
    Proposed,
    /// Confirmed by a clinician; no session done yet.
    Confirmed,
    /// At least one session done.
    InProgress,
    /// Every session of the current plan done.
    Completed,
}

impl CourseStatus {
    /// Its id (catalog `staff.status.<id>`, CSS class).
    pub fn id(self) -> &'static str {
        match self {
            CourseStatus::Proposed => "proposed",
            CourseStatus::Confirmed => "confirmed",
            CourseStatus::InProgress => "in_progress",
            CourseStatus::Completed => "completed",
        }
    }
}

/// Why an adjustment is outside the clinic's protocol (allowed only with a reason), or
/// impossible.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AdjustIssue {
    /// No such session (or it is already done).
    NoSuchSession,
    /// Two sessions on one day.
    SameDay,
    /// A closed weekday of the clinic.
    ClosedDay,
    /// Fewer sessions than `min_sessions` or more than `max_sessions`.
    SessionCount,
    /// An interval outside `min_interval_weeks`–`max_interval_weeks`.
    Interval,
    /// A date before today.
    InThePast,
    /// A plan without injection sessions cannot be adjusted this way.
    NoSessions,
}

impl AdjustIssue {
    /// Whether a stated reason allows it (the clinic's ranges and open days) or nothing does.
    pub fn needs_reason(self) -> bool {
        matches!(
            self,
            AdjustIssue::ClosedDay | AdjustIssue::SessionCount | AdjustIssue::Interval
        )
    }

    /// The catalog key of its message.
    pub fn message_key(self) -> &'static str {
        match self {
            AdjustIssue::NoSuchSession => "staff.issue.no_such_session",
            AdjustIssue::SameDay => "staff.issue.same_day",
            AdjustIssue::ClosedDay => "staff.issue.closed_day",
            AdjustIssue::SessionCount => "staff.issue.session_count",
            AdjustIssue::Interval => "staff.issue.interval",
            AdjustIssue::InThePast => "staff.issue.in_the_past",
            AdjustIssue::NoSessions => "staff.issue.no_sessions",
        }
    }
}

/// The proposal with one change applied (no checks): sessions kept in date order and
/// numbered 1…n, boosters recomputed from the last session.
pub fn apply_change(plan: &Plan, change: &Change, clinic: &Clinic) -> Plan {
    let mut p = plan.clone();
    if p.kind != PlanKind::Injections {
        return p;
    }
    match change {
        Change::MoveSession { number, to, .. } => {
            if let Some(s) = p.sessions.iter_mut().find(|s| s.number == *number) {
                s.date = *to;
            }
        }
        Change::AddSession { date } => p.sessions.push(Session {
            number: u8::MAX,
            date: *date,
        }),
        Change::RemoveSession { number, .. } => p.sessions.retain(|s| s.number != *number),
        Change::ChangeInterval { to_weeks, .. } => {
            // Sessions after the first keep their order and follow the new interval from
            // the first session's date (each moved to an open day from its nominal date).
            if let Some(first) = p.sessions.first().map(|s| s.date) {
                for (i, s) in p.sessions.iter_mut().enumerate().skip(1) {
                    let nominal = add_days(first, 7 * u64::from(*to_weeks) * i as u64);
                    s.date = crate::core::planner::next_open_day(nominal, clinic);
                }
            }
            p.interval_weeks = Some(*to_weeks);
        }
    }
    p.sessions.sort_by_key(|s| s.date);
    for (i, s) in p.sessions.iter_mut().enumerate() {
        s.number = (i + 1) as u8;
    }
    if let (Some(last), Some(every)) = (p.sessions.last(), p.booster_every_months) {
        p.boosters = boosters_after(last.date, every, clinic);
    }
    if let Some(cost) = &mut p.estimated_cost {
        cost.session_count = p.sessions.len() as u32;
        cost.booster_count = p.boosters.len() as u32;
        cost.total = crate::core::clinic::Money(
            u64::from(cost.session_count) * cost.session_price.0
                + u64::from(cost.booster_count) * cost.booster_price.0,
        );
    }
    p
}

/// What is wrong with a change to `plan` (the current one) for this clinic on `today`.
/// Sessions already done (`done` numbers) cannot be moved or removed.
pub fn check_change(
    plan: &Plan,
    change: &Change,
    clinic: &Clinic,
    done: &[u8],
    today: NaiveDate,
) -> Vec<AdjustIssue> {
    let mut out = vec![];
    if plan.kind != PlanKind::Injections {
        return vec![AdjustIssue::NoSessions];
    }
    let p = &clinic.protocol;
    let exists = |n: &u8| plan.sessions.iter().any(|s| s.number == *n) && !done.contains(n);
    let new_date = match change {
        Change::MoveSession { number, to, .. } => {
            if !exists(number) {
                out.push(AdjustIssue::NoSuchSession);
            }
            Some(*to)
        }
        Change::AddSession { date } => Some(*date),
        Change::RemoveSession { number, .. } => {
            if !exists(number) {
                out.push(AdjustIssue::NoSuchSession);
            }
            None
        }
        Change::ChangeInterval { to_weeks, .. } => {
            if !(p.min_interval_weeks..=p.max_interval_weeks).contains(to_weeks) {
                out.push(AdjustIssue::Interval);
            }
            if !done.is_empty() {
                // Re-dating would move sessions already done.
                out.push(AdjustIssue::NoSuchSession);
            }
            None
        }
    };
    if let Some(d) = new_date {
        if d < today {
            out.push(AdjustIssue::InThePast);
        }
        if clinic.is_closed(d.weekday()) {
            out.push(AdjustIssue::ClosedDay);
        }
        let moving = match change {
            Change::MoveSession { number, .. } => Some(*number),
            _ => None,
        };
        if plan
            .sessions
            .iter()
            .any(|s| s.date == d && Some(s.number) != moving)
        {
            out.push(AdjustIssue::SameDay);
        }
    }
    let after = apply_change(plan, change, clinic);
    if !(p.min_sessions..=p.max_sessions).contains(&(after.sessions.len() as u8))
        && after.sessions.len() != plan.sessions.len()
    {
        out.push(AdjustIssue::SessionCount);
    }
    out
}

/// Whether a change may be recorded: no impossible issue, and a reason for any issue that
/// needs one.
pub fn change_allowed(issues: &[AdjustIssue], reason: Option<&str>) -> bool {
    let reason_given = reason.is_some_and(|r| !r.trim().is_empty());
    issues.iter().all(|i| i.needs_reason() && reason_given)
}

/// The plan as it stands: the proposal with every recorded adjustment applied in order.
pub fn current_plan(saved: &SavedPlan, clinic: &Clinic) -> Option<Plan> {
    let proposal = saved.evaluation.plan.as_ref()?;
    Some(
        saved
            .staff
            .adjustments
            .iter()
            .fold(proposal.clone(), |p, a: &Adjustment| {
                apply_change(&p, &a.change, clinic)
            }),
    )
}

/// Where the course stands.
pub fn course_status(saved: &SavedPlan, clinic: &Clinic) -> CourseStatus {
    let s = &saved.staff;
    let total = current_plan(saved, clinic).map_or(0, |p| p.sessions.len());
    let done = s.sessions_done.len();
    match (s.confirmation.is_some(), done) {
        (_, d) if total > 0 && d >= total => CourseStatus::Completed,
        (_, d) if d > 0 => CourseStatus::InProgress,
        (true, _) => CourseStatus::Confirmed,
        (false, _) => CourseStatus::Proposed,
    }
}

/// The next session not yet done, on or after `today`… or any not done (overdue first).
pub fn next_due(saved: &SavedPlan, clinic: &Clinic, today: NaiveDate) -> Option<NaiveDate> {
    let plan = current_plan(saved, clinic)?;
    let done: Vec<u8> = saved.staff.sessions_done.iter().map(|d| d.number).collect();
    let open_sessions = plan
        .sessions
        .iter()
        .filter(|s| !done.contains(&s.number))
        .map(|s| s.date);
    let reviewed = !saved.staff.reviews.is_empty();
    let later = std::iter::once(plan.review_on)
        .filter(|_| !reviewed)
        .chain(plan.boosters.iter().copied())
        .filter(|d| *d >= today);
    open_sessions.chain(later).min()
}

/// Passcode tries: after each failure the next try waits 1 s, 2 s, 4 s… (at most 5 min).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Backoff {
    pub failures: u32,
    /// No try is accepted before this time (ms).
    pub wait_until: f64,
}

impl Backoff {
    /// Records a wrong passcode at `now`.
    pub fn fail(&mut self, now: f64) {
        self.failures += 1;
        let secs = 2f64.powi(self.failures.min(9) as i32 - 1).min(300.0);
        self.wait_until = now + secs * 1000.0;
    }

    /// The right passcode.
    pub fn succeed(&mut self) {
        *self = Backoff::default();
    }

    /// Whole seconds to wait at `now` (0: a try is allowed).
    pub fn seconds_left(&self, now: f64) -> u32 {
        ((self.wait_until - now).max(0.0) / 1000.0).ceil() as u32
    }
}

/// A passcode is long enough: at least 6 characters (digits or any).
pub fn passcode_ok(p: &str) -> bool {
    p.chars().count() >= 6
}
