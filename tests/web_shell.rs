//! Browser smoke test of the web shell: mounts the real `App` into a fresh element of a real
//! (headless Chromium) document and checks the start page. Runs with
//! `cargo test --target wasm32-unknown-unknown --test web_shell` (see `scripts/test.sh`);
//! natively this file compiles to nothing.

#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use meso_advisor::ui::App;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Document, Element};

wasm_bindgen_test_configure!(run_in_browser);

/// An upper bound on the event-loop ticks we yield while waiting for the start page. The app
/// first fetches `clinic.json` (a 404 here, so it takes its embedded default), so the page
/// appears after an IO round trip rather than after a fixed number of ticks; the bound only
/// keeps a broken app from hanging the test (a tick is a zero-delay timer, a few ms at most).
const MAX_TICKS: u32 = 1_000;

fn document() -> Document {
    web_sys::window()
        .expect("a browser window")
        .document()
        .expect("a document")
}

/// A fresh, empty element appended to `document.body`, to mount one app into.
fn fresh_root() -> Element {
    let document = document();
    let root = document.create_element("div").expect("create a div");
    document
        .body()
        .expect("a body")
        .append_child(&root)
        .expect("append the root to the body");
    root
}

/// Yields to the event loop (a zero-length timer, not a timing guess) until `selector` matches
/// inside `root`, for at most `MAX_TICKS` ticks.
async fn wait_for(root: &Element, selector: &str) -> Option<Element> {
    for _ in 0..MAX_TICKS {
        if let Some(found) = root.query_selector(selector).expect("a valid selector") {
            return Some(found);
        }
        yew::platform::time::sleep(Duration::ZERO).await;
    }
    root.query_selector(selector).expect("a valid selector")
}

fn text_of(element: &Element) -> String {
    element.text_content().unwrap_or_default().trim().to_owned()
}

/// Puts the page where a first-time visitor lands: the start route (the test runner's own URL
/// carries a fragment, which the app would read as a route) and nothing saved on the device.
fn fresh_visit() {
    let window = web_sys::window().expect("a browser window");
    window
        .location()
        .set_hash("/")
        .expect("go to the start route");
    if let Ok(Some(storage)) = window.local_storage() {
        storage.clear().expect("clear localStorage");
    }
}

#[wasm_bindgen_test]
async fn start_page_shows_a_heading_and_a_start_button() {
    fresh_visit();
    let root = fresh_root();
    let _app = yew::Renderer::<App>::with_root(root.clone()).render();

    let Some(page) = wait_for(&root, "[data-testid=start-page]").await else {
        panic!(
            "the start page is not rendered after {MAX_TICKS} ticks; the root holds: {}",
            root.inner_html()
        );
    };

    let heading = page
        .query_selector("h1")
        .unwrap()
        .expect("the start page has an h1");
    assert!(
        !text_of(&heading).is_empty(),
        "the start page heading has text"
    );

    let button = page
        .query_selector("button[data-testid=start-button]")
        .unwrap()
        .expect("the start page has a start button");
    assert_eq!(text_of(&button), "Start");
}
