//! Browser tests of the shell's edges: the page language follows the catalog, saved plans
//! written by another tab appear here (the `storage` event), and a clinic.json that could
//! not be fetched stops the app with a working "Try again". Runs with
//! `cargo test --target wasm32-unknown-unknown --test web_shell_edges`.

#![cfg(target_arch = "wasm32")]

mod web_common;

use std::cell::Cell;
use std::rc::Rc;

use chrono::NaiveDate;
use meso_advisor::core::{Answers, Clinic};
use meso_advisor::state::plans::StoreRepository;
use meso_advisor::state::plans::{PlanRepository, SavedPlan, PLANS_KEY};
use meso_advisor::ui::components::config_error::{ConfigError, ConfigErrorProps};
use meso_advisor::ui::storage::LocalStore;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_common::*;

wasm_bindgen_test_configure!(run_in_browser);

fn saved_plan(id: &str, label: &str) -> SavedPlan {
    let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    let answers = Answers::parse(include_str!("fixtures/answers-suitable.json"), None).unwrap();
    SavedPlan::new(
        id.into(),
        label.into(),
        "2026-11-24T10:00:00.000Z".into(),
        answers,
        &Clinic::default(),
        today,
    )
}

#[wasm_bindgen_test]
async fn the_page_language_follows_the_catalog() {
    setup("#/").await;
    let html = document().document_element().unwrap();
    html.set_attribute("lang", "xx").unwrap();
    let root = mount_app();
    wait_el(&root, "[data-testid=start-page]").await;
    wait_until("<html lang> set by the app", || {
        html.get_attribute("lang").as_deref() == Some("en")
    })
    .await;
}

#[wasm_bindgen_test]
async fn plans_saved_in_another_tab_appear_here() {
    setup("#/saved").await;
    let root = mount_app();
    wait_el(&root, "[data-testid=saved-empty]").await;
    // Another tab writes the store; this tab hears of it only through the `storage` event.
    StoreRepository::new(LocalStore, &Clinic::default())
        .save(&[saved_plan("0a0b0c0d0e0f1011", "From the other tab")], &[])
        .unwrap();
    let init = web_sys::StorageEventInit::new();
    init.set_key(Some(PLANS_KEY));
    let event = web_sys::StorageEvent::new_with_event_init_dict("storage", &init).unwrap();
    // Told again on every turn until heard: the page drawn does not mean its listener is set
    // (Yew may yield to the browser between a render and its effects), and hearing it twice
    // only reads the store twice.
    let item = wait_for("an element [data-testid=saved-item]", || {
        let item = root
            .query_selector("[data-testid=saved-item]")
            .ok()
            .flatten();
        if item.is_none() {
            window().dispatch_event(event.unchecked_ref()).unwrap();
        }
        item
    })
    .await;
    assert!(
        text(&item).contains("From the other tab"),
        "{}",
        text(&item)
    );
}

#[wasm_bindgen_test]
async fn unreachable_settings_stop_the_app_and_offer_a_retry() {
    setup("#/").await;
    let doc = document();
    let root = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&root).unwrap();
    let retries = Rc::new(Cell::new(0));
    let counter = retries.clone();
    let props = ConfigErrorProps {
        lines: vec!["clinic.json: network error".into()],
        unreachable: true,
        on_retry: yew::Callback::from(move |_| counter.set(counter.get() + 1)),
        catalog: catalog(),
    };
    let handle = yew::Renderer::<ConfigError>::with_root_and_props(root.clone(), props).render();
    let heading = wait_el(&root, "h1").await;
    assert_eq!(text(&heading), catalog().t("config.unreachable.title"));
    assert!(text(&root).contains("clinic.json: network error"));
    let button = wait_el(&root, "button").await;
    assert_eq!(text(&button), catalog().t("config.retry"));
    button.dyn_into::<web_sys::HtmlElement>().unwrap().click();
    wait_until("the retry callback ran", || retries.get() == 1).await;
    handle.destroy();
    root.remove();
}
