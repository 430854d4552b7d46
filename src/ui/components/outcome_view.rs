//! The result of an assessment: verdict, every finding with its plain explanation and rule
//! id, referrals, recheck date, notes, evidence note and disclaimer. It shows an outcome as
//! computed; it must not evaluate anything.

use yew::prelude::*;

use crate::core::drivers::Driver;
use crate::core::rules::Effect;
use crate::core::Outcome;
use crate::ui::context::use_app;

use super::verdict_headline::VerdictHeadline;

/// Props of [`OutcomeView`].
#[derive(Properties, PartialEq, Clone)]
pub struct OutcomeViewProps {
    pub outcome: Outcome,
    #[prop_or(true)]
    pub page_heading: bool,
}

/// The result view.
#[component(OutcomeView)]
pub fn outcome_view(props: &OutcomeViewProps) -> Html {
    let ctx = use_app();
    let o = &props.outcome;
    let referral_line = |rule| {
        o.referrals.iter().find(|r| r.rule == rule).map(|r| {
            ctx.f(
                "referral.line",
                &[
                    ("to", &ctx.t(&format!("referral.to.{}", r.to))),
                    (
                        "urgency",
                        &ctx.t(&format!("referral.urgency.{}", r.urgency)),
                    ),
                ],
            )
        })
    };
    let pattern_loss = o.drivers.contains(&Driver::Genetic);
    html! {
        <section class="outcome-view" data-testid="outcome">
            <VerdictHeadline verdict={o.verdict} page_heading={props.page_heading} />
            if let (Effect::Defer, Some(d)) = (o.verdict, o.recheck_on) {
                <p class="outcome-view-recheck" data-testid="recheck">
                    { ctx.f("result.recheck_on", &[("date", &ctx.catalog.date(d))]) }
                </p>
            }
            if !o.referrals.is_empty() {
                <section class="outcome-view-referrals" aria-labelledby="referrals-heading">
                    <h2 id="referrals-heading">{ ctx.t("result.referrals") }</h2>
                    <ul data-testid="referrals">
                        { for o.referrals.iter().map(|r| html! {
                            <li class={format!("outcome-view-referral outcome-view-referral--{}", r.urgency)}>
                                { ctx.f("referral.line", &[("to", &ctx.t(&format!("referral.to.{}", r.to))), ("urgency", &ctx.t(&format!("referral.urgency.{}", r.urgency)))]) }
                                <span class="outcome-view-rule">{ format!(" ({})", r.rule) }</span>
                            </li>
                        }) }
                    </ul>
                </section>
            }
            <section class="outcome-view-findings" aria-labelledby="findings-heading">
                <h2 id="findings-heading">{ ctx.t("result.findings") }</h2>
                if o.findings.is_empty() {
                    <p>{ ctx.t("result.no_findings") }</p>
                }
                <ul class="outcome-view-list" data-testid="findings">
                    { for o.findings.iter().map(|f| html! {
                        <li class={format!("outcome-view-finding outcome-view-finding--{}", f.effect)} data-rule={f.rule.id()}>
                            <h3 class="outcome-view-finding-title">{ f.title.clone() }</h3>
                            <p class="outcome-view-finding-meta">
                                <span class={format!("outcome-view-badge outcome-view-badge--{}", f.effect)}>{ ctx.t(&format!("effect.{}", f.effect)) }</span>
                                <span class="outcome-view-rule">{ ctx.f("result.rule", &[("rule", f.rule.id())]) }</span>
                            </p>
                            <p class="outcome-view-finding-detail">{ f.detail.clone() }</p>
                            if let Some(line) = referral_line(f.rule) {
                                <p class="outcome-view-finding-referral">{ line }</p>
                            }
                        </li>
                    }) }
                </ul>
            </section>
            if !o.notes.is_empty() {
                <section class="outcome-view-notes" aria-labelledby="notes-heading">
                    <h2 id="notes-heading">{ ctx.t("result.notes") }</h2>
                    <ul class="outcome-view-list">
                        { for o.notes.iter().map(|n| html! {
                            <li class="outcome-view-note" data-rule={n.rule.id()}>
                                <h3 class="outcome-view-finding-title">{ n.title.clone() }</h3>
                                <p class="outcome-view-finding-detail">{ n.detail.clone() }</p>
                            </li>
                        }) }
                    </ul>
                </section>
            }
            <section class="outcome-view-evidence" aria-labelledby="evidence-heading">
                <h2 id="evidence-heading">{ ctx.t("evidence.title") }</h2>
                <p>{ ctx.t("evidence.note") }</p>
                if pattern_loss {
                    <p>{ ctx.t("evidence.medical_treatments") }</p>
                }
            </section>
            <p class="outcome-view-disclaimer" data-testid="disclaimer">{ ctx.t("disclaimer") }</p>
        </section>
    }
}
