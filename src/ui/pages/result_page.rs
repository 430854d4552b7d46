//! The result of the visitor's own answers: the outcome, and next steps (plan, save, print,
//! contact). It computes the outcome with the core from the draft; it must not add rules.

use std::rc::Rc;

use yew::prelude::*;

use crate::core::outcome::mentions_medical_treatments;
use crate::core::{assess, Answers, Outcome};
use crate::state::plans::{PlansAction, SaveState, SavedPlan, StaffRecord};
use crate::state::route::Route;
use crate::ui::browser;
use crate::ui::components::{ContactCard, OutcomeView, SaveForm, StoreNotice};
use crate::ui::context::{use_app, AppContext};

/// Props of [`ResultPage`] (none).
#[derive(Properties, PartialEq, Clone, Default)]
pub struct ResultPageProps {}

/// The current answers and their outcome, once the draft is complete.
pub type Current = Option<Rc<(Answers, Outcome)>>;

/// The outcome of the current draft, when it is complete.
#[hook]
pub fn use_current_outcome() -> Current {
    let ctx = use_app();
    let answers = ctx.draft.draft.to_answers(ctx.today);
    let catalog = ctx.catalog;
    use_memo(
        (answers, ctx.clinic.clone(), ctx.today),
        move |(answers, clinic, today)| {
            answers
                .as_ref()
                .map(|a| Rc::new((a.clone(), assess(a, clinic, *today).render(catalog))))
        },
    )
    .as_ref()
    .clone()
}

/// Saves the current assessment (id and times stamped here, at the edge), once.
pub fn save_callback(ctx: &AppContext, current: &Current) -> Callback<String> {
    let plans = ctx.plans.clone();
    let last_saved = ctx.last_saved.clone();
    let today = ctx.today;
    let version = ctx.clinic.fingerprint();
    let current = current.clone();
    Callback::from(move |label: String| {
        let Some(cur) = &current else { return };
        let now = browser::now_iso();
        let id = browser::new_id();
        plans.dispatch(PlansAction::Add(Box::new(SavedPlan {
            id: id.clone(),
            label,
            created_at: now.clone(),
            updated_at: now,
            assessed_on: today,
            answers: cur.0.clone(),
            outcome: cur.1.clone(),
            clinic_version: version.clone(),
            staff: StaffRecord::default(),
        })));
        last_saved.set(Some((cur.0.clone(), id)));
    })
}

/// Where these answers' saved plan stands (derived from the store, never assumed).
pub fn saved_state(ctx: &AppContext, current: &Current) -> Option<(String, SaveState)> {
    let (answers, id) = (*ctx.last_saved).clone()?;
    let cur = current.as_ref()?;
    (cur.0 == answers).then(|| (id.clone(), ctx.plans.0.save_state(&id)))
}

/// Writes the saved plans again after a failed write.
pub fn retry_callback(ctx: &AppContext) -> Callback<()> {
    let plans = ctx.plans.clone();
    Callback::from(move |_| plans.dispatch(PlansAction::Retry))
}

/// Redirects to the first unanswered step when the draft is incomplete.
#[hook]
pub fn use_require_complete() {
    let ctx = use_app();
    let first = ctx.draft.draft.first_incomplete_step(ctx.today);
    let navigate = ctx.navigate.clone();
    use_effect_with(first, move |first| {
        if let Some(step) = first {
            navigate.emit(Route::Step(*step));
        }
    });
}

/// The result page.
#[component(ResultPage)]
pub fn result_page(_props: &ResultPageProps) -> Html {
    let ctx = use_app();
    use_require_complete();
    let current = use_current_outcome();
    let Some(cur) = current.clone() else {
        return html! {};
    };
    let (answers, outcome) = (&cur.0, &cur.1);
    let go = |r: Route| {
        let navigate = ctx.navigate.clone();
        Callback::from(move |_: MouseEvent| navigate.emit(r.clone()))
    };
    html! {
        <div class="result-page" data-testid="result-page">
            <OutcomeView outcome={outcome.clone()} medical_treatments={mentions_medical_treatments(answers, outcome)} />
            <section class="result-page-next" aria-labelledby="next-heading">
                <h2 id="next-heading">{ ctx.t("result.next_steps") }</h2>
                <div class="result-page-actions">
                    if outcome.plan.is_some() {
                        <button class="button button--primary" type="button" onclick={go(Route::Plan)} data-testid="see-plan">{ ctx.t("result.see_plan") }</button>
                    }
                    <button class="button" type="button" onclick={Callback::from(|_: MouseEvent| browser::print())}>{ ctx.t("result.print") }</button>
                    <button class="button" type="button" onclick={go(Route::Step(1))}>{ ctx.t("result.change_answers") }</button>
                </div>
                <StoreNotice />
                <SaveForm enabled={ctx.plans.0.writable()} saved={saved_state(&ctx, &current)}
                          on_save={save_callback(&ctx, &current)} on_retry={retry_callback(&ctx)} />
            </section>
            <ContactCard verdict={Some(outcome.verdict)} />
        </div>
    }
}
