//! The saved plans of the builds that show them (the results build, staff mode): the store,
//! its repository over localStorage (sealed when it must be), and the effects that read and
//! write it, provided as a `PlansContext` to the pages inside. IO happens here at the edge, in
//! effects and initialisers; the reducer stays pure. It must not render a page of its own.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::components::StaffIdleLock;
use super::context::{use_app, PlansContext, PlansStore};
use super::sealed_store::SealedStore;
use crate::state::plans::{PlanRepository, PlansAction, PlansState, StoreRepository, PLANS_KEY};

/// Props of [`PlansProvider`].
#[derive(Properties, PartialEq)]
pub struct PlansProviderProps {
    pub children: Html,
}

/// Provides the saved plans to its children. Mounted inside the shell's `<main>`, so a kiosk
/// reset (which remounts it) starts it again: staff mode locked, nothing remembered as saved.
/// The browser store under it is kept across visits (`AppContext::kept`): one store per page,
/// so a write still being sealed at a reset lands in the copy the next visit reads.
#[component(PlansProvider)]
pub fn plans_provider(props: &PlansProviderProps) -> Html {
    let ctx = use_app();
    // localStorage, sealed (compressed, or encrypted by staff) when it must be.
    let sealed: Rc<SealedStore> = {
        let kept = ctx.kept.clone();
        (*use_memo((), move |_| {
            let existing = kept
                .borrow()
                .clone()
                .and_then(|k| k.downcast::<SealedStore>().ok());
            existing.unwrap_or_else(|| {
                let store = Rc::new(SealedStore::new());
                *kept.borrow_mut() = Some(store.clone());
                store
            })
        }))
        .clone()
    };
    let repository: Rc<dyn PlanRepository> = {
        let sealed = sealed.clone();
        (*use_memo(ctx.clinic.clone(), move |clinic| {
            Rc::new(StoreRepository::new(sealed, clinic)) as Rc<dyn PlanRepository>
        }))
        .clone()
    };
    // The store starts from what this device holds, before any page renders.
    let plans = {
        let repository = repository.clone();
        let ready = sealed.ready();
        use_reducer(move || {
            let mut state = PlansState::default();
            // Sealed (compressed) plans are read asynchronously: see the effect below.
            if ready {
                state.apply(PlansAction::Load(repository.load()));
            }
            PlansStore(state)
        })
    };
    {
        let plans = plans.clone();
        let repository = repository.clone();
        let sealed = sealed.clone();
        use_effect_with((), move |_| {
            if !sealed.ready() {
                sealed.finish_opening(move || plans.dispatch(PlansAction::Load(repository.load())));
            }
        });
    }
    let last_saved = use_state(|| None);
    let staff_open = use_state(|| false);
    // Another tab changed the saved plans: read them again rather than write over them.
    {
        let plans = plans.clone();
        let repository = repository.clone();
        let sealed = sealed.clone();
        use_effect_with((), move |_| {
            let listener =
                gloo::events::EventListener::new(&gloo::utils::window(), "storage", move |e| {
                    let key = e.dyn_ref::<web_sys::StorageEvent>().and_then(|s| s.key());
                    if key.as_deref() == Some(PLANS_KEY) {
                        let plans = plans.clone();
                        let repository = repository.clone();
                        sealed.reload(move || plans.dispatch(PlansAction::Load(repository.load())));
                    }
                });
            move || drop(listener)
        });
    }
    // Persist saved plans after each change (never when the store must be protected).
    {
        let plans_handle = plans.clone();
        let repository = repository.clone();
        let sealed = sealed.clone();
        use_effect_with(plans.0.revision, move |rev| {
            if *rev > 0 && plans_handle.0.writable() {
                match repository.save(&plans_handle.0.plans, &plans_handle.0.unconverted) {
                    // Written now, or once sealed (compressed or encrypted): either way, the
                    // outcome is reported only when it is in storage.
                    Ok(()) => {
                        let rev = *rev;
                        sealed.on_written(move |r| match r {
                            Ok(()) => plans_handle.dispatch(PlansAction::Written(rev)),
                            Err(e) => plans_handle.dispatch(PlansAction::WriteFailed(e)),
                        })
                    }
                    Err(e) => plans_handle.dispatch(PlansAction::WriteFailed(e)),
                }
            }
        });
    }
    // Staff mode locked (by hand or idle time): encrypted plans leave memory.
    {
        let plans = plans.clone();
        let repository = repository.clone();
        let sealed = sealed.clone();
        use_effect_with(*staff_open, move |open| {
            if !*open && sealed.lock() {
                plans.dispatch(PlansAction::Load(repository.load()));
            }
        });
    }
    // A kiosk reset unmounts this provider: encrypted plans leave memory then too.
    {
        let sealed = sealed.clone();
        use_effect_with((), move |_| {
            move || {
                sealed.lock();
            }
        });
    }
    let open = *staff_open;
    let lock = {
        let staff_open = staff_open.clone();
        Callback::from(move |_| staff_open.set(false))
    };
    let context = PlansContext {
        plans,
        repository,
        sealed,
        last_saved,
        staff_open,
    };
    html! {
        <ContextProvider<PlansContext> {context}>
            { props.children.clone() }
            if open {
                <StaffIdleLock on_lock={lock} />
            }
        </ContextProvider<PlansContext>>
    }
}
