//! Shared helpers of the browser component tests (`tests/web_questionnaire.rs`,
//! `tests/web_storage.rs`): a clean page before each test (storage cleared, earlier apps
//! unmounted, the location hash set and its `hashchange` delivered), mounting the real `App`
//! with the default clinic into a fresh element, driving the DOM (typing, clicking) and
//! waiting for Yew to re-render with bounded loops of zero-length timers (never a fixed
//! real-time sleep).

#![allow(dead_code)]

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::Duration;

use meso_advisor::core::{Catalog, Clinic};
use meso_advisor::state::questionnaire::Draft;
use meso_advisor::ui::storage::DRAFT_KEY;
use meso_advisor::ui::{App, AppProps};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, HtmlElement, HtmlInputElement, Storage, Window};
use yew::AppHandle;

/// How many event-loop turns we allow for one expected change (a re-render, a `hashchange`).
/// Each turn is a zero-length timer; a wait returns as soon as its condition holds.
pub const MAX_TICKS: u32 = 300;

pub fn window() -> Window {
    web_sys::window().expect("a browser window")
}

pub fn document() -> Document {
    window().document().expect("a document")
}

pub fn local() -> Storage {
    window()
        .local_storage()
        .expect("localStorage access")
        .expect("localStorage")
}

pub fn session() -> Storage {
    window()
        .session_storage()
        .expect("sessionStorage access")
        .expect("sessionStorage")
}

/// The app's texts (the default clinic's language is English).
pub fn catalog() -> &'static Catalog {
    Catalog::english()
}

/// One event-loop turn (a zero-length timer).
pub async fn tick() {
    yew::platform::time::sleep(Duration::ZERO).await;
}

/// Waits, for at most `MAX_TICKS` turns, until `probe` returns `Some`; panics naming `what`.
pub async fn wait_for<T>(what: &str, mut probe: impl FnMut() -> Option<T>) -> T {
    for _ in 0..MAX_TICKS {
        if let Some(v) = probe() {
            return v;
        }
        tick().await;
    }
    probe().unwrap_or_else(|| panic!("timed out ({MAX_TICKS} ticks) waiting for: {what}"))
}

/// Waits until `cond` holds; panics naming `what`.
pub async fn wait_until(what: &str, mut cond: impl FnMut() -> bool) {
    wait_for(what, || cond().then_some(())).await
}

/// Lets a few event-loop turns pass (to give a change that must NOT happen a chance to).
pub async fn settle() {
    for _ in 0..10 {
        tick().await;
    }
}

// ------------------------------------------------------------------------------------------
// Page set-up and mounting
// ------------------------------------------------------------------------------------------

thread_local! {
    /// Apps mounted by earlier tests (a failed test cannot unmount its own).
    static LIVE: RefCell<Vec<(Element, AppHandle<App>)>> = const { RefCell::new(Vec::new()) };
    /// Keys written to fill localStorage (removed by `setup` and `unfill_local`).
    static FILLERS: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// The current location hash, with its `#` (empty when there is none).
pub fn hash() -> String {
    window().location().hash().unwrap_or_default()
}

/// Sets `location.hash` and waits until the browser has delivered its `hashchange` (which is
/// asynchronous), so that no stale event reaches an app mounted afterwards.
pub async fn set_hash(target: &str) {
    if hash() == target {
        return;
    }
    let fired = Rc::new(Cell::new(false));
    let flag = fired.clone();
    let _listener =
        gloo::events::EventListener::once(&window(), "hashchange", move |_| flag.set(true));
    window()
        .location()
        .set_hash(target)
        .expect("set location.hash");
    wait_until(&format!("hashchange to {target}"), || fired.get()).await;
}

/// Unmounts every app of earlier tests and removes their roots.
pub fn unmount_all() {
    let live = LIVE.with(|l| std::mem::take(&mut *l.borrow_mut()));
    for (root, handle) in live {
        handle.destroy();
        root.remove();
    }
}

/// A clean page for one test: earlier apps unmounted, localStorage and sessionStorage
/// cleared (filler keys included), and the location hash set to `hash` (e.g. `#/step/1`).
pub async fn setup(hash: &str) {
    unmount_all();
    FILLERS.with(|f| f.borrow_mut().clear());
    local().clear().expect("clear localStorage");
    session().clear().expect("clear sessionStorage");
    if let Some(active) = document().active_element() {
        if let Ok(el) = active.dyn_into::<HtmlElement>() {
            let _ = el.blur();
        }
    }
    set_hash(hash).await;
}

/// Mounts the real `App` with the default clinic (no `clinic.json` fetch) into a fresh div
/// appended to the body; returns the root. The app is unmounted by the next `setup`, or
/// earlier with [`unmount_all`].
pub fn mount_app() -> Element {
    let doc = document();
    let root = doc.create_element("div").expect("create a div");
    doc.body()
        .expect("a body")
        .append_child(&root)
        .expect("append the root");
    // The results build: every visitor page (the questionnaire's own build loads it into the
    // page, from a file these tests do not serve).
    let props = AppProps {
        clinic: Some(Rc::new(Clinic::default())),
        build: meso_advisor::ui::pages::results::RESULTS,
        ..Default::default()
    };
    let handle = yew::Renderer::<App>::with_root_and_props(root.clone(), props).render();
    LIVE.with(|l| l.borrow_mut().push((root.clone(), handle)));
    root
}

// ------------------------------------------------------------------------------------------
// Reading the DOM
// ------------------------------------------------------------------------------------------

/// The first match of `selector` inside `root`.
pub fn q(root: &Element, selector: &str) -> Option<Element> {
    root.query_selector(selector)
        .unwrap_or_else(|e| panic!("bad selector {selector}: {e:?}"))
}

/// Every match of `selector` inside `root`.
pub fn qa(root: &Element, selector: &str) -> Vec<Element> {
    let list = root
        .query_selector_all(selector)
        .unwrap_or_else(|e| panic!("bad selector {selector}: {e:?}"));
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
        .collect()
}

/// Waits until `selector` matches inside `root`.
pub async fn wait_el(root: &Element, selector: &str) -> Element {
    wait_for(&format!("an element {selector}"), || q(root, selector)).await
}

/// Waits until `selector` no longer matches inside `root`.
pub async fn wait_gone(root: &Element, selector: &str) {
    wait_until(&format!("no element {selector}"), || {
        q(root, selector).is_none()
    })
    .await
}

/// Trimmed text content.
pub fn text(el: &Element) -> String {
    el.text_content().unwrap_or_default().trim().to_owned()
}

pub fn input(el: &Element) -> HtmlInputElement {
    el.clone()
        .dyn_into::<HtmlInputElement>()
        .expect("an <input>")
}

/// The id of `document.activeElement` (empty when none or no id).
pub fn active_id() -> String {
    document()
        .active_element()
        .map(|e| e.id())
        .unwrap_or_default()
}

// ------------------------------------------------------------------------------------------
// Driving the DOM
// ------------------------------------------------------------------------------------------

/// A real click (`HTMLElement.click()`: fires click, then input/change for boxes and radios,
/// submit for submit buttons).
pub fn click(el: &Element) {
    el.dyn_ref::<HtmlElement>()
        .expect("an HTML element")
        .click();
}

/// A bubbling event of type `kind` (built with the `Event` constructor through js-sys).
pub fn bubbling_event(kind: &str) -> web_sys::Event {
    let ctor: js_sys::Function =
        js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("Event"))
            .expect("Event constructor")
            .unchecked_into();
    let init = js_sys::Object::new();
    js_sys::Reflect::set(&init, &JsValue::from_str("bubbles"), &JsValue::TRUE)
        .expect("set bubbles");
    let args = js_sys::Array::of2(&JsValue::from_str(kind), &init);
    js_sys::Reflect::construct(&ctor, &args)
        .expect("new Event")
        .unchecked_into()
}

/// Types into an input: sets its value and dispatches a bubbling `input` event.
pub fn type_into(el: &Element, value: &str) {
    let i = input(el);
    i.set_value(value);
    i.dispatch_event(&bubbling_event("input"))
        .expect("dispatch input");
}

/// The draft the app keeps in sessionStorage, if any.
pub fn stored_draft() -> Option<Draft> {
    let text = session()
        .get_item(DRAFT_KEY)
        .expect("read sessionStorage")?;
    Some(
        serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("stored draft is not a Draft ({e}): {text}")),
    )
}

/// Puts a draft in sessionStorage (as a previous visit of this tab would have).
pub fn store_draft(draft: &Draft) {
    let text = serde_json::to_string(draft).expect("serialise the draft");
    session()
        .set_item(DRAFT_KEY, &text)
        .expect("write the draft");
}

// ------------------------------------------------------------------------------------------
// A full localStorage
// ------------------------------------------------------------------------------------------

fn is_quota_error(e: &JsValue) -> bool {
    e.dyn_ref::<web_sys::DomException>()
        .is_some_and(|d| d.name() == "QuotaExceededError" || d.code() == 22)
}

/// Fills localStorage under filler keys until `setItem` throws QuotaExceededError, with
/// chunks from 1 MiB characters down to 64 characters, at most ~12 MiB written in all.
/// Returns how many characters were stored. Panics if the quota was never reached.
pub fn fill_local() -> usize {
    let storage = local();
    let mut stored = 0usize;
    let mut hit_quota = false;
    let mut n = 0usize;
    let mut chunk = 1usize << 20;
    while chunk >= 64 {
        let value = "x".repeat(chunk);
        // Bounded: ~12 MiB in 1 MiB chunks, at most 16 writes of each smaller size.
        let limit = if chunk == 1 << 20 { 12 } else { 16 };
        for _ in 0..limit {
            let key = format!("test-filler/{n}");
            n += 1;
            match storage.set_item(&key, &value) {
                Ok(()) => {
                    FILLERS.with(|f| f.borrow_mut().push(key));
                    stored += chunk;
                }
                Err(e) => {
                    assert!(
                        is_quota_error(&e),
                        "setItem failed with something else than a full store: {e:?}"
                    );
                    hit_quota = true;
                    break;
                }
            }
        }
        chunk /= 4;
    }
    assert!(
        hit_quota,
        "localStorage never reported QuotaExceededError after {stored} characters"
    );
    stored
}

/// Removes the filler keys written by [`fill_local`].
pub fn unfill_local() {
    let keys = FILLERS.with(|f| std::mem::take(&mut *f.borrow_mut()));
    let storage = local();
    for k in keys {
        let _ = storage.remove_item(&k);
    }
}
