//! How safe saved plans are on this device: whether the browser keeps storage persistently,
//! how much is used, and the advice to export a backup. It asks for persistent storage once
//! shown; it must not read or write the plans themselves.

use yew::prelude::*;

use crate::ui::context::use_app;
use crate::ui::offline::{storage_info, StorageInfo};

/// What browsers give one site's localStorage (about 5 million characters in Chromium,
/// Firefox and Safari): the saved plans' own budget, whatever the disk has.
const LOCAL_BUDGET_CHARS: f64 = 5_000_000.0;

/// Characters in this site's localStorage (keys and values), as the browsers count them
/// (UTF-16 code units: a JS string's `length`). Measured on the JS side: the values are never
/// copied into the wasm, which for 1,000 plans stored unsealed (2.6 million characters) cost
/// about half of each render of the saved plans at 4x CPU.
fn local_chars() -> Option<f64> {
    use wasm_bindgen::JsCast;

    let s = web_sys::window()?.local_storage().ok()??;
    let n = s.length().ok()?;
    let get_item = js_sys::Reflect::get(&s, &"getItem".into())
        .ok()?
        .dyn_into::<js_sys::Function>()
        .ok()?;
    let mut total = 0u32;
    for i in 0..n {
        if let Ok(Some(k)) = s.key(i) {
            let k = js_sys::JsString::from(k);
            let v = get_item.call1(&s, &k).ok()?;
            total += k.length() + v.dyn_ref::<js_sys::JsString>().map_or(0, |v| v.length());
        }
    }
    Some(f64::from(total))
}

/// Props of [`StorageStatus`] (none).
#[derive(Properties, PartialEq, Clone, Default)]
pub struct StorageStatusProps {}

fn size(bytes: f64) -> (String, &'static str) {
    if bytes >= 1_000_000_000.0 {
        (format!("{:.1}", bytes / 1_000_000_000.0), "storage.gb")
    } else if bytes >= 1_000_000.0 {
        (format!("{:.1}", bytes / 1_000_000.0), "storage.mb")
    } else {
        (format!("{:.0}", (bytes / 1000.0).ceil()), "storage.kb")
    }
}

/// The storage status.
#[component(StorageStatus)]
pub fn storage_status(_props: &StorageStatusProps) -> Html {
    let ctx = use_app();
    let info = use_state(|| None::<StorageInfo>);
    {
        let info = info.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                info.set(Some(storage_info(true).await));
            });
        });
    }
    let Some(i) = *info else {
        return html! {};
    };
    let amount = |b: f64| {
        let (n, key) = size(b);
        ctx.f(key, &[("n", &n)])
    };
    html! {
        <section class="storage-status" aria-labelledby="storage-heading" data-testid="storage-status">
            <h2 id="storage-heading">{ ctx.t("storage.title") }</h2>
            <p data-testid="storage-persistent" data-persistent={i.persistent.map(|p| p.to_string()).unwrap_or_default()}>
                { ctx.t(match i.persistent {
                    Some(true) => "storage.persistent",
                    Some(false) => "storage.not_persistent",
                    None => "storage.unknown",
                }) }
            </p>
            if let (Some(used), Some(quota)) = (i.used, i.quota) {
                <p>{ ctx.f("storage.used", &[("used", &amount(used)), ("quota", &amount(quota))]) }</p>
            }
            if let Some(chars) = local_chars() {
                <p data-testid="storage-plans-share">{ ctx.f("storage.plans_share", &[("percent", &format!("{:.0}", 100.0 * chars / LOCAL_BUDGET_CHARS))]) }</p>
                if chars >= 0.8 * LOCAL_BUDGET_CHARS {
                    <p class="storage-status-warning" role="alert" data-testid="storage-warning">{ ctx.t("storage.nearly_full") }</p>
                }
            }
            <p>{ ctx.t("storage.backup_advice") }</p>
        </section>
    }
}
