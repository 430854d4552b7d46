//! The result of the visitor's own answers: the outcome, and next steps (plan, save, print,
//! contact). It computes the outcome with the core from the draft; it must not add rules.

use std::rc::Rc;

use yew::prelude::*;

use crate::core::export::{fhir, ics, share};
use crate::core::outcome::mentions_medical_treatments;
use crate::core::planner::PlanKind;
use crate::core::rules::Effect;
use crate::core::{assess, Answers, Evaluation};
use crate::state::plans::{PlansAction, SaveState, SavedPlan};
use crate::state::route::Route;
use crate::ui::browser;
use crate::ui::components::{
    share_link, ConsultationChecklist, ContactCard, ExportButtons, OutcomeView, SafetyInfo,
    SaveForm, SharePanel, StoreNotice,
};
use crate::ui::context::{use_app, use_plans, AppContext, PlansContext};

/// Props of [`ResultPage`] (none).
#[derive(Properties, PartialEq, Clone, Default)]
pub struct ResultPageProps {}

/// The current answers and their typed evaluation, once the draft is complete.
pub type Current = Option<Rc<(Answers, Rc<Evaluation>)>>;

/// The evaluation of the current draft, when it is complete.
#[hook]
pub fn use_current_outcome() -> Current {
    let ctx = use_app();
    let answers = ctx.draft.draft.to_answers(ctx.today);
    use_memo(
        (answers, ctx.clinic.clone(), ctx.today),
        move |(answers, clinic, today)| {
            answers
                .as_ref()
                .map(|a| Rc::new((a.clone(), Rc::new(assess(a, clinic, *today)))))
        },
    )
    .as_ref()
    .clone()
}

/// Saves the current assessment (id and times stamped here, at the edge), once.
pub fn save_callback(
    ctx: &AppContext,
    store: &PlansContext,
    current: &Current,
) -> Callback<String> {
    let plans = store.plans.clone();
    let last_saved = store.last_saved.clone();
    let today = ctx.today;
    let clinic = ctx.clinic.clone();
    let smooth_area_unsure = ctx.draft.draft.no_regrowth_unsure;
    let current = current.clone();
    Callback::from(move |label: String| {
        let Some(cur) = &current else { return };
        let id = browser::new_id();
        let mut plan = SavedPlan::new(
            id.clone(),
            label,
            browser::now_iso(),
            cur.0.clone(),
            &clinic,
            today,
        );
        // The very evaluation shown (the same answers, settings and day).
        plan.evaluation = (*cur.1).clone();
        plan.smooth_area_unsure = smooth_area_unsure;
        plans.dispatch(PlansAction::Add(Box::new(plan)));
        last_saved.set(Some((cur.0.clone(), id)));
    })
}

/// Where these answers' saved plan stands (derived from the store, never assumed).
pub fn saved_state(store: &PlansContext, current: &Current) -> Option<(String, SaveState)> {
    let (answers, id) = (*store.last_saved).clone()?;
    let cur = current.as_ref()?;
    (cur.0 == answers).then(|| (id.clone(), store.plans.0.save_state(&id)))
}

/// Writes the saved plans again after a failed write.
pub fn retry_callback(store: &PlansContext) -> Callback<()> {
    let plans = store.plans.clone();
    Callback::from(move |_| plans.dispatch(PlansAction::Retry))
}

/// Offers the plan as a calendar (.ics): UIDs from the share code (a re-export updates the
/// same events), DTSTAMP = now in UTC (the clock is read here, at the edge). `None` without
/// a plan.
pub fn calendar_callback(
    ctx: &AppContext,
    current: &Current,
) -> Option<Callback<(), Result<(), String>>> {
    let cur = current.clone()?;
    cur.1.plan.as_ref()?;
    let clinic = ctx.clinic.clone();
    let catalog = ctx.catalog;
    Some(Callback::from(move |_| {
        let plan = cur.1.plan.as_ref().ok_or("no plan")?;
        let code = share::encode(&cur.0);
        let text = ics::calendar(plan, &clinic, catalog, &code, browser::now_utc(), None);
        browser::download("mesotherapy-plan.ics", "text/calendar", &text)
    }))
}

/// Offers the assessment as a FHIR R4 Bundle (pretty JSON; ids seeded by the share code).
pub fn fhir_callback(ctx: &AppContext, current: &Current) -> Callback<(), Result<(), String>> {
    let clinic = ctx.clinic.clone();
    let catalog = ctx.catalog;
    let today = ctx.today;
    let current = current.clone();
    Callback::from(move |_| {
        let cur = current.as_ref().ok_or("no assessment")?;
        let code = share::encode(&cur.0);
        let bundle = fhir::bundle(&cur.0, &cur.1, &clinic, catalog, None, &code, today);
        let text = serde_json::to_string_pretty(&bundle).map_err(|e| e.to_string())?;
        browser::download(
            "mesotherapy-assessment.fhir.json",
            "application/fhir+json",
            &text,
        )
    })
}

/// Sends the visitor to the first step with a problem (shown there) when the draft is not
/// a complete, valid assessment.
#[hook]
pub fn use_require_complete() {
    let ctx = use_app();
    let first = ctx.draft.draft.first_incomplete_step(ctx.today);
    let c = ctx.clone();
    use_effect_with(first, move |first| {
        if let Some(step) = first {
            c.send_to_problem(*step);
        }
    });
}

/// The result page.
#[component(ResultPage)]
pub fn result_page(_props: &ResultPageProps) -> Html {
    let ctx = use_app();
    let store = use_plans();
    use_require_complete();
    let current = use_current_outcome();
    let Some(cur) = current.clone() else {
        return html! {};
    };
    let (answers, evaluation) = (&cur.0, &cur.1);
    let go = |r: Route| {
        let navigate = ctx.navigate.clone();
        Callback::from(move |_: MouseEvent| navigate.emit(r.clone()))
    };
    html! {
        <div class="result-page" data-testid="result-page">
            <OutcomeView evaluation={evaluation.clone()} medical_treatments={mentions_medical_treatments(answers, evaluation)}
                         smooth_area_unsure={ctx.draft.draft.no_regrowth_unsure} />
            <section class="result-page-next" aria-labelledby="next-heading">
                <h2 id="next-heading">{ ctx.t("result.next_steps") }</h2>
                <div class="result-page-actions">
                    if evaluation.plan.is_some() {
                        <button class="button button--primary" type="button" onclick={go(Route::Plan)} data-testid="see-plan">{ ctx.t("result.see_plan") }</button>
                    }
                    <button class="button" type="button" onclick={Callback::from(|_: MouseEvent| browser::print())}>{ ctx.t("result.print") }</button>
                    if matches!(evaluation.verdict, Effect::Refer | Effect::Consult) {
                        <button class="button" type="button" onclick={go(Route::Letter)} data-testid="open-letter">{ ctx.t("letter.open") }</button>
                    }
                    <button class="button" type="button" onclick={go(Route::Step(1))}>{ ctx.t("result.change_answers") }</button>
                    if ctx.kiosk {
                        <button class="button" type="button" onclick={ctx.finish_visit.reform(|_: MouseEvent| ())} data-testid="finish-visit">{ ctx.t("kiosk.finish") }</button>
                    }
                </div>
                <ExportButtons on_fhir={fhir_callback(&ctx, &current)} />
                <StoreNotice />
                <SaveForm enabled={store.plans.0.writable()} saved={saved_state(&store, &current)}
                          on_save={save_callback(&ctx, &store, &current)} on_retry={retry_callback(&store)} />
            </section>
            if evaluation.plan.as_ref().is_some_and(|p| p.kind == PlanKind::Injections) {
                <SafetyInfo />
            }
            <ConsultationChecklist />
            <SharePanel answers={answers.clone()} />
            <ContactCard verdict={Some(evaluation.verdict)} share_link={Some(AttrValue::from(share_link(answers)))} />
        </div>
    }
}
