//! A shared assessment (`#/s/<code>`), recomputed on this device with its clinic settings and
//! today's date. It must not send anything anywhere, and must never show a result for a code
//! that does not decode exactly (a damaged code is refused, never repaired).

use std::rc::Rc;

use chrono::NaiveDate;
use yew::prelude::*;

use crate::core::export::share::{self, ShareError};
use crate::core::outcome::mentions_medical_treatments;
use crate::core::{assess, Answers, Catalog};
use crate::state::questionnaire::{Action, Draft};
use crate::state::route::Route;
use crate::ui::components::{OutcomeView, PlanView};
use crate::ui::context::use_app;

/// Props of [`SharedPage`].
#[derive(Properties, PartialEq, Clone)]
pub struct SharedPageProps {
    pub code: String,
}

/// The answers of a code, with a start date already past dropped (the link stays useful);
/// the second value says whether one was dropped. Checked again with `today`, so every rule
/// of the questionnaire holds for what is shown.
pub fn read_code(code: &str, today: NaiveDate) -> Result<(Answers, bool), ShareError> {
    let mut answers = share::decode(code, None)?;
    let dropped = answers.start_date.is_some_and(|d| d < today);
    if dropped {
        answers.start_date = None;
    }
    let answers = share::decode(&share::encode(&answers), Some(today))?;
    Ok((answers, dropped))
}

/// The visitor's message for a refused code.
pub fn error_text(e: &ShareError, catalog: &Catalog) -> String {
    match e {
        ShareError::Empty => catalog.t("share.error.empty"),
        ShareError::BadCharacter {
            position,
            character,
        } => catalog.f(
            "share.error.bad_character",
            &[
                ("position", &position.to_string()),
                ("character", &character.to_string()),
            ],
        ),
        ShareError::BadCheck => catalog.t("share.error.bad_check"),
        ShareError::UnknownVersion(_) => catalog.t("share.error.unknown_version"),
        ShareError::NewerVersion(_) => catalog.t("share.error.newer"),
        ShareError::WrongLength { expected, found } => catalog.f(
            "share.error.wrong_length",
            &[
                ("expected", &expected.to_string()),
                ("found", &found.to_string()),
            ],
        ),
        ShareError::ReservedBits | ShareError::OutOfRange { .. } => {
            catalog.t("share.error.invalid")
        }
        ShareError::Refused(_) => catalog.t("share.error.refused"),
    }
}

/// The shared assessment page.
#[component(SharedPage)]
pub fn shared_page(props: &SharedPageProps) -> Html {
    let ctx = use_app();
    let read = use_memo((props.code.clone(), ctx.today), |(code, today)| {
        read_code(code, *today)
    });
    let (answers, dropped) = match &*read {
        Ok(r) => r.clone(),
        Err(e) => {
            let kind = match e {
                ShareError::Empty => "empty",
                ShareError::BadCharacter { .. } => "bad_character",
                ShareError::BadCheck => "bad_check",
                ShareError::UnknownVersion(_) => "unknown_version",
                ShareError::NewerVersion(_) => "newer",
                ShareError::WrongLength { .. } => "wrong_length",
                ShareError::ReservedBits | ShareError::OutOfRange { .. } => "invalid",
                ShareError::Refused(_) => "refused",
            };
            return html! {
                <div class="shared-page" data-testid="shared-page">
                    <h1 id="page-heading" tabindex="-1">{ ctx.t("shared.error_title") }</h1>
                    <p class="shared-page-error" role="alert" data-testid="shared-error" data-kind={kind}>{ error_text(e, ctx.catalog) }</p>
                    <p>{ ctx.t("shared.error_help") }</p>
                    <p><a class="app-link" href="#/">{ ctx.t("shared.start_own") }</a></p>
                </div>
            };
        }
    };
    let evaluation = Rc::new(assess(&answers, &ctx.clinic, ctx.today));
    let on_continue = {
        let draft = ctx.draft.clone();
        let navigate = ctx.navigate.clone();
        let answers = answers.clone();
        Callback::from(move |_: MouseEvent| {
            draft.dispatch(Action::Replace(Box::new(Draft::from_answers(&answers))));
            navigate.emit(Route::Result);
        })
    };
    html! {
        <div class="shared-page" data-testid="shared-page">
            <h1 id="page-heading" tabindex="-1">{ ctx.t("shared.title") }</h1>
            <p class="shared-page-recomputed" data-testid="shared-recomputed">
                { ctx.f("shared.recomputed", &[("clinic", &ctx.clinic.name), ("date", &ctx.catalog.date(ctx.today))]) }
            </p>
            if dropped {
                <p class="shared-page-dropped" data-testid="shared-start-dropped">{ ctx.t("shared.start_date_dropped") }</p>
            }
            <div class="shared-page-actions">
                <button class="button button--primary" type="button" onclick={on_continue} data-testid="shared-continue">{ ctx.t("shared.continue") }</button>
            </div>
            <p class="shared-page-continue-note">{ ctx.t("shared.continue_note") }</p>
            <OutcomeView evaluation={evaluation.clone()} page_heading={false}
                         medical_treatments={mentions_medical_treatments(&answers, &evaluation)} />
            if let Some(plan) = &evaluation.plan {
                <PlanView plan={plan.clone()} aftercare={ctx.clinic.aftercare} page_heading={false} />
            }
        </div>
    }
}
