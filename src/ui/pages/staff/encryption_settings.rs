//! Staff mode's choice to encrypt the saved plans on this device (spec §11): on (after the
//! warning that a forgotten passcode cannot be recovered, and the offer of a backup, with the
//! passcode entered again) or off (written back unencrypted). Shown as unavailable, with the
//! reason, without WebCrypto (plain http) or without a staff passcode. It must not keep the
//! passcode after the request, and does its IO only through `ui::sealed_store`.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::state::plans::PlansAction;
use crate::ui::browser;
use crate::ui::context::{use_app, use_plans};
use crate::ui::staff_auth;

/// Props of [`EncryptionSettings`] (none).
#[derive(Properties, PartialEq, Clone, Default)]
pub struct EncryptionSettingsProps {}

/// The encryption section of the patient list.
#[component(EncryptionSettings)]
pub fn encryption_settings(_props: &EncryptionSettingsProps) -> Html {
    let ctx = use_app();
    let store = use_plans();
    // Bumped after a change, to read the store's state again.
    let version = use_state(|| 0u32);
    let asking = use_state(|| false);
    let busy = use_state(|| false);
    let message = use_state(|| None::<String>);
    let passcode = use_node_ref();
    let on = store.sealed.encrypted();
    let reason = if !staff_auth::available() {
        Some("encryption.unavailable.insecure")
    } else if !ctx.clinic.kiosk.staff_passcode {
        Some("encryption.unavailable.no_passcode")
    } else {
        None
    };
    let on_backup = {
        let plans = store.plans.0.plans.clone();
        let unconverted = store.plans.0.unconverted.clone();
        let message = message.clone();
        let catalog = ctx.catalog;
        Callback::from(move |_: MouseEvent| {
            let ok = browser::download_backup(&plans, &unconverted);
            message.set(Some(catalog.t(if ok.is_ok() {
                "backup.exported"
            } else {
                "saved.backup_failed"
            })));
        })
    };
    let on_turn_on = {
        let sealed = store.sealed.clone();
        let passcode = passcode.clone();
        let (busy, message, asking, version) = (
            busy.clone(),
            message.clone(),
            asking.clone(),
            version.clone(),
        );
        let catalog = ctx.catalog;
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if *busy {
                return;
            }
            let input = passcode.cast::<HtmlInputElement>();
            let code = input.as_ref().map(|i| i.value()).unwrap_or_default();
            if let Some(i) = input {
                i.set_value("");
            }
            busy.set(true);
            let sealed = sealed.clone();
            let (busy, message, asking, version) = (
                busy.clone(),
                message.clone(),
                asking.clone(),
                version.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                let right = match staff_auth::stored() {
                    Ok(Some(s)) => staff_auth::check(&code, &s).await.unwrap_or(false),
                    _ => false,
                };
                let outcome = if !right {
                    Err(catalog.t("staff.passcode.wrong"))
                } else {
                    sealed
                        .enable(&code)
                        .await
                        .map_err(|e| catalog.t(e.message_key()))
                };
                busy.set(false);
                match outcome {
                    Ok(()) => {
                        asking.set(false);
                        message.set(Some(catalog.t("encryption.turned_on")));
                    }
                    Err(m) => message.set(Some(m)),
                }
                version.set(*version + 1);
            });
        })
    };
    let on_turn_off = {
        let sealed = store.sealed.clone();
        let (busy, message, version) = (busy.clone(), message.clone(), version.clone());
        let plans = store.plans.clone();
        let catalog = ctx.catalog;
        Callback::from(move |_: MouseEvent| {
            busy.set(true);
            let sealed = sealed.clone();
            let (busy, message, version) = (busy.clone(), message.clone(), version.clone());
            let plans = plans.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let outcome = sealed.disable().await;
                busy.set(false);
                message.set(Some(match outcome {
                    Ok(()) => catalog.t("encryption.turned_off"),
                    Err(e) => {
                        let key = e.message_key();
                        plans.dispatch(PlansAction::WriteFailed(e));
                        catalog.t(key)
                    }
                }));
                version.set(*version + 1);
            });
        })
    };
    html! {
        <section class="encryption-settings" aria-labelledby="encryption-heading" data-testid="encryption" data-on={on.to_string()}>
            <h2 id="encryption-heading">{ ctx.t("encryption.title") }</h2>
            if let Some(r) = reason {
                <p data-testid="encryption-unavailable">{ ctx.t(r) }</p>
            } else if on {
                <p data-testid="encryption-status">{ ctx.t("encryption.on") }</p>
                <p>{ ctx.t("encryption.backups_plain") }</p>
                <button class="button" type="button" onclick={on_turn_off} disabled={*busy} data-testid="encryption-off">{ ctx.t("encryption.turn_off") }</button>
            } else {
                <p data-testid="encryption-status">{ ctx.t("encryption.off") }</p>
                if *asking {
                    <form class="staff-form" onsubmit={on_turn_on} novalidate=true data-testid="encryption-form">
                        <p class="encryption-settings-warning" role="note">{ ctx.t("encryption.warning") }</p>
                        <button class="button" type="button" onclick={on_backup} data-testid="encryption-backup">{ ctx.t("saved.backup") }</button>
                        <label for="encryption-passcode">{ ctx.t("encryption.passcode") }</label>
                        <input id="encryption-passcode" ref={passcode} type="password" autocomplete="current-password" required=true />
                        <button class="button button--primary" type="submit" disabled={*busy} data-testid="encryption-confirm">{ ctx.t("encryption.turn_on") }</button>
                        <button class="button" type="button" onclick={{ let a = asking.clone(); Callback::from(move |_: MouseEvent| a.set(false)) }}>{ ctx.t("saved.cancel") }</button>
                    </form>
                } else {
                    <button class="button" type="button" onclick={{ let a = asking.clone(); Callback::from(move |_: MouseEvent| a.set(true)) }} data-testid="encryption-on">{ ctx.t("encryption.turn_on_ellipsis") }</button>
                }
            }
            <p class="encryption-settings-message" role="status" data-testid="encryption-message">{ (*message).clone().unwrap_or_default() }</p>
        </section>
    }
}
