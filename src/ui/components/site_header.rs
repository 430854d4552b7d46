//! The site header: clinic name (and logo), and navigation to start, saved plans and about.
//! It must not hold page content.

use yew::prelude::*;

use crate::state::route::Route;
use crate::ui::context::use_app;

use super::language_picker::LanguagePicker;

/// Props of [`SiteHeader`] (none).
#[derive(Properties, PartialEq, Clone, Default)]
pub struct SiteHeaderProps {}

/// The header on every page.
#[component(SiteHeader)]
pub fn site_header(_props: &SiteHeaderProps) -> Html {
    let ctx = use_app();
    let link = |route: Route, key: &str| {
        let current = ctx.route == route
            || matches!(
                (&ctx.route, &route),
                (Route::SavedPlan(_), Route::Saved) | (Route::Step(_), Route::Start)
            );
        html! {
            <a class="site-header-link" href={format!("#{}", route.hash())}
               aria-current={current.then_some("page")}>{ ctx.t(key) }</a>
        }
    };
    html! {
        <header class="site-header">
            <a class="site-header-brand" href="#/">
                if let Some(logo) = &ctx.clinic.logo {
                    <img class="site-header-logo" src={logo.clone()} alt="" width="32" height="32" />
                }
                <span class="site-header-name">{ ctx.clinic.name.clone() }</span>
            </a>
            <nav class="site-header-nav" aria-label={ctx.t("nav.main")}>
                { link(Route::Start, "nav.start") }
                if !ctx.kiosk { { link(Route::Saved, "nav.saved") } }
                { link(Route::About, "nav.about") }
            </nav>
            <LanguagePicker />
        </header>
    }
}
