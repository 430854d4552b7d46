//! The calendar export (spec §12, RFC 5545): byte-level checks (CRLF everywhere, no line
//! over 75 octets, folding never inside a UTF-8 character, TEXT escaping) and a read-back by
//! Python's `icalendar` of every event of many generated plans, in en, es and de, with the
//! plan's dates; stable UIDs. It must not check the calendar against its own writer only.

#![cfg(not(target_arch = "wasm32"))]

mod common;
mod py;

use chrono::NaiveDate;
use meso_advisor::core::export::{ics, share};
use meso_advisor::core::planner::PlanKind;
use meso_advisor::core::{assess, Answers, Catalog, Clinic};
use serde_json::{json, Value};

fn stamp(d: NaiveDate) -> chrono::NaiveDateTime {
    d.and_hms_opt(9, 30, 5).expect("time")
}

/// Every physical line of a calendar, checking CRLF ends and the 75-octet limit, and that
/// each line is valid UTF-8 on its own (so a fold never split a character).
#[track_caller]
fn check_bytes(ics: &str) {
    let bytes = ics.as_bytes();
    assert!(ics.ends_with("\r\n"), "must end with CRLF");
    for (i, b) in bytes.iter().enumerate() {
        if *b == b'\n' {
            assert!(i > 0 && bytes[i - 1] == b'\r', "bare LF at byte {i}");
        }
        if *b == b'\r' {
            assert!(bytes.get(i + 1) == Some(&b'\n'), "bare CR at byte {i}");
        }
    }
    let body = &bytes[..bytes.len() - 2];
    for (n, line) in body.split(|b| *b == b'\n').enumerate() {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        assert!(line.len() <= 75, "line {} has {} octets", n + 1, line.len());
        assert!(
            std::str::from_utf8(line).is_ok(),
            "line {} is not UTF-8 on its own (a fold split a character)",
            n + 1
        );
        assert!(!line.is_empty(), "empty line {}", n + 1);
    }
}

/// The logical lines (folds undone).
fn unfold(ics: &str) -> Vec<String> {
    ics.replace("\r\n ", "")
        .split("\r\n")
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// A TEXT value read back by the RFC's rules (used to check our escaping independently of
/// Python).
fn unescape(v: &str) -> String {
    let mut out = String::new();
    let mut it = v.chars();
    while let Some(c) = it.next() {
        if c == '\\' {
            match it.next() {
                Some('n') | Some('N') => out.push('\n'),
                Some(x @ ('\\' | ';' | ',')) => out.push(x),
                other => panic!("bad escape \\{other:?} in {v}"),
            }
        } else {
            assert!(c != ';' && c != ',', "unescaped {c:?} in TEXT {v}");
            out.push(c);
        }
    }
    out
}

struct Case {
    name: String,
    answers: Answers,
    clinic: Clinic,
    catalog: &'static Catalog,
    today: NaiveDate,
}

/// Generated assessments that have a plan, with the default and a "rich" clinic, each in
/// en, es and de.
fn corpus(n: usize) -> Vec<Case> {
    let rich = Clinic::parse(py::RICH_CLINIC).expect("rich clinic parses");
    let mut rng = py::Rng::new(7);
    let mut out = vec![];
    let mut tries = 0;
    while out.len() < n {
        tries += 1;
        assert!(tries < 50 * n, "the generator makes too few plans");
        let today = py::today(&mut rng);
        let v = py::answers(&mut rng, today);
        let a = Answers::from_value(&v, Some(today))
            .unwrap_or_else(|p| panic!("generated answers refused: {p:?}\n{v}"));
        let clinic = if out.len() % 2 == 0 {
            Clinic::default()
        } else {
            rich.clone()
        };
        if assess(&a, &clinic, today).plan.is_none() {
            continue;
        }
        let lang = ["en", "es", "de"][out.len() % 3];
        out.push(Case {
            name: format!("case {} ({lang})", out.len()),
            answers: a,
            clinic,
            catalog: Catalog::loaded(lang).expect("catalog"),
            today,
        });
    }
    out
}

#[test]
fn every_calendar_of_a_corpus_is_well_formed_and_reads_back_with_the_plan_dates() {
    let cases = corpus(150);
    let mut docs = vec![];
    let mut home_care_only = 0;
    for c in &cases {
        let plan = assess(&c.answers, &c.clinic, c.today).plan.expect("plan");
        if plan.kind == PlanKind::HomeCareOnly {
            home_care_only += 1;
            assert!(plan.sessions.is_empty() && plan.boosters.is_empty());
        }
        let base = share::encode(&c.answers);
        let text = ics::calendar(&plan, &c.clinic, c.catalog, &base, stamp(c.today), None);
        check_bytes(&text);
        assert!(!text.contains('⟦'), "a catalog key is missing: {text}");
        let lines = unfold(&text);
        // Escaping: every SUMMARY / DESCRIPTION / LOCATION value reads back to text that
        // holds the clinic's name (and address) as they are.
        for l in &lines {
            if let Some((head, value)) = l.split_once(':') {
                if head.starts_with("SUMMARY") || head.starts_with("DESCRIPTION") {
                    let t = unescape(value);
                    assert!(t.contains(&c.clinic.name), "{head}: {t}");
                }
                if head.starts_with("LOCATION") {
                    assert_eq!(Some(unescape(value)), c.clinic.contact.address);
                }
            }
        }
        assert_eq!(lines.first().map(String::as_str), Some("BEGIN:VCALENDAR"));
        assert_eq!(lines.last().map(String::as_str), Some("END:VCALENDAR"));
        assert!(lines.contains(&"VERSION:2.0".to_string()));
        assert!(lines.contains(&"CALSCALE:GREGORIAN".to_string()));

        let mut events = vec![];
        for s in &plan.sessions {
            events.push(json!({
                "uid": format!("{base}-session-{}@meso-advisor", s.number),
                "date": s.date.to_string(),
                "summary_has": [c.catalog.f("plan.row.session", &[("n", &s.number.to_string())]), c.clinic.name],
            }));
        }
        events.push(json!({
            "uid": format!("{base}-review@meso-advisor"),
            "date": plan.review_on.to_string(),
            "summary_has": [c.catalog.t("plan.row.review"), c.clinic.name],
            "description_has": [c.catalog.t("plan.review.line")],
        }));
        for (i, b) in plan.boosters.iter().enumerate() {
            events.push(json!({
                "uid": format!("{base}-booster-{}@meso-advisor", i + 1),
                "date": b.to_string(),
                "summary_has": [c.catalog.f("plan.row.booster", &[("n", &(i + 1).to_string())]), c.clinic.name],
            }));
        }
        let mut description_has = vec![json!(c.clinic.name)];
        if let Some(a) = &c.clinic.contact.address {
            description_has.push(json!(a));
        }
        if let Some(p) = &c.clinic.contact.phone {
            description_has.push(json!(p));
        }
        for e in &mut events {
            let extra = e["description_has"].as_array().cloned().unwrap_or_default();
            e["description_has"] =
                Value::Array(description_has.iter().cloned().chain(extra).collect());
        }
        docs.push(json!({ "name": c.name, "ics": text, "events": events }));
    }
    assert!(home_care_only > 0, "the corpus has no home-care-only plan");
    let out = py::check("check_ics.py", &Value::Array(docs));
    assert!(out.starts_with("ok 150"), "{out}");
}

#[test]
fn two_exports_give_the_same_uids_and_another_base_other_ones() {
    for c in corpus(12) {
        let plan = assess(&c.answers, &c.clinic, c.today).plan.expect("plan");
        let uids = |text: &str| -> Vec<String> {
            unfold(text)
                .into_iter()
                .filter(|l| l.starts_with("UID:"))
                .collect()
        };
        let a = ics::calendar(&plan, &c.clinic, c.catalog, "abc", stamp(c.today), None);
        let later = c
            .today
            .succ_opt()
            .expect("date")
            .and_hms_opt(23, 0, 0)
            .expect("time");
        let b = ics::calendar(&plan, &c.clinic, c.catalog, "abc", later, None);
        let other = ics::calendar(&plan, &c.clinic, c.catalog, "xyz", stamp(c.today), None);
        assert_eq!(uids(&a), uids(&b));
        assert_ne!(a, b, "the DTSTAMP differs");
        assert!(uids(&a).iter().zip(uids(&other)).all(|(x, y)| x != &y));
        let n = uids(&a).len();
        let mut unique = uids(&a);
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), n, "UIDs are unique within a calendar");
        assert_eq!(
            n,
            plan.sessions.len() + 1 + plan.boosters.len(),
            "one event per session, review and booster"
        );
    }
}

#[test]
fn a_home_care_only_plan_has_only_the_review() {
    let v = common::with(&[("injections", json!("needle_free_only"))]);
    let a = Answers::from_value(&v, Some(common::today())).expect("valid");
    let plan = assess(&a, &Clinic::default(), common::today())
        .plan
        .expect("plan");
    let text = ics::calendar(
        &plan,
        &Clinic::default(),
        Catalog::english(),
        "h",
        stamp(common::today()),
        None,
    );
    check_bytes(&text);
    let lines = unfold(&text);
    assert_eq!(lines.iter().filter(|l| *l == "BEGIN:VEVENT").count(), 1);
    assert!(lines.contains(&"UID:h-review@meso-advisor".to_string()));
    let review = plan.review_on.format("%Y%m%d").to_string();
    assert!(lines.contains(&format!("DTSTART;VALUE=DATE:{review}")));
}

#[test]
fn the_stamp_is_utc_and_the_alarm_is_the_day_before() {
    let a = Answers::from_value(&common::base(), Some(common::today())).expect("valid");
    let plan = assess(&a, &Clinic::default(), common::today())
        .plan
        .expect("plan");
    let t = common::today().and_hms_opt(0, 0, 0).expect("time");
    let text = ics::calendar(&plan, &Clinic::default(), Catalog::english(), "b", t, None);
    let lines = unfold(&text);
    assert!(lines.contains(&"DTSTAMP:20261124T000000Z".to_string()));
    let events = lines.iter().filter(|l| *l == "BEGIN:VEVENT").count();
    assert_eq!(
        lines.iter().filter(|l| *l == "TRIGGER:-P1D").count(),
        events
    );
    assert_eq!(
        lines.iter().filter(|l| *l == "ACTION:DISPLAY").count(),
        events
    );
    // Session 1 on 2026-12-01 (TODAY + 7 days), ending the next day.
    assert!(lines.contains(&"DTSTART;VALUE=DATE:20261201".to_string()));
    assert!(lines.contains(&"DTEND;VALUE=DATE:20261202".to_string()));
}

#[test]
fn text_escaping_follows_rfc_5545() {
    assert_eq!(ics::escape("a,b;c\\d\ne\r\nf"), "a\\,b\\;c\\\\d\\ne\\nf");
    assert_eq!(ics::escape("tab\there\u{7}"), "tab here");
    assert_eq!(unescape(&ics::escape("x, y; z \\ w\nv")), "x, y; z \\ w\nv");
}

#[test]
fn folding_never_splits_a_character_at_any_offset() {
    // Characters of 1 to 4 bytes, starting at every offset of the first fold.
    for prefix in 0..8 {
        for ch in ["a", "ü", "€", "💇"] {
            let line = format!("X-TEST:{}{}", "p".repeat(prefix), ch.repeat(120));
            let mut out = String::new();
            ics::push_folded(&mut out, &line);
            check_bytes(&out);
            assert_eq!(unfold(&out), vec![line.clone()]);
        }
    }
}

#[test]
fn a_confirmed_plan_is_confirmed_in_the_calendar_and_says_by_whom() {
    let a = Answers::from_value(&common::base(), Some(common::today())).expect("valid");
    let plan = assess(&a, &Clinic::default(), common::today())
        .plan
        .expect("plan");
    let t = stamp(common::today());
    let on = common::today();
    let proposed = unfold(&ics::calendar(
        &plan,
        &Clinic::default(),
        Catalog::english(),
        "c",
        t,
        None,
    ));
    let confirmed = unfold(&ics::calendar(
        &plan,
        &Clinic::default(),
        Catalog::english(),
        "c",
        t,
        Some(("Dr Ana Ruiz", on)),
    ));
    let events = proposed.iter().filter(|l| *l == "BEGIN:VEVENT").count();
    assert_eq!(
        proposed.iter().filter(|l| *l == "STATUS:TENTATIVE").count(),
        events
    );
    assert_eq!(
        confirmed
            .iter()
            .filter(|l| *l == "STATUS:CONFIRMED")
            .count(),
        events
    );
    let label = Catalog::english().f(
        "plan.label.confirmed",
        &[
            ("who", "Dr Ana Ruiz"),
            ("date", &Catalog::english().date(on)),
        ],
    );
    let described = |lines: &[String], text: &str| {
        lines
            .iter()
            .filter(|l| l.starts_with("DESCRIPTION") && l.contains(&ics::escape(text)))
            .count()
    };
    assert!(
        described(&confirmed, &label) >= events,
        "every event says who confirmed it"
    );
    let proposal = Catalog::english().t("plan.label.proposed");
    assert_eq!(described(&confirmed, &proposal), 0);
    assert!(described(&proposed, &proposal) >= events);
}
