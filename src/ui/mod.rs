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

/// Mounts the app as `build` (called by each build's `main`), always into an element of its
/// own (so that the results build, loaded later into the questionnaire's page, can take its
/// place: see `results_loader`).
///
/// A release build's `index.html` carries the start page as static HTML (`#prerender`, written
/// by `scripts/prerender.mjs`), readable before the wasm has arrived. When it is showing and the
/// route is the start page, the app renders into a hidden element instead, which takes the
/// prerendered page's place in one step once the app has drawn its first page (the clinic
/// settings loaded), keeping keyboard focus on the same control: the page is never blank and
/// nothing moves. Otherwise (another route, a prerender hidden by its script or missing) the
/// prerender is removed and the app mounts at once.
pub fn start(build: Build, english: English) {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};

    use crate::state::route::Route;

    let replacing = results_loader::replace_running_app();
    let props = AppProps {
        clinic: None,
        build,
        replacing,
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
    let window = gloo::utils::window();
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

    // The app has drawn a page when a <main> other than the loading placeholder has content.
    let hand_over = {
        let root = root.clone();
        move || -> bool {
            let drawn = root.query_selector("main:not(.app-loading) > *");
            if !matches!(drawn, Ok(Some(_))) {
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
    // A MutationObserver (through js_sys: its callback runs right after the app's DOM changes,
    // before the next paint, whatever the page's clock or visibility).
    let on_change =
        Closure::<dyn FnMut(JsValue, JsValue)>::new(move |_: JsValue, observer: JsValue| {
            if hand_over() {
                if let Some(disconnect) = js_sys::Reflect::get(&observer, &"disconnect".into())
                    .ok()
                    .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
                {
                    let _ = disconnect.call0(&observer);
                }
            }
        });
    let observing = observe_subtree(&window, &on_change, &root);
    if observing.is_some() {
        // Lives as long as the observer (until the hand-over disconnects it): one small closure.
        on_change.forget();
    } else {
        prerender_fallback(&root);
    }
    mount(root, props);

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
