//! Unlocking staff mode: set a passcode on first use (twice, at least 6 characters), then
//! unlock with it; wrong tries back off 1 s, 2 s, 4 s… shown as a countdown. The passcode is
//! checked through `ui::staff_auth` (WebCrypto PBKDF2); it must never be stored or logged.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::state::plans::PlansAction;
use crate::state::staff::{passcode_ok, Backoff};
use crate::ui::context::{use_app, use_plans};
use crate::ui::staff_auth;

/// Props of [`StaffUnlock`] (none).
#[derive(Properties, PartialEq, Clone, Default)]
pub struct StaffUnlockProps {}

fn value(r: &NodeRef) -> String {
    r.cast::<HtmlInputElement>()
        .map(|i| i.value())
        .unwrap_or_default()
}

fn clear(refs: &[&NodeRef]) {
    for r in refs {
        if let Some(i) = r.cast::<HtmlInputElement>() {
            i.set_value("");
        }
    }
}

/// The unlock (or first-use) form.
#[component(StaffUnlock)]
pub fn staff_unlock(_props: &StaffUnlockProps) -> Html {
    let ctx = use_app();
    let store = use_plans();
    let secret = use_state(staff_auth::stored);
    let message = use_state(|| None::<String>);
    let busy = use_state(|| false);
    let backoff = use_mut_ref(Backoff::default);
    let wait = use_state(|| 0u32);
    let first = use_node_ref();
    let second = use_node_ref();
    // The countdown of the back-off.
    {
        let backoff = backoff.clone();
        let wait = wait.clone();
        use_effect_with((), move |_| {
            let i = gloo::timers::callback::Interval::new(250, move || {
                let left = backoff.borrow().seconds_left(js_sys::Date::now());
                if *wait != left {
                    wait.set(left);
                }
            });
            move || drop(i)
        });
    }
    if !staff_auth::available() {
        return html! {
            <div class="staff-unlock" data-testid="staff-insecure">
                <h1 id="page-heading" tabindex="-1">{ ctx.t("staff.title") }</h1>
                <p>{ ctx.t("staff.insecure") }</p>
            </div>
        };
    }
    let set_new = matches!(*secret, Ok(None));
    if let Err(why) = &*secret {
        return html! {
            <div class="staff-unlock" data-testid="staff-damaged">
                <h1 id="page-heading" tabindex="-1">{ ctx.t("staff.title") }</h1>
                <p role="alert">{ ctx.t("staff.secret_damaged") }</p>
                <p class="staff-unlock-detail">{ why.clone() }</p>
            </div>
        };
    }
    let onsubmit = {
        let (first, second) = (first.clone(), second.clone());
        let message = message.clone();
        let busy = busy.clone();
        let backoff = backoff.clone();
        let secret_state = secret.clone();
        let staff_open = store.staff_open.clone();
        let catalog = ctx.catalog;
        let (sealed, plans, repository) = (
            store.sealed.clone(),
            store.plans.clone(),
            store.repository.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if *busy {
                return;
            }
            let code = value(&first);
            if set_new {
                if !passcode_ok(&code) {
                    message.set(Some(catalog.t("staff.passcode.too_short")));
                    return;
                }
                if code != value(&second) {
                    message.set(Some(catalog.t("staff.passcode.mismatch")));
                    return;
                }
            } else if backoff.borrow().seconds_left(js_sys::Date::now()) > 0 {
                return;
            }
            busy.set(true);
            message.set(None);
            let (first, second) = (first.clone(), second.clone());
            let message = message.clone();
            let busy = busy.clone();
            let backoff = backoff.clone();
            let secret_state = secret_state.clone();
            let staff_open = staff_open.clone();
            let (sealed, plans, repository) = (sealed.clone(), plans.clone(), repository.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let outcome = if set_new {
                    staff_auth::set_passcode(&code).await.map(|()| true)
                } else if let Ok(Some(s)) = &*secret_state {
                    staff_auth::check(&code, s).await
                } else {
                    Ok(false)
                };
                clear(&[&first, &second]);
                busy.set(false);
                match outcome {
                    Ok(true) => {
                        backoff.borrow_mut().succeed();
                        secret_state.set(staff_auth::stored());
                        // Encrypted plans open with the same passcode (a failure is shown
                        // by the store notice; the stored text stays as it is).
                        if sealed.locked() {
                            let opened = sealed.unlock(&code).await;
                            plans.dispatch(PlansAction::Load(
                                opened.and_then(|()| repository.load()),
                            ));
                        }
                        staff_open.set(true);
                    }
                    Ok(false) => {
                        backoff.borrow_mut().fail(js_sys::Date::now());
                        message.set(Some(catalog.t("staff.passcode.wrong")));
                    }
                    Err(why) => {
                        message.set(Some(catalog.f("staff.passcode.error", &[("why", &why)])))
                    }
                }
            });
        })
    };
    let waiting = *wait > 0 && !set_new;
    html! {
        <div class="staff-unlock" data-testid="staff-unlock">
            <h1 id="page-heading" tabindex="-1">{ ctx.t("staff.title") }</h1>
            <p>{ ctx.t(if set_new { "staff.passcode.first_use" } else { "staff.passcode.locked" }) }</p>
            <form class="staff-unlock-form" {onsubmit} novalidate=true>
                <label for="staff-passcode">{ ctx.t(if set_new { "staff.passcode.new" } else { "staff.passcode.label" }) }</label>
                <input id="staff-passcode" ref={first} type="password" autocomplete={if set_new { "new-password" } else { "current-password" }}
                       minlength="6" required=true aria-describedby="staff-passcode-help" />
                <p id="staff-passcode-help" class="staff-unlock-help">{ ctx.t("staff.passcode.help") }</p>
                if set_new {
                    <label for="staff-passcode-again">{ ctx.t("staff.passcode.again") }</label>
                    <input id="staff-passcode-again" ref={second} type="password" autocomplete="new-password" minlength="6" required=true />
                }
                <p class="staff-unlock-message" role="status" data-testid="staff-message">
                    if waiting { { ctx.catalog.count("staff.passcode.wait", *wait as usize) } }
                    else if let Some(m) = &*message { { m.clone() } }
                </p>
                <button class="button button--primary" type="submit" disabled={*busy || waiting} data-testid="staff-submit">
                    { ctx.t(if set_new { "staff.passcode.set" } else { "staff.passcode.unlock" }) }
                </button>
            </form>
        </div>
    }
}
