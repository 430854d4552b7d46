//! Browser edge for the clinic's tablet: registers the service worker (release builds only),
//! reports a new version that is waiting, activates it only when the visitor asks, and asks
//! for persistent storage and reads how much is used. It must never reload the page by
//! itself (an assessment may be in progress) and never contact another origin.

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use yew::Callback;

thread_local! {
    /// Set when the visitor chose "Reload": only then does a new worker taking control reload.
    static RELOAD_ASKED: Cell<bool> = const { Cell::new(false) };
}

fn container() -> Option<web_sys::ServiceWorkerContainer> {
    let nav = web_sys::window()?.navigator();
    // Absent in insecure contexts (plain http on a LAN address) and old browsers.
    js_sys::Reflect::get(&nav, &"serviceWorker".into())
        .ok()
        .filter(|v| !v.is_undefined())?;
    Some(nav.service_worker())
}

/// While it lives, [`start`]'s listeners act. Dropped (the app unmounts: the questionnaire's,
/// when the results build takes its place in the page and starts its own), they do nothing
/// more: no second hourly check for a new version, no call into an unmounted app. (They stay
/// attached, inert: removing them costs more first-load bytes than the few they hold.)
#[must_use = "dropping it stops the service worker's listeners"]
pub struct Offline(Rc<Cell<bool>>);

impl Drop for Offline {
    fn drop(&mut self) {
        self.0.set(false);
    }
}

/// Registers `sw.js` (release builds) and calls `on_update_ready` when a new version waits,
/// while the returned [`Offline`] lives. Debug builds (`trunk serve`) unregister any worker
/// instead, so development never runs stale cached files.
pub fn start(on_update_ready: Callback<()>, staff_device: bool) -> Offline {
    let live = Rc::new(Cell::new(true));
    let offline = Offline(live.clone());
    let Some(c) = container() else { return offline };
    if cfg!(debug_assertions) {
        wasm_bindgen_futures::spawn_local(async move {
            if let Ok(regs) = JsFuture::from(c.get_registrations()).await {
                for r in js_sys::Array::from(&regs).iter() {
                    if let Ok(r) = r.dyn_into::<web_sys::ServiceWorkerRegistration>() {
                        let _ = r.unregister();
                    }
                }
            }
        });
        return offline;
    }
    // A new worker took control: reload only if the visitor asked for it.
    gloo::events::EventListener::new(&c, "controllerchange", |_| {
        // Set by this build's own "Reload" only.
        if RELOAD_ASKED.with(Cell::get) {
            if let Some(w) = web_sys::window() {
                let _ = w.location().reload();
            }
        }
    })
    .forget();
    wasm_bindgen_futures::spawn_local(async move {
        let Ok(reg) = JsFuture::from(c.register("sw.js")).await else {
            return;
        };
        let Ok(reg) = reg.dyn_into::<web_sys::ServiceWorkerRegistration>() else {
            return;
        };
        // Staff mode is its own page, not precached for every visitor: a device that opens
        // it asks the worker to keep it too (now, and in every later version), so that the
        // clinic's tablet has staff mode offline.
        if staff_device {
            if let Ok(ready) = c.ready() {
                if let Ok(reg) = JsFuture::from(ready).await {
                    if let Some(active) = reg
                        .dyn_into::<web_sys::ServiceWorkerRegistration>()
                        .ok()
                        .and_then(|r| r.active())
                    {
                        let _ = active.post_message(&JsValue::from_str("cache-staff"));
                    }
                }
            }
        }
        let has_controller = {
            let c = c.clone();
            move || c.controller().is_some()
        };
        let on_update_ready = {
            let live = live.clone();
            move || {
                if live.get() {
                    on_update_ready.emit(())
                }
            }
        };
        // A version already waiting from an earlier visit.
        if reg.waiting().is_some() && has_controller() {
            on_update_ready();
        }
        let reg2 = reg.clone();
        gloo::events::EventListener::new(&reg, "updatefound", move |_| {
            let Some(installing) = reg2.installing() else {
                return;
            };
            let worker = installing.clone();
            let ready = on_update_ready.clone();
            let has_controller = has_controller.clone();
            gloo::events::EventListener::new(&installing, "statechange", move |_| {
                // The first install (no controller yet) is not an update.
                if worker.state() == web_sys::ServiceWorkerState::Installed && has_controller() {
                    ready();
                }
            })
            .forget();
        })
        .forget();
        // A tablet may stay open for days: look for a new version now and then.
        let reg3 = reg.clone();
        gloo::timers::callback::Interval::new(60 * 60 * 1000, move || {
            if live.get() {
                let _ = reg3.update();
            }
        })
        .forget();
    });
    offline
}

/// Activates the waiting version ("Reload"): the page reloads once it has taken control.
pub fn apply_update() {
    RELOAD_ASKED.with(|r| r.set(true));
    let Some(c) = container() else { return };
    wasm_bindgen_futures::spawn_local(async move {
        let reg = JsFuture::from(c.get_registration())
            .await
            .ok()
            .and_then(|r| r.dyn_into::<web_sys::ServiceWorkerRegistration>().ok());
        match reg.and_then(|r| r.waiting()) {
            Some(w) => {
                let _ = w.post_message(&JsValue::from_str("skip-waiting"));
            }
            // Nothing waits (already activated elsewhere): a plain reload runs the new one.
            None => {
                if let Some(w) = web_sys::window() {
                    let _ = w.location().reload();
                }
            }
        }
    });
}

/// What the browser says about this site's storage.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct StorageInfo {
    /// Whether storage is persistent (not cleared under pressure); None when unknown.
    pub persistent: Option<bool>,
    /// Bytes used and the quota, when the browser tells.
    pub used: Option<f64>,
    pub quota: Option<f64>,
}

fn storage_manager() -> Option<web_sys::StorageManager> {
    let nav = web_sys::window()?.navigator();
    js_sys::Reflect::get(&nav, &"storage".into())
        .ok()
        .filter(|v| !v.is_undefined())?;
    Some(nav.storage())
}

async fn promise_value(p: Result<js_sys::Promise, JsValue>) -> Option<JsValue> {
    JsFuture::from(p.ok()?).await.ok()
}

/// Asks for persistent storage (when `ask`) and reads the current state.
pub async fn storage_info(ask: bool) -> StorageInfo {
    let Some(m) = storage_manager() else {
        return StorageInfo::default();
    };
    let mut persistent = promise_value(m.persisted()).await.and_then(|v| v.as_bool());
    if ask && persistent == Some(false) {
        persistent = promise_value(m.persist())
            .await
            .and_then(|v| v.as_bool())
            .or(persistent);
    }
    let estimate = promise_value(m.estimate()).await;
    let num = |k: &str| {
        estimate
            .as_ref()
            .and_then(|e| js_sys::Reflect::get(e, &k.into()).ok())
            .and_then(|v| v.as_f64())
    };
    StorageInfo {
        persistent,
        used: num("usage"),
        quota: num("quota"),
    }
}
