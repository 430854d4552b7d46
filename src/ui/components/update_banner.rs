//! The polite "A new version is ready — Reload" banner. It must never reload by itself:
//! only the visitor's click activates the waiting version.

use yew::prelude::*;

use crate::ui::context::use_app;

/// Props of [`UpdateBanner`].
#[derive(Properties, PartialEq, Clone)]
pub struct UpdateBannerProps {
    /// "Reload": activate the new version.
    pub on_reload: Callback<()>,
    /// "Later": hide the banner for now.
    pub on_dismiss: Callback<()>,
}

/// The update banner.
#[component(UpdateBanner)]
pub fn update_banner(props: &UpdateBannerProps) -> Html {
    let ctx = use_app();
    let reload = props.on_reload.reform(|_: MouseEvent| ());
    let dismiss = props.on_dismiss.reform(|_: MouseEvent| ());
    html! {
        <div class="update-banner" role="status" data-testid="update-banner">
            <p class="update-banner-text">{ ctx.t("update.ready") }</p>
            <div class="update-banner-actions">
                <button class="button button--primary" type="button" onclick={reload} data-testid="update-reload">{ ctx.t("update.reload") }</button>
                <button class="button" type="button" onclick={dismiss}>{ ctx.t("update.later") }</button>
            </div>
        </div>
    }
}
