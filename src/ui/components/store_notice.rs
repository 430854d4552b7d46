//! Tells in plain words when saved plans cannot be read or written (blocked, full, damaged,
//! newer version, not convertible from an older version) and offers the stored data for
//! download. It must never hide such a state.

use yew::prelude::*;

use crate::state::plans::{StoreError, StoreStatus};
use crate::ui::browser;
use crate::ui::context::{use_app, use_plans};

/// Props of [`StoreNotice`] (none).
#[derive(Properties, PartialEq, Clone, Default)]
pub struct StoreNoticeProps {}

/// The saved-plans store's problems, if any.
#[component(StoreNotice)]
pub fn store_notice(_props: &StoreNoticeProps) -> Html {
    let ctx = use_app();
    let store = use_plans();
    let state = &store.plans.0;
    let read_error = match &state.status {
        StoreStatus::Failed(e) => Some(e.clone()),
        _ => None,
    };
    let export_failed = use_state(|| false);
    let on_export = {
        let export_failed = export_failed.clone();
        let repository = store.repository.clone();
        Callback::from(move |_: MouseEvent| {
            let ok = match repository.raw() {
                Ok(Some(text)) => {
                    browser::download("saved-plans-raw.json", "application/json", &text).is_ok()
                }
                _ => false,
            };
            export_failed.set(!ok);
        })
    };
    let on_export_unconverted = {
        let export_failed = export_failed.clone();
        let records = state.unconverted.clone();
        Callback::from(move |_: MouseEvent| {
            let ok = serde_json::to_string_pretty(&records)
                .map_err(|e| e.to_string())
                .and_then(|text| {
                    browser::download("saved-plans-not-converted.json", "application/json", &text)
                })
                .is_ok();
            export_failed.set(!ok);
        })
    };
    html! {
        <>
            if let Some(e) = read_error {
                <div class="store-notice" role="alert" data-testid="store-error" data-kind={e.message_key()}>
                    <p>{ ctx.t(e.message_key()) }</p>
                    if e.blocks_writes() && !matches!(e, StoreError::Unavailable(_) | StoreError::Locked) {
                        <p>{ ctx.t("store.kept") }</p>
                        <button class="button" type="button" onclick={on_export} data-testid="export-raw">{ ctx.t("store.export_raw") }</button>
                        if *export_failed { <p>{ ctx.t("store.export_failed") }</p> }
                    }
                </div>
            }
            if !state.unconverted.is_empty() {
                <div class="store-notice" role="status" data-testid="store-unconverted">
                    <p>{ ctx.catalog.count("store.unconverted", state.unconverted.len()) }</p>
                    <button class="button" type="button" onclick={on_export_unconverted} data-testid="export-unconverted">{ ctx.t("store.export_unconverted") }</button>
                    if *export_failed { <p>{ ctx.t("store.export_failed") }</p> }
                </div>
            }
            if let Some(e) = &state.write_error {
                <div class="store-notice" role="alert" data-testid="store-write-error" data-kind={e.message_key()}>
                    <p>{ ctx.t(e.message_key()) }</p>
                </div>
            }
        </>
    }
}
