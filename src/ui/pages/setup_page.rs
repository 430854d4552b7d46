//! The clinic setup page. It must validate with the core's own rules and upload nothing.

use yew::prelude::*;

use crate::ui::context::use_app;

/// Props of [`SetupPage`].
#[derive(Properties, PartialEq, Clone, Default)]
pub struct SetupPageProps {}

/// The setup page.
#[component(SetupPage)]
pub fn setup_page(_props: &SetupPageProps) -> Html {
    let ctx = use_app();
    html! {
        <div class="setup-page" data-testid="setup-page">
            <h1 id="page-heading" tabindex="-1">{ ctx.t("notfound.title") }</h1>
        </div>
    }
}
