//! One saved plan: its nickname, the outcome and plan as computed then, rename, delete
//! and print. It must show the stored outcome, not recompute it.

use std::rc::Rc;

use yew::prelude::*;

use crate::core::export::{fhir, ics, share};
use crate::state::plans::{PlansAction, SavedPlan, StoreStatus};
use crate::state::route::Route;
use crate::state::staff::current_plan;
use crate::ui::browser;
use crate::ui::components::{
    ContactCard, ExportButtons, OutcomeView, PlanView, RenameForm, StoreNotice, UndoBar,
};
use crate::ui::context::{use_app, use_plans, AppContext};

/// The export buttons of a saved plan (this page and staff mode's patient page): the plan as
/// it stands (staff adjustments applied) as a calendar, and the assessment as FHIR, whose
/// CarePlan says who confirmed it (`active`) or that it is a proposal (`draft`). Computed with
/// the settings the plan was made with.
pub fn saved_plan_exports(ctx: &AppContext, p: &SavedPlan) -> Html {
    let clinic = Rc::new(p.clinic_then(&ctx.clinic));
    let catalog = ctx.catalog;
    let current = current_plan(p, &clinic);
    let code = share::encode(&p.answers);
    let confirmation = p.staff.confirmation.clone();
    let on_calendar = current.clone().map(|plan| {
        let (clinic, code) = (clinic.clone(), code.clone());
        Callback::from(move |_| {
            let confirmed = confirmation.as_ref().map(|c| (c.by.as_str(), c.on));
            let text = ics::calendar(
                &plan,
                &clinic,
                catalog,
                &code,
                browser::now_utc(),
                confirmed,
            );
            browser::download("mesotherapy-plan.ics", "text/calendar", &text)
        })
    });
    let on_fhir = {
        let p = p.clone();
        Callback::from(move |_| {
            let mut evaluation = p.evaluation.clone();
            evaluation.plan = current.clone();
            let confirmed = p.staff.confirmation.as_ref().map(|c| (c.by.as_str(), c.on));
            let bundle = fhir::bundle(
                &p.answers,
                &evaluation,
                &clinic,
                catalog,
                confirmed,
                &code,
                p.assessed_on,
            );
            let text = serde_json::to_string_pretty(&bundle).map_err(|e| e.to_string())?;
            browser::download(
                "mesotherapy-assessment.fhir.json",
                "application/fhir+json",
                &text,
            )
        })
    };
    html! { <ExportButtons {on_calendar} {on_fhir} /> }
}

/// Props of [`SavedPlanPage`].
#[derive(Properties, PartialEq, Clone)]
pub struct SavedPlanPageProps {
    pub id: String,
}

/// A saved plan.
#[component(SavedPlanPage)]
pub fn saved_plan_page(props: &SavedPlanPageProps) -> Html {
    let ctx = use_app();
    let store = use_plans();
    let renaming = use_state(|| false);
    let state = &store.plans.0;
    if ctx.kiosk {
        return html! {
            <div class="saved-plan-page" data-testid="saved-kiosk">
                <h1 id="page-heading" tabindex="-1">{ ctx.t("saved.title") }</h1>
                <p>{ ctx.t("kiosk.saved_hidden") }</p>
            </div>
        };
    }
    let Some(p) = state.get(&props.id) else {
        return html! {
            <div class="saved-plan-page" data-testid="saved-plan-missing">
                <h1 id="page-heading" tabindex="-1">{ ctx.t("saved.missing") }</h1>
                <StoreNotice />
                <UndoBar />
                if state.status != StoreStatus::Loading {
                    <p><a class="app-link" href="#/saved">{ ctx.t("saved.back_to_list") }</a></p>
                }
            </div>
        };
    };
    let id = p.id.clone();
    let plans = store.plans.clone();
    let navigate = ctx.navigate.clone();
    let del_id = id.clone();
    let on_delete = Callback::from(move |_: MouseEvent| {
        plans.dispatch(PlansAction::Delete { id: del_id.clone() });
        navigate.emit(Route::Saved);
    });
    let plans = store.plans.clone();
    let r = renaming.clone();
    let ren_id = id.clone();
    let on_rename = Callback::from(move |label: String| {
        plans.dispatch(PlansAction::Rename {
            id: ren_id.clone(),
            label,
            at: browser::now_iso(),
        });
        r.set(false);
    });
    let r = renaming.clone();
    let on_cancel = Callback::from(move |_| r.set(false));
    let r = renaming.clone();
    let on_rename_open = Callback::from(move |_: MouseEvent| r.set(true));
    html! {
        <div class="saved-plan-page" data-testid="saved-plan-page">
            <h1 id="page-heading" tabindex="-1" class="saved-plan-title">{ p.label.clone() }</h1>
            <p class="saved-plan-meta">{ ctx.f("saved.assessed_on", &[("date", &ctx.catalog.date(p.assessed_on))]) }</p>
            <StoreNotice />
            if *renaming {
                <RenameForm id={id.clone()} current={p.label.clone()} {on_rename} {on_cancel} />
            } else {
                <div class="saved-plan-actions">
                    <button class="button" type="button" onclick={on_rename_open} disabled={!state.writable()}>{ ctx.t("saved.rename") }</button>
                    <button class="button" type="button" onclick={Callback::from(|_: MouseEvent| browser::print())}>{ ctx.t("result.print") }</button>
                    <button class="button button--danger" type="button" onclick={on_delete} disabled={!state.writable()}>{ ctx.t("saved.delete") }</button>
                </div>
            }
            <OutcomeView evaluation={Rc::new(p.evaluation.clone())} page_heading={false}
                         medical_treatments={crate::core::outcome::mentions_medical_treatments(&p.answers, &p.evaluation)}
                         smooth_area_unsure={p.smooth_area_unsure} />
            if let Some(plan) = &p.evaluation.plan {
                <PlanView plan={plan.clone()} confirmation={p.staff.confirmation.clone()} page_heading={false}
                          aftercare={p.clinic_then(&ctx.clinic).aftercare} aftercare_is_current={p.clinic.is_none()} />
            }
            { saved_plan_exports(&ctx, p) }
            <ContactCard verdict={Some(p.evaluation.verdict)} />
        </div>
    }
}
