//! The start page: what the advisor is, the clinic, the disclaimer and Start (or Continue
//! when answers are in progress). It must not collect answers itself.

use yew::prelude::*;

use crate::state::questionnaire::Action;
use crate::state::route::Route;
use crate::ui::context::use_app;

/// Props of [`StartPage`] (none).
#[derive(Properties, PartialEq, Clone, Default)]
pub struct StartPageProps {}

/// The start page.
#[component(StartPage)]
pub fn start_page(_props: &StartPageProps) -> Html {
    let ctx = use_app();
    let in_progress = !ctx.draft.draft.is_empty();
    let on_start = {
        let navigate = ctx.navigate.clone();
        let draft = ctx.draft.clone();
        Callback::from(move |_: MouseEvent| {
            draft.dispatch(Action::Reset);
            navigate.emit(Route::Step(1));
        })
    };
    let on_continue = {
        let navigate = ctx.navigate.clone();
        let next = ctx
            .draft
            .draft
            .first_incomplete_step(ctx.today)
            .map_or(Route::Result, Route::Step);
        Callback::from(move |_: MouseEvent| navigate.emit(next.clone()))
    };
    html! {
        <div class="start-page" data-testid="start-page">
            <h1 id="page-heading" tabindex="-1" class="start-page-title">{ ctx.t("app.title") }</h1>
            <p class="start-page-clinic">{ ctx.clinic.name.clone() }</p>
            <p class="start-page-purpose">{ ctx.t("app.purpose") }</p>
            <ul class="start-page-facts">
                <li>{ ctx.t("app.time_needed") }</li>
                <li>{ ctx.t("app.privacy") }</li>
                <li data-testid="not-emergency">{ ctx.t("app.not_emergency") }</li>
            </ul>
            <p class="start-page-disclaimer" data-testid="disclaimer">{ ctx.t("disclaimer") }</p>
            <div class="start-page-actions">
                if in_progress {
                    <button class="button button--primary" type="button" onclick={on_continue} data-testid="continue-button">{ ctx.t("app.continue") }</button>
                    <button class="button" type="button" onclick={on_start} data-testid="start-button">{ ctx.t("app.start_again") }</button>
                } else {
                    <button class="button button--primary" type="button" onclick={on_start} data-testid="start-button">{ ctx.t("app.start") }</button>
                }
            </div>
            <p class="start-page-links">
                if !ctx.kiosk {
                    <a class="app-link" href="#/saved">{ ctx.t("nav.saved") }</a>{ " · " }
                }
                <a class="app-link" href="#/about">{ ctx.t("nav.about") }</a>
            </p>
        </div>
    }
}
