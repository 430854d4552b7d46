//! The root component: loads the clinic settings, then runs the shell (route, stores,
//! persistence effects, focus on page change) around the current page. IO happens here at
//! the edge, in effects; the stores' reducers stay pure.

use std::rc::Rc;

use yew::prelude::*;

use super::browser;
use super::components::{ConfigError, SiteHeader};
use super::config::{load_clinic, ClinicLoad};
use super::context::{AppContext, DraftStore, PlansStore};
use super::pages::{
    AboutPage, NotFoundPage, PlanPage, ResultPage, SavedListPage, SavedPlanPage, StartPage,
    StepPage,
};
use super::storage::{self, DraftLoad, LocalStorageRepository};
use crate::core::{Catalog, Clinic};
use crate::state::plans::{PlanRepository, PlansAction, PlansState};
use crate::state::route::Route;

/// Props of [`App`].
#[derive(Properties, PartialEq, Clone, Default)]
pub struct AppProps {
    /// Settings to use instead of fetching `clinic.json` (tests and embedding).
    #[prop_or_default]
    pub clinic: Option<Rc<Clinic>>,
}

/// The application root.
#[component(App)]
pub fn app(props: &AppProps) -> Html {
    let loaded = use_state(|| {
        props
            .clinic
            .clone()
            .map(|c| ClinicLoad::FromFile((*c).clone()))
    });
    {
        let loaded = loaded.clone();
        use_effect_with((), move |_| {
            if loaded.is_none() {
                yew::platform::spawn_local(async move { loaded.set(Some(load_clinic().await)) });
            }
        });
    }
    match &*loaded {
        None => html! { <main class="app-loading" aria-busy="true"></main> },
        Some(ClinicLoad::Refused(lines)) => html! { <ConfigError lines={lines.clone()} /> },
        Some(ClinicLoad::FromFile(c)) => html! { <Shell clinic={Rc::new(c.clone())} /> },
        Some(ClinicLoad::Default(_)) => html! { <Shell clinic={Rc::new(Clinic::default())} /> },
    }
}

#[derive(Properties, PartialEq, Clone)]
struct ShellProps {
    clinic: Rc<Clinic>,
}

#[component(Shell)]
fn shell(props: &ShellProps) -> Html {
    let catalog = Catalog::for_language(&props.clinic.languages.default);
    let today = *use_state(browser::today);
    let route = use_state(|| Route::parse(&browser::hash()));
    // Stores start from what this device holds, before any page renders (a refresh on a step
    // or on the result keeps the visitor's place).
    let draft_load = use_memo((), |_| storage::load_draft());
    let restore_notice = matches!(*draft_load, DraftLoad::Unreadable);
    let draft = use_reducer(|| DraftStore {
        draft: match &*draft_load {
            DraftLoad::Restored(d) => d.clone(),
            _ => Default::default(),
        },
        revision: 0,
    });
    let plans = use_reducer(|| {
        let mut state = PlansState::default();
        state.apply(PlansAction::Load(LocalStorageRepository.load()));
        PlansStore(state)
    });
    let draft_error = use_state(|| None::<String>);

    // Route: follow the hash (links, back/forward, refresh).
    {
        let route = route.clone();
        use_effect_with((), move |_| {
            let listener =
                gloo::events::EventListener::new(&gloo::utils::window(), "hashchange", move |_| {
                    route.set(Route::parse(&browser::hash()));
                });
            move || drop(listener)
        });
    }
    // Clinic look: accent colour and title.
    {
        let clinic = props.clinic.clone();
        use_effect_with(clinic, move |c| {
            browser::set_accent(&c.accent_colour);
        });
    }
    // Persist the draft after each change.
    {
        let draft_error = draft_error.clone();
        use_effect_with(draft.clone(), move |d| {
            if d.revision > 0 {
                let result = if d.draft == Default::default() {
                    storage::clear_draft();
                    Ok(())
                } else {
                    storage::save_draft(&d.draft)
                };
                draft_error.set(result.err().map(|e| e.message_key().to_string()));
            }
        });
    }
    // Persist saved plans after each change (never when the store must be protected).
    {
        let plans_handle = plans.clone();
        let revision = plans.0.revision;
        use_effect_with(revision, move |rev| {
            if *rev > 0 && plans_handle.0.writable() {
                match LocalStorageRepository.save(&plans_handle.0.plans) {
                    Ok(()) => plans_handle.dispatch(PlansAction::Written(*rev)),
                    Err(e) => plans_handle.dispatch(PlansAction::WriteFailed(e)),
                }
            }
        });
    }
    // Page change: title, scroll to top, focus the page heading (not on first load).
    {
        let first = use_mut_ref(|| true);
        let route_now = (*route).clone();
        let title = catalog.t("app.title");
        use_effect_with(route_now, move |_| {
            browser::set_title(&title);
            if std::mem::replace(&mut *first.borrow_mut(), false) {
                return;
            }
            if let Some(w) = web_sys::window() {
                w.scroll_to_with_x_and_y(0.0, 0.0);
            }
            browser::focus_id("page-heading");
        });
    }

    let navigate = {
        let route = route.clone();
        Callback::from(move |r: Route| {
            let hash = r.hash();
            if browser::hash() == hash {
                route.set(r);
            } else {
                browser::set_hash(&hash);
            }
        })
    };
    let ctx = AppContext {
        clinic: props.clinic.clone(),
        catalog,
        today,
        route: (*route).clone(),
        draft,
        plans,
        navigate,
    };
    let page = match &*route {
        Route::Start => html! { <StartPage /> },
        Route::Step(n) => html! { <StepPage step={*n} /> },
        Route::Result => html! { <ResultPage /> },
        Route::Plan => html! { <PlanPage /> },
        Route::Saved => html! { <SavedListPage /> },
        Route::SavedPlan(id) => html! { <SavedPlanPage id={id.clone()} /> },
        Route::About => html! { <AboutPage /> },
        Route::NotFound => html! { <NotFoundPage /> },
    };
    let notices = html! {
        <>
            if restore_notice {
                <p class="app-notice" role="status">{ catalog.t("draft.unreadable") }</p>
            }
            if let Some(key) = &*draft_error {
                <p class="app-notice" role="status">{ catalog.t(key) }{ " " }{ catalog.t("draft.not_kept") }</p>
            }
        </>
    };
    html! {
        <ContextProvider<AppContext> context={ctx}>
            <a class="app-skip" href="#page-heading" onclick={Callback::from(|e: MouseEvent| { e.prevent_default(); browser::focus_id("page-heading"); })}>
                { catalog.t("nav.skip") }
            </a>
            <SiteHeader />
            <div class="print-header" aria-hidden="true">
                <span>{ props.clinic.name.clone() }</span>
                <span>{ catalog.date(today) }</span>
            </div>
            <main class="app-main" id="main">
                { notices }
                { page }
            </main>
            <footer class="app-footer">
                <p>{ catalog.t("disclaimer") }</p>
                <p>{ catalog.t("app.privacy") }</p>
            </footer>
        </ContextProvider<AppContext>>
    }
}
