//! Native tests of saved plans: the typed envelope (read, refuse damaged or newer data),
//! the migration from `plans@1` (fixtures written by the build that wrote `@1`), the
//! repository over a key-value store (backup kept until the new format is written) and the
//! list reducer (add, rename, delete, undo, protection, reloads from another tab).
#![cfg(not(target_arch = "wasm32"))]

use chrono::NaiveDate;
use meso_advisor::core::{Answers, Catalog, Clinic};
use meso_advisor::state::plans::{
    backup_key, clean_label, read_envelope, Envelope, Loaded, MemoryRepository, PlanRepository,
    PlansAction, PlansState, SaveState, SavedPlan, StoreError, StoreStatus, PLANS_KEY,
};
use meso_advisor::state::plans::{MemoryStore, StoreRepository};
use serde_json::Value;

const ANSWERS: &str = include_str!("fixtures/answers-suitable.json");

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
}

fn plan(id: &str, created: &str) -> SavedPlan {
    let answers = Answers::parse(ANSWERS, Some(today())).unwrap();
    let mut p = SavedPlan::new(
        id.into(),
        format!("Plan {id}"),
        created.into(),
        answers,
        &Clinic::default(),
        today(),
    );
    p.created_at = created.into();
    p
}

fn loaded(plans: Vec<SavedPlan>) -> Loaded {
    Loaded {
        plans,
        ..Loaded::default()
    }
}

fn ready(plans: Vec<SavedPlan>) -> PlansState {
    let mut s = PlansState::default();
    s.apply(PlansAction::Load(Ok(loaded(plans))));
    s
}

const SHIPPED_V1: &str = include_str!("fixtures/plans_v1/shipped.json");
const PRICED_V1: &str = include_str!("fixtures/plans_v1/priced.json");
const PRICED_CLINIC: &str = include_str!("fixtures/plans_v1/clinic-priced.json");

fn shipped_clinic() -> Clinic {
    Clinic::parse(include_str!("../clinic.json")).unwrap()
}

fn priced_clinic() -> Clinic {
    Clinic::parse(PRICED_CLINIC).unwrap()
}

#[test]
fn the_envelope_round_trips_through_the_repository() {
    let repo = MemoryRepository::default();
    assert_eq!(repo.load().unwrap(), Loaded::default());
    let plans = vec![
        plan("a", "2026-11-24T10:00:00Z"),
        plan("b", "2026-11-24T11:00:00Z"),
    ];
    repo.save(&plans, &[]).unwrap();
    let text = repo.raw().unwrap().unwrap();
    assert!(
        text.starts_with(r#"{"schema":"meso-advisor/plans@2","plans":["#),
        "{text:.80}"
    );
    assert_eq!(repo.load().unwrap().plans, plans);
}

#[test]
fn damaged_or_newer_data_is_an_error_never_an_empty_list() {
    for (text, want) in [
        ("{not json", "damaged"),
        ("[]", "damaged"),
        (r#"{"plans":[]}"#, "damaged"),
        (
            r#"{"schema":"meso-advisor/plans@2","plans":[{"id":"x"}]}"#,
            "damaged",
        ),
        (
            r#"{"schema":"meso-advisor/plans@2","plans":[],"extra":1}"#,
            "damaged",
        ),
        (
            r#"{"schema":"meso-advisor/plans@1","plans":[],"extra":1}"#,
            "damaged",
        ),
        (r#"{"schema":"meso-advisor/plans@1","plans":{}}"#, "damaged"),
        (r#"{"schema":"meso-advisor/plans@3","plans":[]}"#, "newer"),
        (r#"{"schema":"meso-advisor/plans@0","plans":[]}"#, "damaged"),
    ] {
        let got = read_envelope(text, &[Clinic::default()]);
        match (want, &got) {
            ("damaged", Err(StoreError::Damaged(_))) | ("newer", Err(StoreError::Newer(3))) => {}
            _ => panic!("{text}: expected {want}, got {got:?}"),
        }
    }
}

#[test]
fn a_failed_load_blocks_every_write_and_keeps_the_data() {
    let repo = MemoryRepository::default();
    repo.put("{damaged");
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
    repo.store.full.set(true);
    let mut s = ready(vec![]);
    s.apply(PlansAction::Add(Box::new(plan("a", "t"))));
    assert_eq!(s.save_state("a"), SaveState::Saving);
    let result = repo.save(&s.plans, &s.unconverted);
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
    let first = p.evaluation.plan.as_ref().unwrap().sessions[0].date;
    assert_eq!(p.next_date(today()), Some(first));
    let far = NaiveDate::from_ymd_opt(2040, 1, 1).unwrap();
    assert_eq!(p.next_date(far), None);
}

#[test]
fn backups_use_the_same_envelope() {
    let plans = vec![plan("a", "t")];
    let text = Envelope::current(plans.clone(), vec![]).to_text().unwrap();
    assert_eq!(read_envelope(&text, &[]).unwrap().plans, plans);
}

#[test]
fn a_saved_plan_holds_typed_data_and_no_rendered_text() {
    let p = plan("a", "t");
    let text = Envelope::current(vec![p], vec![]).to_text().unwrap();
    // Every title, detail and advice sentence of the catalog is absent from the record.
    let en = Catalog::english();
    for key in en.keys() {
        let t = en.t(key);
        if t.len() > 24 && !t.contains('{') {
            assert!(!text.contains(&t), "rendered text {key} is stored");
        }
    }
    let v: Value = serde_json::from_str(&text).unwrap();
    let rec = &v["plans"][0];
    assert_eq!(rec["evaluation"]["verdict"], "suitable");
    assert_eq!(rec["evaluation"]["findings"][0]["rule"], "ST-EARLY");
    assert_eq!(rec["evaluation"]["plan"]["lifestyle"][0], "gentle_care");
    assert_eq!(rec["clinic"]["aftercare"]["no_washing_hours"], 24);
    assert!(rec.get("outcome").is_none());
}

/// Each `@1` fixture, migrated with `clinic` in use: every record converts exactly, with its
/// settings snapshot, and decides what the `@1` record said.
fn migrates_exactly(text: &str, clinic: &Clinic) -> Vec<SavedPlan> {
    let old: Value = serde_json::from_str(text).unwrap();
    let got = read_envelope(text, &[clinic.clone(), Clinic::default()]).unwrap();
    assert_eq!(got.migrated_from, Some(1));
    assert!(got.unconverted.is_empty(), "{:?}", got.unconverted);
    assert_eq!(got.plans.len(), old["plans"].as_array().unwrap().len());
    for (p, o) in got.plans.iter().zip(old["plans"].as_array().unwrap()) {
        assert_eq!(p.id, o["id"].as_str().unwrap());
        assert_eq!(p.label, o["label"].as_str().unwrap());
        assert_eq!(p.created_at, o["created_at"].as_str().unwrap());
        assert_eq!(p.clinic_version, o["clinic_version"].as_str().unwrap());
        assert_eq!(p.answers.to_value(), o["answers"]);
        assert_eq!(
            p.clinic.as_ref(),
            Some(&meso_advisor::core::clinic::ClinicSnapshot::of(clinic))
        );
        // The typed evaluation renders to what the @1 record stored (texts aside).
        let r = p.evaluation.render(Catalog::english());
        let oo = &o["outcome"];
        let rv = serde_json::to_value(&r).unwrap();
        for k in ["verdict", "referrals", "recheck_on", "drivers"] {
            assert_eq!(rv[k], oo[k], "{} {k}", p.label);
        }
        let strip = |v: &Value| -> Value {
            let mut v = v.clone();
            if let Some(m) = v.as_object_mut() {
                m.remove("lifestyle");
            }
            v
        };
        assert_eq!(strip(&rv["plan"]), strip(&oo["plan"]), "{} plan", p.label);
        let rules = |v: &Value| -> Vec<(Value, Value)> {
            v["findings"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| (f["rule"].clone(), f["effect"].clone()))
                .collect()
        };
        assert_eq!(rules(&rv), rules(oo));
    }
    got.plans
}

#[test]
fn plans_at_1_from_the_shipped_clinic_migrate_with_nothing_lost() {
    let plans = migrates_exactly(SHIPPED_V1, &shipped_clinic());
    assert_eq!(plans.len(), 6);
    // Staff notes are carried over word for word.
    assert_eq!(plans[1].staff.notes[0].text, "Patient prefers mornings");
}

#[test]
fn plans_at_1_from_a_priced_clinic_keep_their_own_prices_and_after_care() {
    let plans = migrates_exactly(PRICED_V1, &priced_clinic());
    let snap = plans[0].clinic.as_ref().unwrap();
    assert_eq!(snap.aftercare.no_sun_hours, 72);
    assert_eq!(snap.prices.as_ref().unwrap().currency, "EUR");
    // The clinic changes its settings later: the saved plan still shows its own.
    let today_clinic = shipped_clinic();
    assert_eq!(
        plans[0].clinic_then(&today_clinic).aftercare.no_sun_hours,
        72
    );
    assert_eq!(today_clinic.aftercare.no_sun_hours, 48);
}

#[test]
fn plans_at_1_whose_settings_are_unknown_are_rebuilt_from_what_they_stored() {
    // Migrated on a device whose clinic is neither the one used nor the default.
    let mut other = shipped_clinic();
    other.protocol.min_sessions = 5;
    other.name = "Another clinic".into();
    let got = read_envelope(PRICED_V1, &[other, Clinic::default()]).unwrap();
    assert!(got.unconverted.is_empty(), "{:?}", got.unconverted);
    let old: Value = serde_json::from_str(PRICED_V1).unwrap();
    for (p, o) in got.plans.iter().zip(old["plans"].as_array().unwrap()) {
        let rv = serde_json::to_value(p.evaluation.render(Catalog::english())).unwrap();
        for k in ["verdict", "referrals", "recheck_on", "drivers"] {
            assert_eq!(rv[k], o["outcome"][k], "{} {k}", p.label);
        }
        assert_eq!(rv["plan"]["sessions"], o["outcome"]["plan"]["sessions"]);
        assert_eq!(
            rv["plan"]["estimated_cost"],
            o["outcome"]["plan"]["estimated_cost"]
        );
    }
    // The isotretinoin deferral keeps its 9-month policy, read from its recheck date.
    let defer = got
        .plans
        .iter()
        .find(|p| p.label.starts_with("Defer"))
        .unwrap();
    let f = defer
        .evaluation
        .findings
        .iter()
        .find(|f| f.rule.id() == "DF-ISOTRETINOIN")
        .unwrap();
    assert_eq!(
        f.policy,
        Some(meso_advisor::core::clinic::Policy::Defer { months: 9 })
    );
}

#[test]
fn a_record_that_cannot_be_migrated_is_kept_and_reported() {
    let mut v: Value = serde_json::from_str(SHIPPED_V1).unwrap();
    v["plans"][2]["outcome"]["verdict"] = Value::from("nonsense");
    let text = v.to_string();
    let repo = MemoryRepository::default();
    repo.put(&text);
    let got = repo.load().unwrap();
    assert_eq!(got.plans.len(), 5);
    assert_eq!(got.unconverted.len(), 1);
    assert_eq!(got.unconverted[0].record, v["plans"][2]);
    assert!(
        got.unconverted[0].reason.contains("nonsense"),
        "{}",
        got.unconverted[0].reason
    );
    // Written back in @2 with the unconverted record inside; a later save keeps it.
    let mut s = PlansState::default();
    s.apply(PlansAction::Load(Ok(got)));
    s.apply(PlansAction::Delete {
        id: s.plans[0].id.clone(),
    });
    repo.save(&s.plans, &s.unconverted).unwrap();
    let again = repo.load().unwrap();
    assert_eq!(again.unconverted[0].record, v["plans"][2]);
    assert_eq!(again.plans.len(), 4);
}

#[test]
fn migration_keeps_the_old_text_aside_until_the_new_one_is_written() {
    // Success: the @2 envelope is in place, the backup removed.
    let repo = StoreRepository::new(MemoryStore::default(), &shipped_clinic());
    repo.store
        .items
        .borrow_mut()
        .insert(PLANS_KEY.into(), SHIPPED_V1.into());
    let got = repo.load().unwrap();
    assert_eq!(got.plans.len(), 6);
    let items = repo.store.items.borrow().clone();
    assert!(items[PLANS_KEY].starts_with(r#"{"schema":"meso-advisor/plans@2""#));
    assert!(!items.contains_key(&backup_key(1)));

    // The backup cannot be written (storage full): nothing changes, writes are blocked.
    let repo = StoreRepository::new(MemoryStore::default(), &shipped_clinic());
    repo.store
        .items
        .borrow_mut()
        .insert(PLANS_KEY.into(), SHIPPED_V1.into());
    repo.store.full.set(true);
    let err = repo.load().unwrap_err();
    assert!(matches!(err, StoreError::MigrationFailed(_)), "{err:?}");
    assert!(err.blocks_writes());
    assert_eq!(repo.store.items.borrow()[PLANS_KEY], SHIPPED_V1);
    assert_eq!(
        repo.save(&[], &[]).map_err(|e| e.blocks_writes()),
        Err(true)
    );
    assert_eq!(
        repo.store.items.borrow()[PLANS_KEY],
        SHIPPED_V1,
        "never written over"
    );

    // The new envelope cannot be written: the old text stays, and so does its copy.
    let repo = StoreRepository::new(MemoryStore::default(), &shipped_clinic());
    repo.store
        .items
        .borrow_mut()
        .insert(PLANS_KEY.into(), SHIPPED_V1.into());
    *repo.store.full_for_key.borrow_mut() = Some(PLANS_KEY.into());
    assert!(matches!(repo.load(), Err(StoreError::MigrationFailed(_))));
    let items = repo.store.items.borrow().clone();
    assert_eq!(items[PLANS_KEY], SHIPPED_V1);
    assert_eq!(items[&backup_key(1)], SHIPPED_V1);
    let mut s = PlansState::default();
    s.apply(PlansAction::Load(repo.load()));
    assert!(!s.writable());
}

#[test]
fn a_reload_from_another_tab_keeps_this_tabs_unsaved_plan_and_its_retry() {
    let mut s = ready(vec![plan("old", "2026-01-01T00:00:00Z")]);
    s.apply(PlansAction::Add(Box::new(plan(
        "mine",
        "2026-11-24T10:00:00Z",
    ))));
    s.apply(PlansAction::WriteFailed(StoreError::Full));
    assert_eq!(s.save_state("mine"), SaveState::Failed);
    // Another tab saved "theirs"; this tab reads storage again.
    s.apply(PlansAction::Load(Ok(loaded(vec![
        plan("old", "2026-01-01T00:00:00Z"),
        plan("theirs", "2026-11-24T09:00:00Z"),
    ]))));
    let ids: Vec<&str> = s.plans.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["mine", "theirs", "old"]);
    assert_eq!(
        s.save_state("mine"),
        SaveState::Failed,
        "still not saved, and says so"
    );
    let rev = s.revision;
    s.apply(PlansAction::Retry);
    assert!(s.revision > rev);
    s.apply(PlansAction::Written(s.revision));
    assert_eq!(s.save_state("mine"), SaveState::Saved);
    assert!(s.pending.is_empty());
}

#[test]
fn a_reload_leaves_no_stale_save_state() {
    let mut s = ready(vec![]);
    s.apply(PlansAction::Add(Box::new(plan("a", "t"))));
    s.apply(PlansAction::WriteFailed(StoreError::Full));
    // Another tab wrote a list that already has "a" (e.g. its own retry): nothing pending.
    s.apply(PlansAction::Load(Ok(loaded(vec![plan("a", "t")]))));
    assert_eq!(s.write_error, None);
    assert_eq!(s.save_state("a"), SaveState::Saved);
    // A rename whose write failed, then a reload without changes: no stale error either.
    s.apply(PlansAction::Rename {
        id: "a".into(),
        label: "x".into(),
        at: "t2".into(),
    });
    s.apply(PlansAction::WriteFailed(StoreError::Full));
    s.apply(PlansAction::Load(Ok(loaded(vec![plan("a", "t")]))));
    assert!(!s.unsaved());
    assert_eq!(s.write_error, None);
}

#[test]
fn staff_records_out_of_range_are_refused_as_damaged() {
    let mut p = plan("a", "t");
    p.staff
        .reviews
        .push(meso_advisor::state::plans::ReviewVisit {
            date: today(),
            clinician_score: Some(5),
            patient_rating: None,
            pull_test_count: None,
            notes: None,
        });
    let text = Envelope::current(vec![p], vec![]).to_text().unwrap();
    assert!(matches!(
        read_envelope(&text, &[]),
        Err(StoreError::Damaged(_))
    ));
}

#[test]
fn two_tabs_saving_at_once_lose_nothing() {
    use std::rc::Rc;
    let shared = Rc::new(MemoryStore::default());
    let tab_a = StoreRepository::new(Rc::clone(&shared), &Clinic::default());
    let tab_b = StoreRepository::new(Rc::clone(&shared), &Clinic::default());
    assert!(tab_a.load().unwrap().plans.is_empty());
    assert!(tab_b.load().unwrap().plans.is_empty());
    // Each tab saves its own new plan before hearing of the other's.
    tab_a
        .save(&[plan("a", "2026-11-24T10:00:00Z")], &[])
        .unwrap();
    tab_b
        .save(&[plan("b", "2026-11-24T10:01:00Z")], &[])
        .unwrap();
    let ids = |r: &StoreRepository<Rc<MemoryStore>>| -> Vec<String> {
        r.load()
            .unwrap()
            .plans
            .iter()
            .map(|p| p.id.clone())
            .collect()
    };
    assert_eq!(ids(&tab_a), ["b", "a"], "neither plan is lost");
    // Tab A deletes its plan (it knew it): it stays deleted, and B's stays.
    tab_a
        .save(&[plan("b", "2026-11-24T10:01:00Z")], &[])
        .unwrap();
    let b_only = tab_a.load().unwrap().plans;
    tab_a
        .save(
            &b_only
                .iter()
                .filter(|p| p.id != "b")
                .cloned()
                .collect::<Vec<_>>(),
            &[],
        )
        .unwrap();
    assert!(
        ids(&tab_b).is_empty(),
        "a plan this tab knew and removed stays removed"
    );
    // A plan changed in another tab more recently is not overwritten by an older copy.
    let mut c = plan("c", "2026-11-24T10:02:00Z");
    tab_a.save(&[c.clone()], &[]).unwrap();
    tab_b.load().unwrap();
    let mut newer = c.clone();
    newer.label = "Renamed in tab B".into();
    newer.updated_at = "2026-11-24T11:00:00Z".into();
    tab_b.save(&[newer], &[]).unwrap();
    c.label = "Old copy in tab A".into();
    tab_a.save(&[c], &[]).unwrap();
    assert_eq!(tab_a.load().unwrap().plans[0].label, "Renamed in tab B");
}
