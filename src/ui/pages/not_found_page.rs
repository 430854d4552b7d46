//! Shown for an address the app does not know. It must offer a way back.

use yew::prelude::*;

use crate::ui::context::use_app;

/// Props of [`NotFoundPage`] (none).
#[derive(Properties, PartialEq, Clone, Default)]
pub struct NotFoundPageProps {}

/// The not-found page.
#[component(NotFoundPage)]
pub fn not_found_page(_props: &NotFoundPageProps) -> Html {
    let ctx = use_app();
    html! {
        <div class="not-found-page">
            <h1 id="page-heading" tabindex="-1">{ ctx.t("notfound.title") }</h1>
            <p><a class="app-link" href="#/">{ ctx.t("notfound.home") }</a></p>
        </div>
    }
}
