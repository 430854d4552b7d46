//! Loads the results build into the questionnaire's page. The first load carries only the
//! start page and the six steps; the result, the plan, the saved plans, shared assessments and
//! the letter come with the results build (`results/`, precached by the service worker in the
//! background), loaded into this same page when first needed.
//!
//! How: [`prepare`] (when the last step opens) adds `<script type="module"
//! src="results/start.js">` (written by `scripts/results-loader.mjs`), which compiles the
//! results build's wasm without running it. [`ResultsLoader`]
//! (shown in place of a page this build does not have) asks it to start ([`START_EVENT`], or
//! the `window` flag [`START_FLAG`] if the loader has not run yet), adding the loader first if
//! needed. The results build (`ui::start_in_place`) mounts hidden beside the app running here,
//! which keeps showing "Loading…"; once it has drawn its first page it sends
//! [`MOUNTING_EVENT`], the app running here unmounts and removes its root element
//! ([`unmount_when_replaced`]), and the results build shows in its place, on the same address,
//! with the draft and language handed over. It must not carry state across other than through
//! the page's hand-over and storage, and never show two apps (nor none).

use std::cell::Cell;

use yew::prelude::*;

use super::browser;
use super::context::use_app;
use crate::state::route::Route;

/// Sent (on `window`) by the results build once it has drawn its first page (hidden): the app
/// running in this page until then unmounts.
pub const MOUNTING_EVENT: &str = "meso-advisor:mounting";
/// Sent (on `window`) by `results/start.js` when the results build could not be loaded.
pub const FAILED_EVENT: &str = "meso-advisor:results-failed";
/// Sent (on `window`) to a prepared `results/start.js`: start the results build now.
pub const START_EVENT: &str = "meso-advisor:results-start";
/// Set on `window` (to `true`) for a `results/start.js` that has not run yet: start at once.
pub const START_FLAG: &str = "mesoAdvisorStartResults";
/// Set on `window` at the hand-over: the draft (as stored) and the language, read once by the
/// results build (`take_handed_over`), so a browser whose storage refuses them loses nothing.
const DRAFT_GLOBAL: &str = "mesoAdvisorDraft";
const LANG_GLOBAL: &str = "mesoAdvisorLang";
/// Set on `<html>` while the results build loads: it then opens its first page as a page
/// change (heading focused, as after any click), not as a first load.
const LOADING_ATTRIBUTE: &str = "data-results-loading";
/// The results build's loader, relative to the page.
const LOADER: &str = "results/start.js";

thread_local! {
    /// The loader was added to this page (once: a module runs once per page).
    static REQUESTED: Cell<bool> = const { Cell::new(false) };
    /// The results build could not be loaded (its loader, stylesheet or wasm), perhaps while
    /// no [`ResultsLoader`] was there to hear it: every later try says so at once.
    static LOADER_FAILED: Cell<bool> = const { Cell::new(false) };
}

/// Fetches and compiles the results build in the background (the visitor is on the last step),
/// so that the result shows without that wait. Does nothing the second time.
pub fn prepare() {
    if REQUESTED.replace(true) {
        return;
    }
    // Heard for the page's life (one small closure): a failure is remembered.
    gloo::events::EventListener::new(&gloo::utils::window(), FAILED_EVENT, |_| {
        LOADER_FAILED.set(true)
    })
    .forget();
    if add_loader().is_none() {
        LOADER_FAILED.set(true);
    }
}

/// Starts the results build (preparing it first if [`prepare`] has not), handing it the draft
/// and language in the page too. False when it cannot be loaded.
fn start(draft: &str, lang: &str) -> bool {
    prepare();
    if LOADER_FAILED.get() {
        return false;
    }
    let window = gloo::utils::window();
    let _ = js_sys::Reflect::set(&window, &DRAFT_GLOBAL.into(), &draft.into());
    let _ = js_sys::Reflect::set(&window, &LANG_GLOBAL.into(), &lang.into());
    if let Some(html) = gloo::utils::document().document_element() {
        let _ = html.set_attribute(LOADING_ATTRIBUTE, "");
    }
    let _ = js_sys::Reflect::set(&window, &START_FLAG.into(), &true.into());
    announce(START_EVENT);
    true
}

/// Props of [`ResultsLoader`].
#[derive(Properties, PartialEq, Clone)]
pub struct ResultsLoaderProps {
    /// The page asked for (the results build shows it once loaded).
    pub route: Route,
}

/// Shown while the results build loads; if it cannot be loaded (offline before the service
/// worker had it, a failing host), says so and offers to try again (a reload).
#[component(ResultsLoader)]
pub fn results_loader(props: &ResultsLoaderProps) -> Html {
    let ctx = use_app();
    let failed = use_state(|| false);
    {
        let failed = failed.clone();
        let draft = ctx.draft.draft.to_json();
        let lang = ctx.catalog.lang();
        use_effect_with(props.route.clone(), move |_| {
            let listener = {
                let failed = failed.clone();
                gloo::events::EventListener::new(&gloo::utils::window(), FAILED_EVENT, move |_| {
                    failed.set(true)
                })
            };
            if !start(&draft, lang) {
                failed.set(true);
            }
            move || drop(listener)
        });
    }
    if *failed {
        return html! {
            <div class="results-loader" data-testid="results-failed">
                <h1 id="page-heading" tabindex="-1">{ ctx.t("results_loader.failed_title") }</h1>
                <p role="alert">{ ctx.t("results_loader.failed") }</p>
                <button class="button button--primary" type="button" data-testid="results-retry"
                        onclick={Callback::from(|_| browser::reload())}>
                    { ctx.t("results_loader.retry") }
                </button>
            </div>
        };
    }
    html! {
        <div class="results-loader" aria-busy="true" data-testid="results-loading">
            <p class="results-loader-status" role="status">{ ctx.t("results_loader.loading") }</p>
        </div>
    }
}

/// Adds the results build's loader to the page. None when the page cannot take it.
fn add_loader() -> Option<()> {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;

    let document = gloo::utils::document();
    let script = document.create_element("script").ok()?;
    script.set_attribute("type", "module").ok()?;
    script.set_attribute("src", LOADER).ok()?;
    // A loader that cannot be fetched fires `error` on its element.
    let on_error = Closure::once_into_js(move || announce(FAILED_EVENT));
    script
        .add_event_listener_with_callback("error", on_error.unchecked_ref())
        .ok()?;
    document.body()?.append_child(&script).ok()?;
    Some(())
}

/// Sends `kind` on `window`.
fn announce(kind: &str) {
    if let Ok(event) = web_sys::Event::new(kind) {
        let _ = gloo::utils::window().dispatch_event(&event);
    }
}

/// The results build, about to mount: true when the questionnaire's build loaded it into this
/// page (its first page is then a page change, not a first load). Read once.
pub fn take_loading_mark() -> bool {
    gloo::utils::document()
        .document_element()
        .is_some_and(|html| {
            let loading = html.has_attribute(LOADING_ATTRIBUTE);
            let _ = html.remove_attribute(LOADING_ATTRIBUTE);
            loading
        })
}

/// The results build has drawn its first page (`ui::start_in_place`): the app this page ran
/// until now, if any, unmounts (it listens with [`unmount_when_replaced`]).
pub fn unmount_running_app() {
    announce(MOUNTING_EVENT);
}

/// Unmounts `app` and removes its `root` when another build has drawn its first page in this
/// page and shows it (once). The root is removed from the document, so no event reaches its
/// listeners again.
pub fn unmount_when_replaced(app: yew::AppHandle<crate::ui::App>, root: web_sys::Element) {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;

    let unmount = Closure::once_into_js(move || {
        app.destroy();
        root.remove();
    });
    let options = web_sys::AddEventListenerOptions::new();
    options.set_once(true);
    let _ = gloo::utils::window().add_event_listener_with_callback_and_add_event_listener_options(
        MOUNTING_EVENT,
        unmount.unchecked_ref(),
        &options,
    );
}

/// What the questionnaire's build handed over in the page (`draft`: the stored draft's text,
/// `lang`), each taken once: the results build prefers them to storage, which may refuse
/// them or hold an older draft. None in a page that was not handed over.
pub fn take_handed_over(name: HandedOver) -> Option<String> {
    let window = gloo::utils::window();
    let key: wasm_bindgen::JsValue = match name {
        HandedOver::Draft => DRAFT_GLOBAL,
        HandedOver::Lang => LANG_GLOBAL,
    }
    .into();
    let value = js_sys::Reflect::get(&window, &key).ok()?.as_string()?;
    let _ = js_sys::Reflect::delete_property(&window, &key);
    Some(value)
}

/// What [`take_handed_over`] reads.
pub enum HandedOver {
    Draft,
    Lang,
}
