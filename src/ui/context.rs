//! The contexts pages read: the app context (clinic settings, catalog, today, the route, the
//! questionnaire store), and the saved-plans context of the builds that show saved plans.
//! It must not do IO; the shell's and the plans provider's hooks do.

use std::rc::Rc;

use chrono::NaiveDate;
use yew::prelude::*;

use crate::core::{Answers, Catalog, Clinic};
use crate::state::plans::{PlanRepository, PlansAction, PlansState};
use crate::state::questionnaire::{Action, Draft};
use crate::state::route::Route;

/// The questionnaire store (Yew reducer over [`Draft::apply`]).
#[derive(Debug, Clone, Default)]
pub struct DraftStore {
    pub draft: Draft,
    /// Bumped on every change, so the edge knows when to persist.
    pub revision: u64,
}

/// Two states of the one store are equal when no change came between them: every change
/// bumps the revision, so this says what comparing the drafts would, without a comparison of
/// every answer on each render.
impl PartialEq for DraftStore {
    fn eq(&self, other: &Self) -> bool {
        self.revision == other.revision
    }
}

impl Reducible for DraftStore {
    type Action = Action;
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        next.draft.apply(action);
        next.revision += 1;
        Rc::new(next)
    }
}

/// The saved-plans store (Yew reducer over [`PlansState::apply`]).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PlansStore(pub PlansState);

impl Reducible for PlansStore {
    type Action = PlansAction;
    fn reduce(self: Rc<Self>, action: PlansAction) -> Rc<Self> {
        let mut next = (*self).clone();
        next.0.apply(action);
        Rc::new(next)
    }
}

/// Everything pages share.
#[derive(Clone)]
pub struct AppContext {
    pub clinic: Rc<Clinic>,
    pub catalog: &'static Catalog,
    pub today: NaiveDate,
    pub route: Route,
    pub draft: UseReducerHandle<DraftStore>,
    /// Goes to a route (adds a history entry).
    pub navigate: Callback<Route>,
    /// A step the visitor was sent back to because of a problem: it opens with the
    /// problem shown and focused.
    pub reveal_step: UseStateHandle<Option<u8>>,
    /// Kiosk mode (a shared tablet): saved plans are not shown to visitors.
    pub kiosk: bool,
    /// Clears every trace of the visitor and shows the start page ("Finish and hand back").
    pub finish_visit: Callback<()>,
    /// Shows the app in another language (its catalog is loaded first).
    pub set_language: Callback<String>,
    /// What a build keeps across visits (a kiosk reset remounts the pages): the plans
    /// provider keeps its browser store here, so a write still being sealed when a visit ends
    /// is not lost. Opaque to the shell.
    pub kept: Rc<std::cell::RefCell<Option<Rc<dyn std::any::Any>>>>,
}

impl PartialEq for AppContext {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.clinic, &other.clinic)
            && std::ptr::eq(self.catalog, other.catalog)
            && self.today == other.today
            && self.route == other.route
            && self.draft == other.draft
            && self.reveal_step == other.reveal_step
            && self.kiosk == other.kiosk
            && self.finish_visit == other.finish_visit
            && self.set_language == other.set_language
            && Rc::ptr_eq(&self.kept, &other.kept)
    }
}

impl AppContext {
    /// A catalog text.
    pub fn t(&self, key: &str) -> String {
        self.catalog.t(key)
    }

    /// A catalog text with placeholders.
    pub fn f(&self, key: &str, args: &[(&str, &str)]) -> String {
        self.catalog.f(key, args)
    }

    /// Sends the visitor to a step with a problem, shown there.
    pub fn send_to_problem(&self, step: u8) {
        self.reveal_step.set(Some(step));
        self.navigate.emit(Route::Step(step));
    }
}

/// The app context (inside the shell).
#[hook]
pub fn use_app() -> AppContext {
    use_context::<AppContext>().expect("pages are rendered inside the app shell")
}

/// The saved plans, for the builds that show them (the results build, staff mode): provided
/// by `ui::plans_provider::PlansProvider` around their pages. The questionnaire's own build
/// (`index.html`) has none, so that its wasm carries no storage format.
#[derive(Clone)]
pub struct PlansContext {
    pub plans: UseReducerHandle<PlansStore>,
    /// Where saved plans are stored (localStorage in the app, in memory in tests).
    pub repository: Rc<dyn PlanRepository>,
    /// The browser store under the repository: sealing, and encryption's lock and unlock.
    pub sealed: Rc<crate::ui::sealed_store::SealedStore>,
    /// The answers last saved in this session and the id they were saved under (so the
    /// result and plan pages agree that they are saved, and never save them twice).
    pub last_saved: UseStateHandle<Option<(Answers, String)>>,
    /// Staff mode is unlocked in this tab (locked again on idle and on every kiosk reset).
    pub staff_open: UseStateHandle<bool>,
}

impl PartialEq for PlansContext {
    fn eq(&self, other: &Self) -> bool {
        self.plans == other.plans
            && Rc::ptr_eq(&self.repository, &other.repository)
            && Rc::ptr_eq(&self.sealed, &other.sealed)
            && self.last_saved == other.last_saved
            && self.staff_open == other.staff_open
    }
}

/// The saved-plans context (inside a `PlansProvider`).
#[hook]
pub fn use_plans() -> PlansContext {
    use_context::<PlansContext>().expect("this page is rendered inside the plans provider")
}
