//! Browser tests of saved plans against the REAL localStorage of headless Chromium: the
//! `LocalStorageRepository` round trip and envelope, damaged and newer-version data that must
//! never be overwritten, a full store, and what the app shows in each case (store notices,
//! the raw-data download, no Delete/Rename, the write error of a failed save). Runs with
//! `cargo test --target wasm32-unknown-unknown --test web_storage`; natively this file
//! compiles to nothing.

#![cfg(target_arch = "wasm32")]

mod web_common;

use chrono::NaiveDate;
use meso_advisor::core::{Answers, Clinic};
use meso_advisor::state::plans::{
    backup_key, PlanRepository, SavedPlan, StoreError, StoreRepository, PLANS_KEY,
};
use meso_advisor::state::questionnaire::Draft;
use meso_advisor::ui::storage::LocalStore;
use serde_json::{json, Value};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_common::*;
use web_sys::Element;

wasm_bindgen_test_configure!(run_in_browser);

/// The `today` the test plans were assessed on.
fn assessed_on() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).expect("a date")
}

/// A 35-year-old man, hairline/crown, Norwood 3, nothing else (verdict `suitable`).
fn base_answers() -> Value {
    serde_json::from_str(include_str!("fixtures/answers-suitable.json"))
        .expect("the fixture is JSON")
}

/// A woman with a widening parting, Ludwig 2, on blood thinners, who tried minoxidil.
fn other_answers() -> Value {
    let mut v = base_answers();
    let m = v.as_object_mut().unwrap();
    m.insert("age".into(), json!(48));
    m.insert("sex".into(), json!("female"));
    m.insert("pattern".into(), json!("part_widening"));
    m.insert("stage".into(), json!({ "scale": "ludwig", "grade": 2 }));
    m.insert("conditions".into(), json!(["anticoagulants"]));
    m.insert("lifestyle".into(), json!(["poor_sleep", "high_stress"]));
    m.insert("menopause".into(), json!(true));
    m.insert("previous_treatments".into(), json!(["minoxidil"]));
    m.insert("start_date".into(), json!("2027-01-11"));
    v
}

fn parse_answers(v: &Value) -> Answers {
    Answers::parse(&v.to_string(), None).unwrap_or_else(|e| panic!("test answers are valid: {e:?}"))
}

/// A saved plan built from a real assessment.
fn plan(id: &str, label: &str, answers: &Value, created_at: &str) -> SavedPlan {
    SavedPlan::new(
        id.into(),
        label.into(),
        created_at.into(),
        parse_answers(answers),
        &Clinic::default(),
        assessed_on(),
    )
}

/// The app's repository: localStorage, migrations considering the default clinic. One
/// instance, as in the app (it remembers which plans this tab has read or written).
#[allow(non_upper_case_globals)]
struct Repo;

thread_local! {
    static REPO: StoreRepository<LocalStore> = StoreRepository::new(LocalStore, &Clinic::default());
}

impl Repo {
    fn load(&self) -> Result<Vec<SavedPlan>, StoreError> {
        REPO.with(|r| r.load().map(|l| l.plans))
    }
    fn save(&self, plans: &[SavedPlan]) -> Result<(), StoreError> {
        REPO.with(|r| r.save(plans, &[]))
    }
    fn raw(&self) -> Result<Option<String>, StoreError> {
        REPO.with(|r| r.raw())
    }
}

#[allow(non_upper_case_globals)]
const LocalStorageRepository: Repo = Repo;

fn two_plans() -> Vec<SavedPlan> {
    vec![
        plan(
            "a1b2c3d4e5f60708",
            "Mine",
            &base_answers(),
            "2026-11-24T10:00:00.000Z",
        ),
        plan(
            "0f1e2d3c4b5a6978",
            "Mum’s “plan” <b>not bold</b> & more",
            &other_answers(),
            "2026-11-23T09:30:00.000Z",
        ),
    ]
}

/// The raw text under the plans key.
fn stored() -> Option<String> {
    local().get_item(PLANS_KEY).expect("read localStorage")
}

const DAMAGED: &str =
    "{\"schema\":\"meso-advisor/plans@2\",\"plans\":[{\"id\":\"x\",\"label\":\"half a pl";

fn newer_text() -> String {
    json!({
        "schema": "meso-advisor/plans@99",
        "plans": [{ "id": "future1", "label": "From the future", "hologram": true }],
        "sync": { "cloud": "maybe" }
    })
    .to_string()
}

// ------------------------------------------------------------------------------------------
// The repository
// ------------------------------------------------------------------------------------------

#[wasm_bindgen_test]
async fn save_then_load_round_trips_plans_in_a_versioned_envelope() {
    setup("#/").await;
    let repo = LocalStorageRepository;
    assert_eq!(repo.load(), Ok(vec![]), "nothing saved yet: an empty list");
    assert_eq!(repo.raw(), Ok(None));

    let plans = two_plans();
    assert_eq!(repo.save(&plans), Ok(()));
    assert_eq!(
        repo.load(),
        Ok(plans.clone()),
        "what was saved is read back unchanged"
    );

    let text = stored().expect("the plans key is written");
    assert_eq!(repo.raw(), Ok(Some(text.clone())));
    let v: Value = serde_json::from_str(&text).expect("the stored text is JSON");
    assert_eq!(v["schema"], json!("meso-advisor/plans@2"));
    let obj = v.as_object().expect("an object");
    let mut keys: Vec<&str> = obj.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        ["plans", "schema"],
        "the envelope holds exactly schema and plans"
    );
    let ids: Vec<&str> = v["plans"]
        .as_array()
        .expect("plans is an array")
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["a1b2c3d4e5f60708", "0f1e2d3c4b5a6978"]);
    assert_eq!(
        v["plans"][1]["label"],
        json!("Mum’s “plan” <b>not bold</b> & more")
    );
    assert_eq!(
        v["plans"][0]["answers"]["schema"],
        json!("meso-advisor/assessment@1")
    );
    assert_eq!(v["plans"][0]["evaluation"]["verdict"], json!("suitable"));

    // Saving again replaces the list.
    assert_eq!(repo.save(&plans[1..]), Ok(()));
    assert_eq!(repo.load(), Ok(plans[1..].to_vec()));
    assert_eq!(repo.save(&[]), Ok(()));
    assert_eq!(repo.load(), Ok(vec![]));
    let v: Value = serde_json::from_str(&stored().unwrap()).unwrap();
    assert_eq!(v, json!({ "schema": "meso-advisor/plans@2", "plans": [] }));
}

#[wasm_bindgen_test]
async fn damaged_data_is_reported_and_never_written_over() {
    setup("#/").await;
    let repo = LocalStorageRepository;
    for damaged in [
        DAMAGED,
        "not json at all",
        "{\"plans\":[]}",
        "{\"schema\":\"meso-advisor/plans@2\",\"plans\":[{\"id\":1}]}",
    ] {
        local().set_item(PLANS_KEY, damaged).unwrap();
        assert!(
            matches!(repo.load(), Err(StoreError::Damaged(_))),
            "{damaged:?}: load is Damaged, got {:?}",
            repo.load()
        );
        let refused = repo.save(&two_plans());
        assert!(refused.is_err(), "{damaged:?}: save must be refused");
        assert!(
            matches!(refused, Err(StoreError::Damaged(_))),
            "{damaged:?}: refused as Damaged, got {refused:?}"
        );
        assert!(
            repo.save(&[]).is_err(),
            "{damaged:?}: saving an empty list is refused too"
        );
        assert_eq!(
            stored().as_deref(),
            Some(damaged),
            "the raw text is unchanged"
        );
        assert_eq!(
            repo.raw(),
            Ok(Some(damaged.to_owned())),
            "raw() returns it as it is"
        );
    }
}

#[wasm_bindgen_test]
async fn newer_version_data_is_reported_and_never_written_over() {
    setup("#/").await;
    let repo = LocalStorageRepository;
    let newer = newer_text();
    local().set_item(PLANS_KEY, &newer).unwrap();
    assert_eq!(repo.load(), Err(StoreError::Newer(99)));
    let refused = repo.save(&two_plans());
    assert_eq!(refused, Err(StoreError::Newer(99)), "save is refused");
    assert!(repo.save(&[]).is_err());
    assert_eq!(
        stored(),
        Some(newer.clone()),
        "the stored text is unchanged"
    );
    assert_eq!(repo.raw(), Ok(Some(newer)));
}

#[wasm_bindgen_test]
async fn a_full_store_is_reported_as_full() {
    setup("#/").await;
    let repo = LocalStorageRepository;
    let filled = fill_local();
    assert!(
        filled > 100_000,
        "the store took {filled} characters before it was full"
    );
    let result = repo.save(&two_plans());
    assert_eq!(stored(), None, "nothing was written");
    unfill_local();
    assert_eq!(result, Err(StoreError::Full));
    // With room again, saving works.
    assert_eq!(repo.save(&two_plans()), Ok(()));
    assert_eq!(repo.load(), Ok(two_plans()));
    local().clear().unwrap();
}

#[wasm_bindgen_test]
async fn a_full_store_keeps_existing_plans_as_they_were() {
    setup("#/").await;
    let repo = LocalStorageRepository;
    let plans = two_plans();
    repo.save(&plans[..1]).unwrap();
    let before = stored();
    fill_local();
    let result = repo.save(&plans);
    let after = stored();
    unfill_local();
    assert_eq!(result, Err(StoreError::Full));
    assert_eq!(after, before, "the stored plans are unchanged");
    assert_eq!(repo.load(), Ok(plans[..1].to_vec()));
    local().clear().unwrap();
}

// ------------------------------------------------------------------------------------------
// The app
// ------------------------------------------------------------------------------------------

/// Buttons inside `root` whose text is `label`.
fn buttons(root: &Element, label: &str) -> Vec<Element> {
    qa(root, "button")
        .into_iter()
        .filter(|b| text(b) == label)
        .collect()
}

/// Checks the read-error notice of kind `kind` (`store.damaged`, `store.newer`).
async fn check_store_error(root: &Element, kind: &str) -> Element {
    let notice = wait_el(root, "[data-testid=store-error]").await;
    assert_eq!(notice.get_attribute("data-kind").as_deref(), Some(kind));
    assert_eq!(notice.get_attribute("role").as_deref(), Some("alert"));
    let words = text(&notice);
    assert!(
        words.contains(&catalog().t(kind)),
        "the notice says {:?}; it shows {words:?}",
        catalog().t(kind)
    );
    assert!(
        words.contains(&catalog().t("store.kept")),
        "the notice offers the data: {words:?}"
    );
    let export = q(&notice, "[data-testid=export-raw]").expect("a download button");
    assert_eq!(text(&export), "Download the stored data");
    assert_eq!(export.tag_name(), "BUTTON");
    notice
}

/// Nothing on the page can delete or rename.
fn assert_no_delete_or_rename(root: &Element) {
    for label in ["Delete", "Rename"] {
        let enabled: Vec<Element> = buttons(root, label)
            .into_iter()
            .filter(|b| !b.has_attribute("disabled"))
            .collect();
        assert!(enabled.is_empty(), "an enabled {label} button is shown");
    }
    assert!(q(root, "[data-testid=rename-form]").is_none());
    assert!(q(root, "[data-testid=undo-bar]").is_none());
}

async fn store_error_ui(raw: &str, kind: &str) {
    setup("#/saved").await;
    local().set_item(PLANS_KEY, raw).unwrap();
    let root = mount_app();
    wait_el(&root, "[data-testid=saved-page]").await;
    let notice = check_store_error(&root, kind).await;
    assert!(
        q(&root, "[data-testid=saved-item]").is_none(),
        "no plan is listed from unreadable data"
    );
    assert!(
        q(&root, "[data-testid=saved-empty]").is_none(),
        "the page does not claim there are no plans"
    );
    assert_no_delete_or_rename(&root);

    // Download the stored data: it is offered, nothing is written.
    click(&q(&notice, "[data-testid=export-raw]").unwrap());
    settle().await;
    assert!(
        !text(&notice).contains(&catalog().t("store.export_failed")),
        "the download worked"
    );
    assert_eq!(
        stored().as_deref(),
        Some(raw),
        "unchanged after the download"
    );

    // A plan address from the stored data: not shown, no Delete/Rename.
    set_hash("#/saved/future1").await;
    wait_el(&root, "[data-testid=saved-plan-missing]").await;
    check_store_error(&root, kind).await;
    assert_no_delete_or_rename(&root);

    // Back to the list; still unchanged.
    set_hash("#/saved").await;
    wait_el(&root, "[data-testid=saved-page]").await;
    settle().await;
    assert_eq!(
        stored().as_deref(),
        Some(raw),
        "unchanged after visiting the pages"
    );
}

#[wasm_bindgen_test]
async fn the_app_shows_damaged_data_and_keeps_it() {
    store_error_ui(DAMAGED, "store.damaged").await;
}

#[wasm_bindgen_test]
async fn the_app_shows_newer_data_and_keeps_it() {
    store_error_ui(&newer_text(), "store.newer").await;
}

/// Mounts the app at `#/` with a complete draft of `answers` in sessionStorage and opens the
/// result page through "Continue".
async fn result_page_via_continue(answers: &Value) -> Element {
    setup("#/").await;
    store_draft(&Draft::from_answers(&parse_answers(answers)));
    let root = mount_app();
    let cont = wait_el(&root, "[data-testid=continue-button]").await;
    click(&cont);
    wait_el(&root, "[data-testid=result-page]").await;
    assert_eq!(hash(), "#/result");
    root
}

/// Types a nickname into the save form and submits it.
async fn submit_save(root: &Element, label: &str) {
    let field = wait_el(root, "#save-label").await;
    type_into(&field, label);
    wait_until("the nickname is in the field", || {
        input(&q(root, "#save-label").unwrap()).value() == label
    })
    .await;
    settle().await;
    let button = q(root, "[data-testid=save-form] button[type=submit]").expect("a Save button");
    click(&button);
}

#[wasm_bindgen_test]
async fn the_result_page_cannot_save_over_damaged_data() {
    setup("#/").await;
    local().set_item(PLANS_KEY, DAMAGED).unwrap();
    store_draft(&Draft::from_answers(&parse_answers(&base_answers())));
    let root = mount_app();
    click(&wait_el(&root, "[data-testid=continue-button]").await);
    wait_el(&root, "[data-testid=result-page]").await;
    check_store_error(&root, "store.damaged").await;
    let field = q(&root, "#save-label").expect("the save form");
    assert!(
        field.has_attribute("disabled"),
        "the nickname field is disabled"
    );
    let button = q(&root, "[data-testid=save-form] button[type=submit]").unwrap();
    assert!(button.has_attribute("disabled"), "Save is disabled");
    click(&button);
    settle().await;
    assert!(
        q(&root, "[data-testid=saved-status]").is_none(),
        "nothing claims to be saved"
    );
    assert_eq!(stored().as_deref(), Some(DAMAGED), "unchanged");
}

#[wasm_bindgen_test]
async fn saving_a_plan_from_the_result_page_stores_it() {
    let root = result_page_via_continue(&base_answers()).await;
    submit_save(&root, "My plan").await;
    wait_el(&root, "[data-testid=saved-status]").await;
    wait_until("the plan is stored", || stored().is_some()).await;
    let plans = LocalStorageRepository.load().expect("readable");
    assert_eq!(plans.len(), 1);
    assert_eq!(plans[0].label, "My plan");
    assert_eq!(plans[0].answers, parse_answers(&base_answers()));
    assert!(q(&root, "[data-testid=store-write-error]").is_none());
}

/// The brief's route: the complete draft in sessionStorage, the app mounted at `#/result`.
#[wasm_bindgen_test]
async fn a_full_store_shows_a_write_error_when_saving_from_the_result_page_mounted_at_result() {
    setup("#/result").await;
    store_draft(&Draft::from_answers(&parse_answers(&base_answers())));
    let root = mount_app();
    wait_until("the result page or a step page", || {
        q(&root, "[data-testid=result-page]").is_some() || q(&root, ".step-page").is_some()
    })
    .await;
    settle().await;
    settle().await;
    let shown = q(&root, "[data-testid=result-page]")
        .map(|_| "result-page".to_owned())
        .or_else(|| q(&root, ".step-page").and_then(|e| e.get_attribute("data-testid")))
        .unwrap_or_default();
    assert_eq!(
        (shown.as_str(), hash().as_str()),
        ("result-page", "#/result"),
        "mounting at #/result with a complete draft in sessionStorage should show the result page"
    );
    full_store_save(&root).await;
}

/// The same through "Continue" on the start page (independent of the route on mount).
#[wasm_bindgen_test]
async fn a_full_store_shows_a_write_error_when_saving_from_the_result_page() {
    let root = result_page_via_continue(&base_answers()).await;
    full_store_save(&root).await;
}

async fn full_store_save(root: &Element) {
    fill_local();
    submit_save(root, "Mine").await;
    let notice = wait_el(root, "[data-testid=store-write-error]").await;
    let key_after = stored();
    unfill_local();
    assert_eq!(
        notice.get_attribute("data-kind").as_deref(),
        Some("store.full")
    );
    assert_eq!(notice.get_attribute("role").as_deref(), Some("alert"));
    assert!(
        text(&notice).contains(&catalog().t("store.full")),
        "plain words: {}",
        text(&notice)
    );
    assert_eq!(key_after, None, "nothing was written");
    local().clear().unwrap();
}

/// When the save failed because the store is full, the page must not also say "Saved on this
/// device." (with a link to the plan that was not stored).
#[wasm_bindgen_test]
async fn a_failed_save_is_not_reported_as_saved() {
    let root = result_page_via_continue(&base_answers()).await;
    fill_local();
    submit_save(&root, "Mine").await;
    wait_el(&root, "[data-testid=store-write-error]").await;
    unfill_local();
    settle().await;
    let root = &root;
    let done = catalog().t("save.done");
    assert!(
        q(root, "[data-testid=saved-status]").is_none() && !text(root).contains(&done),
        "the page says {done:?} next to the storage-full error"
    );
    local().clear().unwrap();
}

/// Real `plans@1` data (written by the build before typed records) in localStorage: the
/// app starts, lists every plan, stores them as `plans@2` and removes the copy it kept.
#[wasm_bindgen_test]
async fn plans_at_1_in_local_storage_are_migrated_when_the_app_starts() {
    setup("#/saved").await;
    let v1 = include_str!("fixtures/plans_v1/shipped.json");
    local().set_item(PLANS_KEY, v1).unwrap();
    let root = mount_app();
    wait_until("the six plans are listed", || {
        qa(&root, "[data-testid=saved-item]").len() == 6
    })
    .await;
    let text = stored().unwrap();
    assert!(
        text.starts_with("{\"schema\":\"meso-advisor/plans@2\""),
        "{text:.60}"
    );
    assert_eq!(local().get_item(&backup_key(1)).unwrap(), None);
    assert!(q(&root, "[data-testid=store-error]").is_none());
    let ids: Vec<String> = serde_json::from_str::<Value>(v1).unwrap()["plans"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap().to_string())
        .collect();
    let now: Value = serde_json::from_str(&text).unwrap();
    for id in ids {
        assert!(
            now["plans"]
                .as_array()
                .unwrap()
                .iter()
                .any(|p| p["id"] == json!(id)),
            "{id} kept"
        );
    }
}

/// Two tabs saving at once through real localStorage: neither plan is lost.
#[wasm_bindgen_test]
async fn two_tabs_saving_at_once_lose_nothing_in_local_storage() {
    setup("#/").await;
    let tab_a = StoreRepository::new(LocalStore, &Clinic::default());
    let tab_b = StoreRepository::new(LocalStore, &Clinic::default());
    assert!(tab_a.load().unwrap().plans.is_empty());
    assert!(tab_b.load().unwrap().plans.is_empty());
    let plans = two_plans();
    tab_a.save(&plans[..1], &[]).unwrap();
    tab_b.save(&plans[1..], &[]).unwrap();
    let mut ids: Vec<String> = tab_a
        .load()
        .unwrap()
        .plans
        .iter()
        .map(|p| p.id.clone())
        .collect();
    ids.sort();
    let mut want: Vec<String> = plans.iter().map(|p| p.id.clone()).collect();
    want.sort();
    assert_eq!(ids, want);
}

// ------------------------------------------------------------------------------------------
// Failure matrix (issue "Hardening"): each with storage read back afterwards.
// ------------------------------------------------------------------------------------------

/// Storage full while plans@1 are migrated at start: the app says so, offers the data, and
/// the old text stays exactly as it was (nothing half-written, nothing dropped).
#[wasm_bindgen_test]
async fn a_full_store_during_migration_keeps_the_old_plans() {
    setup("#/saved").await;
    let v1 = include_str!("fixtures/plans_v1/shipped.json");
    local().set_item(PLANS_KEY, v1).unwrap();
    fill_local();
    let root = mount_app();
    check_store_error(&root, "store.migration_failed").await;
    assert_no_delete_or_rename(&root);
    unfill_local();
    assert_eq!(
        stored().as_deref(),
        Some(v1),
        "the plans@1 text is untouched"
    );
    // A later start with room migrates normally.
    unmount_all();
    let root = mount_app();
    wait_until("the six plans are listed", || {
        qa(&root, "[data-testid=saved-item]").len() == 6
    })
    .await;
    assert!(stored().unwrap().contains("meso-advisor/plans@2"));
}

/// Storage full when a backup is imported: the import is not reported as done, the plans
/// already stored stay as they were, and the imported ones stay on screen with a retry.
#[wasm_bindgen_test]
async fn a_full_store_during_an_import_loses_nothing() {
    setup("#/staff").await;
    let plans = two_plans();
    LocalStorageRepository.save(&plans[..1]).unwrap();
    let before = stored().unwrap();
    let backup = meso_advisor::state::plans::Envelope::current(plans[1..].to_vec(), vec![])
        .to_text()
        .unwrap();
    let here = LocalStorageRepository.load().unwrap();
    let preview =
        meso_advisor::state::backup::preview(&backup, &here, &[Clinic::default()], || {
            "copy".into()
        })
        .unwrap();
    assert_eq!(preview.add.len(), 1);
    fill_local();
    let mut state = meso_advisor::state::plans::PlansState::default();
    state.apply(meso_advisor::state::plans::PlansAction::Load(
        StoreRepository::new(LocalStore, &Clinic::default()).load(),
    ));
    state.apply(meso_advisor::state::plans::PlansAction::Import(
        preview.records(),
    ));
    let result = LocalStorageRepository.save(&state.plans);
    assert_eq!(result, Err(StoreError::Full));
    unfill_local();
    assert_eq!(
        stored().as_deref(),
        Some(before.as_str()),
        "stored plans unchanged"
    );
    assert_eq!(
        state.plans.len(),
        2,
        "the imported plan is still in memory, to retry"
    );
    assert!(state.unsaved());
}
