//! The proposed plan of the visitor's own answers, with save, print and contact. It shows
//! what the core planned; it must not plan anything itself. Printed, it carries the result
//! too, so a provisional plan never travels without its reasons.

use yew::prelude::*;

use crate::core::outcome::mentions_medical_treatments;
use crate::state::route::Route;
use crate::ui::browser;
use crate::ui::components::{
    share_link, ContactCard, ExportButtons, OutcomeView, PlanView, SaveForm, SharePanel,
    StoreNotice,
};
use crate::ui::context::{use_app, use_plans};

use super::result_page::{
    calendar_callback, fhir_callback, retry_callback, save_callback, saved_state,
    use_current_outcome, use_require_complete,
};

/// Props of [`PlanPage`] (none).
#[derive(Properties, PartialEq, Clone, Default)]
pub struct PlanPageProps {}

/// The plan page.
#[component(PlanPage)]
pub fn plan_page(_props: &PlanPageProps) -> Html {
    let ctx = use_app();
    let store = use_plans();
    use_require_complete();
    let current = use_current_outcome();
    let Some(cur) = current.clone() else {
        return html! {};
    };
    let (answers, evaluation) = (&cur.0, &cur.1);
    let to_result = {
        let navigate = ctx.navigate.clone();
        Callback::from(move |_: MouseEvent| navigate.emit(Route::Result))
    };
    html! {
        <div class="plan-page" data-testid="plan-page">
            if let Some(plan) = &evaluation.plan {
                <PlanView plan={plan.clone()} aftercare={ctx.clinic.aftercare} />
            } else {
                <h1 id="page-heading" tabindex="-1">{ ctx.t("plan.title") }</h1>
                <p data-testid="no-plan">{ ctx.t("plan.none") }</p>
            }
            <p class="plan-page-disclaimer">{ ctx.t("disclaimer") }</p>
            <div class="plan-page-actions">
                <button class="button" type="button" onclick={to_result}>{ ctx.t("plan.back_to_result") }</button>
                <button class="button" type="button" onclick={Callback::from(|_: MouseEvent| browser::print())}>{ ctx.t("result.print") }</button>
                if ctx.kiosk {
                    <button class="button" type="button" onclick={ctx.finish_visit.reform(|_: MouseEvent| ())} data-testid="finish-visit">{ ctx.t("kiosk.finish") }</button>
                }
            </div>
            <ExportButtons on_calendar={calendar_callback(&ctx, &current)} on_fhir={fhir_callback(&ctx, &current)} />
            <StoreNotice />
            <SaveForm enabled={store.plans.0.writable()} saved={saved_state(&store, &current)}
                      on_save={save_callback(&ctx, &store, &current)} on_retry={retry_callback(&store)} />
            <SharePanel answers={answers.clone()} />
            <ContactCard verdict={Some(evaluation.verdict)} share_link={Some(AttrValue::from(share_link(answers)))} />
            <div class="plan-page-print-result">
                <OutcomeView evaluation={evaluation.clone()} page_heading={false}
                             medical_treatments={mentions_medical_treatments(answers, evaluation)}
                             smooth_area_unsure={ctx.draft.draft.no_regrowth_unsure} />
            </div>
        </div>
    }
}
