//! The plan as an RFC 5545 calendar (spec §12): one all-day event per session, review visit
//! and booster, with stable UIDs (a re-export updates rather than duplicates) and texts in
//! the catalog's language. Written by hand: CRLF line ends, lines folded at 75 octets
//! (never inside a UTF-8 character), TEXT values escaped. It must not read the clock (the
//! DTSTAMP is a parameter) nor decide anything about the plan.

use chrono::{NaiveDate, NaiveDateTime};

use super::text_or;
use crate::core::catalog::Catalog;
use crate::core::clinic::Clinic;
use crate::core::dates::add_days;
use crate::core::planner::{Plan, PlanStatus};

/// The domain part of every UID.
pub const UID_DOMAIN: &str = "meso-advisor";

/// The PRODID of the calendars written.
pub const PRODID: &str = "-//meso-advisor//Hair mesotherapy advisor//EN";

/// One all-day event of the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarEvent {
    /// Unique within the plan: `session-1`, `review`, `booster-2`.
    pub id: String,
    /// The catalog's name of the visit (`Session 1`, `Review visit`, `Booster 2`).
    pub name: String,
    /// The day of the visit.
    pub date: NaiveDate,
    /// Whether it is the review visit (its description says what happens there).
    pub review: bool,
}

/// The events of a plan, in plan order: sessions, the review visit, boosters. A
/// home-care-only plan has only the review visit.
pub fn events<L>(plan: &Plan<L>, catalog: &Catalog) -> Vec<CalendarEvent> {
    let mut out: Vec<CalendarEvent> = plan
        .sessions
        .iter()
        .map(|s| CalendarEvent {
            id: format!("session-{}", s.number),
            name: catalog.f("plan.row.session", &[("n", &s.number.to_string())]),
            date: s.date,
            review: false,
        })
        .collect();
    out.push(CalendarEvent {
        id: "review".into(),
        name: catalog.t("plan.row.review"),
        date: plan.review_on,
        review: true,
    });
    out.extend(plan.boosters.iter().enumerate().map(|(i, d)| {
        let n = (i + 1).to_string();
        CalendarEvent {
            id: format!("booster-{n}"),
            name: catalog.f("plan.row.booster", &[("n", &n)]),
            date: *d,
            review: false,
        }
    }));
    out
}

/// The UID of an event: `<uid_base>-<event id>@meso-advisor` (stable for the same base).
pub fn uid(uid_base: &str, event_id: &str) -> String {
    format!("{uid_base}-{event_id}@{UID_DOMAIN}")
}

/// The calendar of a plan (RFC 5545 text, CRLF line ends). `uid_base` makes the UIDs (the
/// same base and plan give the same UIDs); `stamp_utc` is the DTSTAMP, a UTC time.
/// `confirmed` is who confirmed the plan in staff mode and when: the events are then
/// `CONFIRMED` and say so ("Plan confirmed by … on …"), else `TENTATIVE` and a proposal.
pub fn calendar<L>(
    plan: &Plan<L>,
    clinic: &Clinic,
    catalog: &Catalog,
    uid_base: &str,
    stamp_utc: NaiveDateTime,
    confirmed: Option<(&str, NaiveDate)>,
) -> String {
    let lang = catalog.lang();
    let mut out = String::new();
    let mut line = |l: &str| push_folded(&mut out, l);
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line(&format!("PRODID:{PRODID}"));
    line("CALSCALE:GREGORIAN");
    line("METHOD:PUBLISH");
    let stamp = stamp_utc.format("%Y%m%dT%H%M%SZ").to_string();
    let status = match (plan.status, confirmed) {
        (PlanStatus::Confirmed, _) | (_, Some(_)) => "CONFIRMED",
        (PlanStatus::Proposed, None) => "TENTATIVE",
    };
    let label = match confirmed {
        Some((who, on)) => catalog.f(
            "plan.label.confirmed",
            &[("who", who), ("date", &catalog.date(on))],
        ),
        None if plan.status == PlanStatus::Proposed => catalog.t("plan.label.proposed"),
        None => String::new(),
    };
    for ev in events(plan, catalog) {
        let summary = text_or(
            catalog,
            "export.ics.summary",
            "{event} · {clinic}",
            &[("event", &ev.name), ("clinic", &clinic.name)],
        );
        let reminder = text_or(
            catalog,
            "export.ics.reminder",
            "{event} · {clinic}",
            &[("event", &ev.name), ("clinic", &clinic.name)],
        );
        let description = description(&ev, &label, clinic, catalog);
        line("BEGIN:VEVENT");
        line(&format!("UID:{}", escape(&uid(uid_base, &ev.id))));
        line(&format!("DTSTAMP:{stamp}"));
        line(&format!("DTSTART;VALUE=DATE:{}", ics_date(ev.date)));
        line(&format!(
            "DTEND;VALUE=DATE:{}",
            ics_date(add_days(ev.date, 1))
        ));
        line(&format!("SUMMARY;LANGUAGE={lang}:{}", escape(&summary)));
        line(&format!(
            "DESCRIPTION;LANGUAGE={lang}:{}",
            escape(&description)
        ));
        if let Some(address) = clinic.contact.address.as_deref() {
            line(&format!("LOCATION;LANGUAGE={lang}:{}", escape(address)));
        }
        line(&format!("STATUS:{status}"));
        line("TRANSP:OPAQUE");
        line("BEGIN:VALARM");
        line("ACTION:DISPLAY");
        line(&format!(
            "DESCRIPTION;LANGUAGE={lang}:{}",
            escape(&reminder)
        ));
        line("TRIGGER:-P1D");
        line("END:VALARM");
        line("END:VEVENT");
    }
    line("END:VCALENDAR");
    out
}

/// The event's description: what the visit is, whether the plan is only proposed, and the
/// clinic's name, address and phone (one line each).
fn description(ev: &CalendarEvent, label: &str, clinic: &Clinic, catalog: &Catalog) -> String {
    let mut lines = vec![ev.name.clone()];
    if ev.review {
        lines.push(catalog.t("plan.review.line"));
    }
    if !label.is_empty() {
        lines.push(label.to_string());
    }
    lines.push(clinic.name.clone());
    if let Some(address) = clinic.contact.address.as_deref() {
        lines.push(address.to_string());
    }
    if let Some(phone) = clinic.contact.phone.as_deref() {
        lines.push(catalog.f("contact.phone", &[("phone", phone)]));
    }
    lines.join("\n")
}

fn ics_date(d: NaiveDate) -> String {
    d.format("%Y%m%d").to_string()
}

/// Escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and newlines
/// (`\n`); other control characters, which TEXT may not hold, are dropped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends a content line, folded so that no physical line exceeds 75 octets (RFC 5545
/// §3.1: CRLF then one space), never splitting a UTF-8 character, and ended by CRLF.
pub fn push_folded(out: &mut String, line: &str) {
    const LIMIT: usize = 75;
    let mut used = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if used + len > LIMIT {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += len;
    }
    out.push_str("\r\n");
}
