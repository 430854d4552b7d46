//! A shared assessment (`#/s/<code>`), recomputed on this device. It must not send anything anywhere.

use yew::prelude::*;

use crate::ui::context::use_app;

/// Props of [`SharedPage`].
#[derive(Properties, PartialEq, Clone)]
pub struct SharedPageProps {
    pub code: String,
}

/// The shared assessment page.
#[component(SharedPage)]
pub fn shared_page(_props: &SharedPageProps) -> Html {
    let ctx = use_app();
    html! {
        <div class="shared-page" data-testid="shared-page">
            <h1 id="page-heading" tabindex="-1">{ ctx.t("notfound.title") }</h1>
        </div>
    }
}
