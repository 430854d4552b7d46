//! The Yew web app (wasm32 only): pages, components, hooks and browser edges.
//! It must not hold medical rules: everything it decides comes from `crate::core`, and
//! its state changes go through the reducers of `crate::state`.

mod app;
pub mod browser;
pub mod components;
pub mod config;
pub mod context;
pub mod intl;
pub mod locale;
pub mod offline;
pub mod pages;
pub mod plans_provider;
pub mod results_loader;
pub mod sealed_store;
pub mod staff_auth;
pub mod storage;

pub use app::{App, AppProps, Build, English, PageFn};

/// Mounts the app as `build` (called by the `main` of every build but the results build's,
/// which uses [`start_in_place`]), always into an element of its own (so that the results
/// build, loaded later into the questionnaire's page, can take its place: see
/// `results_loader`).
///
/// A release build's `index.html` carries the start page as static HTML (`#prerender`, written
/// by `scripts/prerender.mjs`), readable before the wasm has arrived. When it is showing and the
/// route is the start page, the app renders into a hidden element instead, which takes the
/// prerendered page's place in one step once the app has drawn its first page (the clinic
/// settings loaded), keeping keyboard focus on the same control: the page is never blank and
/// nothing moves. Otherwise (another route, a prerender hidden by its script or missing) the
/// prerender is removed and the app mounts at once.
pub fn start(build: Build, english: English) {
    use wasm_bindgen::JsCast;

    use crate::state::route::Route;

    let props = AppProps {
        clinic: None,
        build,
        english,
    };
    let mount = move |root: web_sys::Element, props: AppProps| {
        let app = yew::Renderer::<App>::with_root_and_props(root.clone(), props).render();
        if matches!(build, Build::Visitor) {
            results_loader::unmount_when_replaced(app, root);
        }
    };
    let document = gloo::utils::document();
    let Some(body) = document.body() else { return };
    let Ok(root) = document.create_element("div") else {
        return;
    };
    let prerender = document
        .get_element_by_id("prerender")
        .filter(|p| !p.has_attribute("hidden") && p.first_element_child().is_some());
    let showing = prerender.is_some() && Route::parse(&browser::hash()) == Route::Start;
    let (Some(prerender), true) = (prerender, showing) else {
        if let Some(p) = document.get_element_by_id("prerender") {
            p.remove();
        }
        if body.append_child(&root).is_ok() {
            mount(root, props);
        }
        return;
    };
    if root.set_attribute("hidden", "").is_err() || body.append_child(&root).is_err() {
        return;
    }

    let hand_over = {
        let root = root.clone();
        move || -> bool {
            if !drawn(&root) {
                return false;
            }
            let twin = document
                .active_element()
                .filter(|a| prerender.contains(Some(a.as_ref())))
                .and_then(|a| a.get_attribute("data-twin"));
            prerender.remove();
            let _ = root.remove_attribute("hidden");
            if let Some(el) = twin
                .and_then(|selector| root.query_selector(&selector).ok().flatten())
                .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = el.focus();
            }
            true
        }
    };
    if !when_drawn(&root, hand_over) {
        prerender_fallback(&root);
    }
    mount(root, props);

    fn prerender_fallback(root: &web_sys::Element) {
        if let Some(p) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("prerender"))
        {
            p.remove();
        }
        let _ = root.remove_attribute("hidden");
    }
}

/// Mounts the results build into the questionnaire's page (`results_loader`): hidden, beside
/// the questionnaire's app, which keeps showing "Loading…" until this one has drawn its first
/// page (the clinic settings fetched); then the questionnaire's app unmounts and this one shows
/// in one step, its page heading focused (a page change, as after any click; the shell never
/// moves focus on its first page). The page is never blank and never shows two apps.
pub fn start_in_place(build: Build) {
    let replacing = results_loader::take_loading_mark();
    let document = gloo::utils::document();
    let (Some(body), Ok(root)) = (document.body(), document.create_element("div")) else {
        return;
    };
    if root.set_attribute("hidden", "").is_err() || body.append_child(&root).is_err() {
        return;
    }
    let show = {
        let root = root.clone();
        move || -> bool {
            if !drawn(&root) {
                return false;
            }
            results_loader::unmount_running_app();
            let _ = root.remove_attribute("hidden");
            let focused = document
                .active_element()
                .is_some_and(|a| root.contains(Some(a.as_ref())));
            if replacing && !focused {
                browser::show_new_page("page-heading");
            }
            true
        }
    };
    if !when_drawn(&root, show) {
        results_loader::unmount_running_app();
        let _ = root.remove_attribute("hidden");
    }
    let props = AppProps {
        clinic: None,
        build,
        english: English::default(),
    };
    yew::Renderer::<App>::with_root_and_props(root, props).render();
}

/// The app in `root` has drawn a page: a <main> other than the loading placeholder has content.
fn drawn(root: &web_sys::Element) -> bool {
    matches!(
        root.query_selector("main:not(.app-loading) > *"),
        Ok(Some(_))
    )
}

/// Calls `ready` after each change in `root`'s subtree until it returns true, through a
/// MutationObserver (through js_sys: its callback runs right after the app's DOM changes,
/// before the next paint, whatever the page's clock or visibility). False when the browser
/// has none.
fn when_drawn(root: &web_sys::Element, mut ready: impl FnMut() -> bool + 'static) -> bool {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};

    let on_change =
        Closure::<dyn FnMut(JsValue, JsValue)>::new(move |_: JsValue, observer: JsValue| {
            if ready() {
                if let Some(disconnect) = js_sys::Reflect::get(&observer, &"disconnect".into())
                    .ok()
                    .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
                {
                    let _ = disconnect.call0(&observer);
                }
            }
        });
    let observing = observe_subtree(&gloo::utils::window(), &on_change, root).is_some();
    if observing {
        // Lives as long as the observer (until `ready` disconnects it): one small closure.
        on_change.forget();
    }
    return observing;

    fn observe_subtree(
        window: &web_sys::Window,
        callback: &Closure<dyn FnMut(JsValue, JsValue)>,
        target: &web_sys::Element,
    ) -> Option<()> {
        let class = js_sys::Reflect::get(window, &"MutationObserver".into()).ok()?;
        let class = class.dyn_into::<js_sys::Function>().ok()?;
        let observer =
            js_sys::Reflect::construct(&class, &js_sys::Array::of1(callback.as_ref())).ok()?;
        let observe = js_sys::Reflect::get(&observer, &"observe".into()).ok()?;
        let observe = observe.dyn_into::<js_sys::Function>().ok()?;
        let options = js_sys::Object::new();
        js_sys::Reflect::set(&options, &"childList".into(), &true.into()).ok()?;
        js_sys::Reflect::set(&options, &"subtree".into(), &true.into()).ok()?;
        observe.call2(&observer, target, &options).ok()?;
        Some(())
    }
}
