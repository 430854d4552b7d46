//! The results build (`src/bin/results.rs`): every visitor page, with the saved plans. The
//! questionnaire's build (`index.html`) loads it into the same page when the visitor asks for
//! a result, a plan, the saved plans, a shared assessment, the letter or About
//! (`ui::results_loader`), so
//! that the first load carries only the questionnaire. It must not hold page logic of its own.

use yew::prelude::*;

use super::{
    AboutPage, LetterPage, PlanPage, ResultPage, SavedListPage, SavedPlanPage, SharedPage,
};
use crate::state::route::Route;
use crate::ui::app::questionnaire_page;
use crate::ui::plans_provider::PlansProvider;
use crate::ui::{Build, PageFn};

/// The results build: every visitor page, inside the saved plans' provider (which stays
/// mounted from page to page, so the result and plan pages agree on what is saved).
pub const RESULTS: Build = Build::Results(PageFn(results_page));

fn results_page(route: &Route) -> Html {
    let page = questionnaire_page(route).unwrap_or_else(|| match route {
        Route::Result => html! { <ResultPage /> },
        Route::Plan => html! { <PlanPage /> },
        Route::Saved => html! { <SavedListPage /> },
        Route::SavedPlan(id) => html! { <SavedPlanPage id={id.clone()} /> },
        Route::Shared(code) => html! { <SharedPage code={code.clone()} /> },
        Route::Letter => html! { <LetterPage /> },
        Route::About => html! { <AboutPage /> },
        // Staff mode is its own build (the shell opens it).
        _ => html! {},
    });
    html! { <PlansProvider>{ page }</PlansProvider> }
}

/// Mounts the results build, in place of the questionnaire's app in the same page
/// (`ui::results_loader`).
pub fn start_results() {
    crate::ui::start_in_place(RESULTS);
}
