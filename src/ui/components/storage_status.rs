//! How safe saved plans are on this device: whether the browser keeps storage persistently,
//! how much is used, and the advice to export a backup. It asks for persistent storage once
//! shown; it must not read or write the plans themselves.

use yew::prelude::*;

use crate::ui::context::use_app;
use crate::ui::offline::{storage_info, StorageInfo};

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
            <p>{ ctx.t("storage.backup_advice") }</p>
        </section>
    }
}
