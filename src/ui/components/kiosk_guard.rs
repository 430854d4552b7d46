//! Kiosk mode's idle watch (spec §11): notes the visitor's input, and after the clinic's idle
//! time shows a modal countdown with "I'm still here" (Escape too); when it runs out it asks
//! the shell to clear the visit. It drives `state::kiosk` with the clock at the edge; it must
//! not clear anything itself, and renders nothing unless counting down.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use crate::state::kiosk::{KioskAction, KioskState, Phase};
use crate::ui::context::use_app;

/// Props of [`KioskGuard`].
#[derive(Properties, PartialEq, Clone)]
pub struct KioskGuardProps {
    /// Seconds without input before the countdown (> 0).
    pub idle_seconds: u32,
    /// Clear every trace of the visitor (the shell does it).
    pub on_reset: Callback<()>,
    /// Bumped by the shell after each reset ("Finish and hand back" included), so that the
    /// idle time starts again for the next visitor.
    pub visit: u32,
}

fn now() -> f64 {
    js_sys::Date::now()
}

/// The idle watch and its countdown dialog.
#[component(KioskGuard)]
pub fn kiosk_guard(props: &KioskGuardProps) -> Html {
    let ctx = use_app();
    let state = use_mut_ref(|| KioskState::new(props.idle_seconds, now()));
    // What the view shows: the seconds left while counting down.
    let left = use_state(|| None::<u32>);
    let dialog = use_node_ref();

    // A new visit (after any reset): start the idle time again.
    {
        let state = state.clone();
        let left = left.clone();
        let idle = props.idle_seconds;
        use_effect_with((props.visit, idle), move |_| {
            *state.borrow_mut() = KioskState::new(idle, now());
            left.set(None);
        });
    }
    // Input anywhere counts as activity (no re-render: only the timer reads it).
    {
        let state = state.clone();
        use_effect_with((), move |_| {
            let w = gloo::utils::window();
            let listeners: Vec<gloo::events::EventListener> = [
                "pointerdown",
                "keydown",
                "touchstart",
                "wheel",
                "input",
                "scroll",
            ]
            .into_iter()
            .map(|kind| {
                let state = state.clone();
                gloo::events::EventListener::new(&w, kind, move |_| {
                    state.borrow_mut().apply(KioskAction::RecordActivity(now()));
                })
            })
            .collect();
            move || drop(listeners)
        });
    }
    // The clock: once a second.
    {
        let state = state.clone();
        let left = left.clone();
        let on_reset = props.on_reset.clone();
        use_effect_with((), move |_| {
            let interval = gloo::timers::callback::Interval::new(1000, move || {
                let t = now();
                let mut s = state.borrow_mut();
                s.apply(KioskAction::Tick(t));
                let phase = s.phase;
                let secs = s.seconds_left(t);
                drop(s);
                if phase == Phase::ResetDue {
                    left.set(None);
                    on_reset.emit(());
                } else if *left != secs {
                    left.set(secs);
                }
            });
            move || drop(interval)
        });
    }
    // Open the native modal dialog while counting down (it traps focus and makes the page
    // inert); close it otherwise.
    {
        let dialog = dialog.clone();
        let open = left.is_some();
        use_effect_with(open, move |open| {
            if let Some(d) = dialog.cast::<web_sys::HtmlDialogElement>() {
                if *open && !d.open() {
                    let _ = d.show_modal();
                    crate::ui::browser::focus_id("kiosk-still-here");
                } else if !*open && d.open() {
                    d.close();
                }
            }
        });
    }
    let keep_going: Rc<dyn Fn()> = {
        let state = state.clone();
        let left = left.clone();
        Rc::new(move || {
            state.borrow_mut().apply(KioskAction::KeepGoing(now()));
            left.set(None);
        })
    };
    let on_still_here = {
        let k = keep_going.clone();
        Callback::from(move |_: MouseEvent| k())
    };
    // Escape closes a modal dialog: here it means "I'm still here".
    let on_cancel = {
        let k = keep_going.clone();
        Callback::from(move |e: Event| {
            e.prevent_default();
            k()
        })
    };
    let on_finish = {
        let on_reset = props.on_reset.clone();
        let state: Rc<RefCell<KioskState>> = state.clone();
        Callback::from(move |_: MouseEvent| {
            state.borrow_mut().apply(KioskAction::FinishNow);
            on_reset.emit(());
        })
    };
    let n = (*left).unwrap_or(0);
    // Announce the countdown at a few moments only (every second would drown a screen reader).
    let announce = matches!(n, 30 | 20 | 10 | 5);
    html! {
        <dialog ref={dialog} class="kiosk-guard" aria-labelledby="kiosk-title" aria-describedby="kiosk-text"
                oncancel={on_cancel} data-testid="kiosk-dialog">
            if left.is_some() {
                <h2 id="kiosk-title" class="kiosk-guard-title">{ ctx.t("kiosk.title") }</h2>
                <p id="kiosk-text">{ ctx.t("kiosk.text") }</p>
                <p class="kiosk-guard-count" aria-hidden="true" data-testid="kiosk-seconds">{ ctx.catalog.count("kiosk.seconds", n as usize) }</p>
                <p class="visually-hidden" aria-live="polite">
                    if announce { { ctx.catalog.count("kiosk.seconds", n as usize) } }
                </p>
                <div class="kiosk-guard-actions">
                    <button id="kiosk-still-here" class="button button--primary" type="button" onclick={on_still_here} data-testid="kiosk-still-here">{ ctx.t("kiosk.still_here") }</button>
                    <button class="button" type="button" onclick={on_finish}>{ ctx.t("kiosk.finish_now") }</button>
                </div>
            }
        </dialog>
    }
}
