//! Locks staff mode after a while without input (spec §11), so a tablet left unlocked does
//! not stay open. It watches input at the edge and renders nothing; it must not clear data.

use yew::prelude::*;

/// Minutes without input before staff mode locks itself.
pub const STAFF_IDLE_MINUTES: u32 = 5;

/// Props of [`StaffIdleLock`].
#[derive(Properties, PartialEq, Clone)]
pub struct StaffIdleLockProps {
    pub on_lock: Callback<()>,
}

/// The staff idle lock.
#[component(StaffIdleLock)]
pub fn staff_idle_lock(props: &StaffIdleLockProps) -> Html {
    let last = use_mut_ref(js_sys::Date::now);
    {
        let last = last.clone();
        let on_lock = props.on_lock.clone();
        use_effect_with((), move |_| {
            let w = gloo::utils::window();
            let listeners: Vec<gloo::events::EventListener> =
                ["pointerdown", "keydown", "touchstart", "wheel", "input"]
                    .into_iter()
                    .map(|kind| {
                        let last = last.clone();
                        gloo::events::EventListener::new(&w, kind, move |_| {
                            *last.borrow_mut() = js_sys::Date::now();
                        })
                    })
                    .collect();
            let interval = gloo::timers::callback::Interval::new(5_000, move || {
                let idle = js_sys::Date::now() - *last.borrow();
                if idle >= f64::from(STAFF_IDLE_MINUTES) * 60_000.0 {
                    on_lock.emit(());
                }
            });
            move || {
                drop(listeners);
                drop(interval);
            }
        });
    }
    html! {}
}
