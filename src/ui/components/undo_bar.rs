//! "Plan deleted — Undo": offered after a delete until the next change. It must not delete
//! anything itself.

use yew::prelude::*;

use crate::state::plans::PlansAction;
use crate::ui::context::{use_app, use_plans};

/// Props of [`UndoBar`] (none).
#[derive(Properties, PartialEq, Clone, Default)]
pub struct UndoBarProps {}

/// The undo offer for the last deleted plan.
#[component(UndoBar)]
pub fn undo_bar(_props: &UndoBarProps) -> Html {
    let ctx = use_app();
    let store = use_plans();
    let offered = store.plans.0.undo.as_ref().map(|(_, p)| p.id.clone());
    use_effect_with(offered, |offered| {
        if offered.is_some() {
            crate::ui::browser::focus_id("undo-button");
        }
    });
    let Some((_, plan)) = &store.plans.0.undo else {
        return html! { <div class="undo-bar undo-bar--empty" role="status"></div> };
    };
    let plans = store.plans.clone();
    let on_undo = Callback::from(move |_: MouseEvent| plans.dispatch(PlansAction::Undo));
    let plans = store.plans.clone();
    let on_dismiss = Callback::from(move |_: MouseEvent| plans.dispatch(PlansAction::ForgetUndo));
    html! {
        <div class="undo-bar" role="status" data-testid="undo-bar">
            <span>{ ctx.f("saved.deleted", &[("label", &plan.label)]) }</span>
            <button class="button button--primary" type="button" id="undo-button" onclick={on_undo} data-testid="undo">{ ctx.t("saved.undo") }</button>
            <button class="button" type="button" onclick={on_dismiss}>{ ctx.t("saved.dismiss") }</button>
        </div>
    }
}
