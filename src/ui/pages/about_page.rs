//! About: what the advisor is and is not, the evidence, and privacy (nothing leaves the
//! device). It must stay within the clinical brief.

use yew::prelude::*;

use crate::ui::context::use_app;

/// Props of [`AboutPage`] (none).
#[derive(Properties, PartialEq, Clone, Default)]
pub struct AboutPageProps {}

/// The about page.
#[component(AboutPage)]
pub fn about_page(_props: &AboutPageProps) -> Html {
    let ctx = use_app();
    html! {
        <div class="about-page" data-testid="about-page">
            <h1 id="page-heading" tabindex="-1">{ ctx.t("about.title") }</h1>
            <p>{ ctx.t("about.what") }</p>
            <p>{ ctx.t("disclaimer") }</p>
            <h2>{ ctx.t("evidence.title") }</h2>
            <p>{ ctx.t("evidence.note") }</p>
            <p>{ ctx.t("about.evidence_regimen") }</p>
            <p>{ ctx.t("about.evidence_safety") }</p>
            <p>{ ctx.t("about.medical_treatments") }</p>
            <h2>{ ctx.t("about.privacy_title") }</h2>
            <p>{ ctx.t("about.privacy") }</p>
            <p>{ ctx.t("about.privacy_saved") }</p>
            <h2>{ ctx.t("about.rules_title") }</h2>
            <p>{ ctx.t("about.rules") }</p>
            <p class="about-page-setup"><a class="app-link" href="setup/">{ ctx.t("setup.about_link") }</a></p>
        </div>
    }
}
