//! The verdict as a headline: icon + text + colour (never colour alone) and a summary.
//! It must not compute the verdict.

use chrono::NaiveDate;
use yew::prelude::*;

use crate::core::rules::Effect;
use crate::ui::context::use_app;

/// Props of [`VerdictHeadline`].
#[derive(Properties, PartialEq, Clone)]
pub struct VerdictHeadlineProps {
    pub verdict: Effect,
    /// Render as the page's main heading (`h1#page-heading`).
    #[prop_or(true)]
    pub page_heading: bool,
    /// The recheck date of a `defer` verdict, when there is one.
    #[prop_or_default]
    pub recheck_on: Option<NaiveDate>,
}

fn icon(verdict: Effect) -> Html {
    // Decorative shapes that differ per verdict (the text carries the meaning).
    let shape = match verdict {
        Effect::Suitable => html! { <path d="M6 12.5l4 4 8-9" class="verdict-headline-stroke" /> },
        Effect::Consult => {
            html! { <><path d="M12 7v6" class="verdict-headline-stroke" /><circle cx="12" cy="17" r="1.3" class="verdict-headline-dot" /></> }
        }
        Effect::Defer => {
            html! { <><circle cx="12" cy="12" r="7" class="verdict-headline-stroke" /><path d="M12 8v4l3 2" class="verdict-headline-stroke" /></> }
        }
        Effect::NotSuitable => {
            html! { <path d="M7 7l10 10M17 7L7 17" class="verdict-headline-stroke" /> }
        }
        Effect::Refer => {
            html! { <><path d="M12 4l9 16H3z" class="verdict-headline-stroke" /><path d="M12 10v4" class="verdict-headline-stroke" /><circle cx="12" cy="17" r="1.1" class="verdict-headline-dot" /></> }
        }
    };
    html! { <svg class="verdict-headline-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">{ shape }</svg> }
}

/// The verdict headline.
#[component(VerdictHeadline)]
pub fn verdict_headline(props: &VerdictHeadlineProps) -> Html {
    let ctx = use_app();
    let v = props.verdict;
    let text = ctx.t(&format!("verdict.{v}.headline"));
    html! {
        <div class={classes!("verdict-headline", format!("verdict-headline--{v}"))} data-testid="verdict" data-verdict={v.id()}>
            { icon(v) }
            <div class="verdict-headline-text">
                if props.page_heading {
                    <h1 id="page-heading" tabindex="-1" class="verdict-headline-title">{ text }</h1>
                } else {
                    <h2 class="verdict-headline-title">{ text }</h2>
                }
                <p class="verdict-headline-summary">{ ctx.t(&format!("verdict.{v}.summary")) }</p>
                if v == Effect::Defer {
                    if let Some(d) = props.recheck_on {
                        <p class="verdict-headline-recheck" data-testid="recheck">
                            { ctx.f("result.recheck_on", &[("date", &ctx.catalog.date(d))]) }
                        </p>
                    } else {
                        <p class="verdict-headline-summary" data-testid="no-recheck">{ ctx.t("verdict.defer.summary.no_date") }</p>
                    }
                }
            </div>
        </div>
    }
}
