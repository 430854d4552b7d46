//! The dated plan: label, timeline, list of dates with weekdays, ingredients, home care,
//! lifestyle advice, after-care, expectations, safety information and cost, rendered from
//! the typed plan and the after-care it was computed with. It must not plan anything.

use chrono::NaiveDate;
use yew::prelude::*;

use crate::core::clinic::Aftercare;
use crate::core::drivers::Emphasis;
use crate::core::planner::{Plan, PlanKind};
use crate::state::plans::Confirmation;
use crate::ui::context::use_app;

use super::safety_info::SafetyInfo;
use super::timeline::Timeline;

/// Props of [`PlanView`].
#[derive(Properties, PartialEq, Clone)]
pub struct PlanViewProps {
    pub plan: Plan,
    /// The after-care rules the plan was computed with.
    pub aftercare: Aftercare,
    /// The after-care shown is the clinic's current one (a plan saved by an older version
    /// whose settings are not known).
    #[prop_or_default]
    pub aftercare_is_current: bool,
    #[prop_or_default]
    pub confirmation: Option<Confirmation>,
    /// Render the title as the page's main heading.
    #[prop_or(true)]
    pub page_heading: bool,
}

/// The plan view.
#[component(PlanView)]
pub fn plan_view(props: &PlanViewProps) -> Html {
    let ctx = use_app();
    let p = &props.plan;
    let date = |d: NaiveDate| ctx.catalog.date(d);
    let mut rows: Vec<(NaiveDate, String, &'static str)> = p
        .sessions
        .iter()
        .map(|s| {
            (
                s.date,
                ctx.f("plan.row.session", &[("n", &s.number.to_string())]),
                "session",
            )
        })
        .collect();
    rows.push((p.review_on, ctx.t("plan.row.review"), "review"));
    rows.extend(p.boosters.iter().enumerate().map(|(i, b)| {
        (
            *b,
            ctx.f("plan.row.booster", &[("n", &(i + 1).to_string())]),
            "booster",
        )
    }));
    rows.sort_by_key(|r| r.0);
    let a = &props.aftercare;
    let aftercare = [
        ctx.f(
            "aftercare.no_washing",
            &[("hours", &a.no_washing_hours.to_string())],
        ),
        ctx.f(
            "aftercare.no_sun",
            &[("hours", &a.no_sun_hours.to_string())],
        ),
        ctx.f(
            "aftercare.no_sauna_pool",
            &[("hours", &a.no_sauna_pool_hours.to_string())],
        ),
        ctx.f(
            "aftercare.no_exercise",
            &[("hours", &a.no_exercise_hours.to_string())],
        ),
        ctx.f(
            "aftercare.no_alcohol_after",
            &[("hours", &a.no_alcohol_hours_after.to_string())],
        ),
        ctx.t("aftercare.side_effects"),
    ];
    let label = match &props.confirmation {
        Some(c) => ctx.f(
            "plan.label.confirmed",
            &[("who", &c.by), ("date", &ctx.catalog.date(c.on))],
        ),
        None => ctx.t("plan.label.proposed"),
    };
    let title = ctx.t("plan.title");
    let h = if props.page_heading { "h2" } else { "h3" };
    let sub = |key: &str| html! { <@{h}>{ ctx.t(key) }</@> };
    let home_only = p.kind == PlanKind::HomeCareOnly;
    html! {
        <section class="plan-view" data-testid="plan">
            if props.page_heading {
                <h1 id="page-heading" tabindex="-1">{ title }</h1>
            } else {
                <h2>{ title }</h2>
            }
            <p class={classes!("plan-view-label", props.confirmation.is_some().then_some("plan-view-label--confirmed"))} data-testid="plan-label">{ label }</p>
            if p.kind == PlanKind::HomeCareOnly {
                <p class="plan-view-home-only" data-testid="home-care-only">{ ctx.t("plan.home_care_only.note") }</p>
            } else if let (Some(weeks), n) = (p.interval_weeks, p.sessions.len()) {
                <p class="plan-view-course">{ ctx.catalog.count("plan.course.sessions", n) }{ " " }{ ctx.catalog.count("plan.course.interval", usize::from(weeks)) }</p>
            }
            if !home_only {
                <Timeline plan={p.clone()} />
            }
            { sub("plan.dates") }
            <ol class="plan-view-dates" data-testid="plan-dates">
                { for rows.iter().map(|(d, what, kind)| html! {
                    <li class={format!("plan-view-date plan-view-date--{kind}")} data-kind={*kind} data-date={d.to_string()}>
                        <span class="plan-view-date-when">{ date(*d) }</span>
                        <span class="plan-view-date-what">{ what.clone() }</span>
                    </li>
                }) }
            </ol>
            if let Some(m) = p.booster_every_months {
                <p>{ ctx.catalog.count("plan.booster.every", usize::from(m)) }</p>
            }
            <p>{ ctx.t("plan.review.line") }</p>
            { sub(if home_only { "plan.ingredients.home" } else { "plan.ingredients" }) }
            <ul class="plan-view-ingredients">
                { for p.ingredients.iter().map(|i| html! {
                    <li class={classes!("plan-view-ingredient", (i.emphasis == Emphasis::High).then_some("plan-view-ingredient--high"))}>
                        { ctx.f("plan.ingredient.line", &[
                            ("name", &ctx.t(&format!("ingredient.{}.name", i.group))),
                            ("contents", &ctx.t(&format!("ingredient.{}.contents", i.group))),
                            ("role", &ctx.t(&format!("ingredient.{}.role", i.group))),
                        ]) }
                        if i.emphasis == Emphasis::High {
                            { " " }<span class="plan-view-emphasis">{ ctx.t("emphasis.high") }</span>
                        }
                    </li>
                }) }
            </ul>
            { sub("plan.home_care") }
            <p>
                if p.kind == PlanKind::HomeCareOnly {
                    { ctx.f("plan.home_care_only.line", &[("per_week", &p.home_care_per_week.to_string())]) }
                } else {
                    { ctx.f("plan.home_care.line", &[("per_week", &p.home_care_per_week.to_string())]) }
                }
            </p>
            { sub("plan.lifestyle") }
            <ul data-testid="lifestyle">{ for p.lifestyle.iter().map(|l| html! { <li data-advice={l.id()}>{ ctx.t(&format!("lifestyle.{l}")) }</li> }) }</ul>
            if p.kind == PlanKind::Injections {
                { sub("plan.aftercare") }
                <p>{ ctx.t("aftercare.blood_thinners") }</p>
                <p>{ ctx.t(if props.aftercare_is_current { "plan.aftercare.intro_current" } else { "plan.aftercare.intro" }) }</p>
                <ul>{ for aftercare.iter().map(|l| html! { <li>{ l.clone() }</li> }) }</ul>
            }
            { sub("plan.expectations") }
            if home_only {
                <p>{ ctx.t("expectations.home_care") }</p>
            } else {
                <ul>
                    <li>{ ctx.t("expectations.first_effects") }</li>
                    <li>{ ctx.t("expectations.density") }</li>
                    <li>{ ctx.t("expectations.maintenance") }</li>
                </ul>
            }
            <p class="plan-view-source">{ ctx.t("expectations.source") }</p>
            if !home_only {
                <SafetyInfo heading_level={if props.page_heading { 2 } else { 3 }} />
            }
            if let Some(cost) = &p.estimated_cost {
                <p class="plan-view-cost" data-testid="cost">
                    { ctx.f("plan.cost.line", &[
                        ("total", &crate::ui::intl::money(ctx.catalog.lang(), cost.total.as_f64(), &cost.currency)),
                        ("sessions", &cost.session_count.to_string()),
                        ("boosters", &cost.booster_count.to_string()),
                    ]) }
                </p>
            }
        </section>
    }
}
