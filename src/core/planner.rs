//! The plan builder of spec §6: session count and interval, dated sessions on open days,
//! review, boosters with month-end clamping, home-care-only plans and the cost estimate.
//! It must not decide suitability (the rules do) and must not read the clock.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::answers::{Answers, HairLossDuration, Injections, Scale};
use super::choice::choice;
use super::clinic::{Clinic, Money};
pub use super::dates::{add_days, add_months};
use super::drivers::{advice, ingredients, Advice, Driver, Ingredient};

choice! {
    /// Injection course, or a home routine only.
    pub enum PlanKind { Injections = "injections", HomeCareOnly = "home_care_only" }
}

choice! {
    /// Who stands behind the plan.
    pub enum PlanStatus { Proposed = "proposed", Confirmed = "confirmed" }
}

/// One dated session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    pub number: u8,
    pub date: NaiveDate,
}

/// The cost estimate (sessions plus the boosters listed), when the clinic sets prices.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cost {
    pub currency: String,
    pub session_count: u32,
    pub session_price: Money,
    pub booster_count: u32,
    pub booster_price: Money,
    pub total: Money,
}

/// A dated plan; `L` is the lifestyle advice item (an id in the core, text in the outcome).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan<L = Advice> {
    pub kind: PlanKind,
    pub status: PlanStatus,
    pub interval_weeks: Option<u8>,
    pub sessions: Vec<Session>,
    pub review_on: NaiveDate,
    pub booster_every_months: Option<u8>,
    pub boosters: Vec<NaiveDate>,
    pub ingredients: Vec<Ingredient>,
    pub home_care_per_week: u8,
    pub lifestyle: Vec<L>,
    pub estimated_cost: Option<Cost>,
}

impl<L> Plan<L> {
    /// The same plan with each lifestyle item mapped (ids to text).
    pub fn map_lifestyle<M>(self, f: impl FnMut(L) -> M) -> Plan<M> {
        Plan {
            kind: self.kind,
            status: self.status,
            interval_weeks: self.interval_weeks,
            sessions: self.sessions,
            review_on: self.review_on,
            booster_every_months: self.booster_every_months,
            boosters: self.boosters,
            ingredients: self.ingredients,
            home_care_per_week: self.home_care_per_week,
            lifestyle: self.lifestyle.into_iter().map(f).collect(),
            estimated_cost: self.estimated_cost,
        }
    }
}

/// The first open day on or after `d` (closed days move forward).
pub fn next_open_day(d: NaiveDate, clinic: &Clinic) -> NaiveDate {
    let mut day = d;
    // At least one weekday is open (validated), so a week always finds one.
    for _ in 0..7 {
        if !clinic.is_closed(day.weekday()) {
            return day;
        }
        day = add_days(day, 1);
    }
    d
}

/// The boosters of spec §6 after a course whose last session is on `last`: every `every`
/// months (clamped to the month's end, each counted from `last`), while the nominal date is
/// at most 12 months after `last`, each moved to an open day. Also used when staff adjust a
/// course: boosters follow the last session.
pub fn boosters_after(last: NaiveDate, every: u8, clinic: &Clinic) -> Vec<NaiveDate> {
    let window_end = add_months(last, 12);
    // `every` is at least one month, so a 12-month window holds at most 12 boosters.
    (1..=12u32)
        .map(|k| add_months(last, k * u32::from(every.max(1))))
        .take_while(|nominal| *nominal <= window_end)
        .map(|nominal| next_open_day(nominal, clinic))
        .collect()
}

/// The number of sessions (spec §6): 4 + min(2, points), clamped to the clinic's range.
pub fn session_count(a: &Answers, clinic: &Clinic) -> u8 {
    let duration_points = match a.duration {
        HairLossDuration::From1To5Years => 1,
        HairLossDuration::Over5Years => 2,
        _ => 0,
    };
    let stage_points = match a.stage.map(|s| (s.scale, s.grade)) {
        Some((Scale::Norwood, 4)) | Some((Scale::Ludwig, 2)) => 1,
        Some((Scale::Norwood, 5)) | Some((Scale::Ludwig, 3)) => 2,
        _ => 0,
    };
    let p = &clinic.protocol;
    (4 + (duration_points + stage_points).min(2)).clamp(p.min_sessions, p.max_sessions)
}

/// Weeks between sessions (spec §6), clamped to the clinic's range.
pub fn interval_weeks(a: &Answers, clinic: &Clinic) -> u8 {
    let mild = match a.stage {
        None => true,
        Some(s) => match s.scale {
            Scale::Norwood => s.grade <= 2,
            Scale::Ludwig => s.grade <= 1,
        },
    };
    let recent = matches!(
        a.duration,
        HairLossDuration::Under3Months | HairLossDuration::From3To12Months
    );
    let weeks = if a.shedding_increased {
        2
    } else if mild && recent {
        4
    } else {
        3
    };
    let p = &clinic.protocol;
    weeks.clamp(p.min_interval_weeks, p.max_interval_weeks)
}

/// Builds the plan for answers whose verdict is `suitable` or `consult`.
pub fn build_plan(a: &Answers, drivers: &[Driver], clinic: &Clinic, today: NaiveDate) -> Plan {
    let p = &clinic.protocol;
    let first = a
        .start_date
        .unwrap_or_else(|| add_days(today, u64::from(p.first_session_after_days)));
    let review_on = next_open_day(add_days(first, 7 * u64::from(p.review_after_weeks)), clinic);
    let base = Plan {
        kind: PlanKind::HomeCareOnly,
        status: PlanStatus::Proposed,
        interval_weeks: None,
        sessions: vec![],
        review_on,
        booster_every_months: None,
        boosters: vec![],
        ingredients: ingredients(drivers),
        home_care_per_week: p.home_care_per_week,
        lifestyle: advice(a, drivers),
        estimated_cost: None,
    };
    if a.injections == Injections::NeedleFreeOnly {
        // No sessions, so no maintenance sessions to keep.
        let lifestyle = base
            .lifestyle
            .iter()
            .copied()
            .filter(|x| *x != Advice::KeepMaintenance)
            .collect();
        return Plan { lifestyle, ..base };
    }

    let interval = interval_weeks(a, clinic);
    let sessions: Vec<Session> = (1..=session_count(a, clinic))
        .map(|number| {
            let nominal = add_days(first, 7 * u64::from(interval) * u64::from(number - 1));
            Session {
                number,
                date: next_open_day(nominal, clinic),
            }
        })
        .collect();
    let last = sessions.last().map_or(first, |s| s.date);
    let every = if drivers.contains(&Driver::Genetic) {
        p.booster_months_genetic
    } else {
        p.booster_months_other
    };
    let boosters = boosters_after(last, every, clinic);
    let estimated_cost = clinic.prices.as_ref().map(|prices| {
        let session_count = sessions.len() as u32;
        let booster_count = boosters.len() as u32;
        Cost {
            currency: prices.currency.clone(),
            session_count,
            session_price: prices.session,
            booster_count,
            booster_price: prices.booster,
            total: Money(
                u64::from(session_count) * prices.session.0
                    + u64::from(booster_count) * prices.booster.0,
            ),
        }
    });
    Plan {
        kind: PlanKind::Injections,
        interval_weeks: Some(interval),
        sessions,
        booster_every_months: Some(every),
        boosters,
        estimated_cost,
        ..base
    }
}
