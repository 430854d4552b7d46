//! The result of an assessment: verdict, every finding with its plain explanation and rule
//! id, who to see (one line per person), recheck date, drivers, notes, evidence note and
//! disclaimer, rendered from the typed evaluation in the current language. It must not
//! evaluate anything.

use std::rc::Rc;

use yew::prelude::*;

use crate::core::outcome::{finding_detail, referral_groups, ReferralGroup};
use crate::core::rules::{Effect, ReferTo};
use crate::core::{Catalog, Evaluation};
use crate::ui::context::use_app;

use super::verdict_headline::VerdictHeadline;

/// Props of [`OutcomeView`].
#[derive(Properties, PartialEq, Clone)]
pub struct OutcomeViewProps {
    pub evaluation: Rc<Evaluation>,
    /// The verdict is the page's `h1` (else an `h2` under the page's own heading).
    #[prop_or(true)]
    pub page_heading: bool,
    /// Mention medical treatments (pattern hair loss only; see
    /// `core::outcome::mentions_medical_treatments`).
    #[prop_or_default]
    pub medical_treatments: bool,
    /// "Not sure" was the answer to the smooth-area question.
    #[prop_or_default]
    pub smooth_area_unsure: bool,
}

/// "See a dermatologist within the next few weeks", from the catalog.
pub fn referral_line(g: &ReferralGroup, catalog: &Catalog) -> String {
    catalog.f(
        "referral.line",
        &[
            ("to", &catalog.t(&format!("referral.to.{}", g.to))),
            (
                "urgency",
                &catalog.t(&format!("referral.urgency.{}", g.urgency)),
            ),
        ],
    )
}

/// The result view.
#[component(OutcomeView)]
pub fn outcome_view(props: &OutcomeViewProps) -> Html {
    let ctx = use_app();
    let e = &*props.evaluation;
    // Section and item heading levels below the verdict.
    let (section, item) = if props.page_heading {
        ("h2", "h3")
    } else {
        ("h3", "h4")
    };
    let heading = |id: &'static str, key: &str| {
        html! { <@{section} id={id}>{ ctx.t(key) }</@> }
    };
    let groups = referral_groups(&e.findings);
    let title = |rule: &str| ctx.t(&format!("rule.{rule}.title"));
    html! {
        <section class="outcome-view" data-testid="outcome">
            <VerdictHeadline verdict={e.verdict} page_heading={props.page_heading} recheck_on={e.recheck_on} />
            if !groups.is_empty() {
                <section class="outcome-view-referrals" aria-labelledby="referrals-heading">
                    { heading("referrals-heading", "result.referrals") }
                    <ul data-testid="referrals">
                        { for groups.iter().map(|g| html! {
                            <li class={format!("outcome-view-referral outcome-view-referral--{}", g.urgency)} data-to={g.to.id()} data-urgency={g.urgency.id()}>
                                <span class="outcome-view-referral-line">{ referral_line(g, ctx.catalog) }</span>
                                <span class="outcome-view-referral-reasons">
                                    { ctx.t("result.referral_reasons") }{ " " }
                                    { for g.rules.iter().enumerate().map(|(i, r)| html! {
                                        <>
                                            if i > 0 { { "; " } }
                                            { title(r.id()) }{ " " }
                                            <span class="outcome-view-rule">{ ctx.f("result.rule_in_brackets", &[("rule", r.id())]) }</span>
                                        </>
                                    }) }
                                </span>
                            </li>
                        }) }
                    </ul>
                    if groups.iter().any(|g| matches!(g.to, ReferTo::Dermatologist | ReferTo::Endocrinology)) {
                        <p class="outcome-view-note-small">{ ctx.t("referral.via_gp") }</p>
                    }
                </section>
            }
            if matches!(e.verdict, Effect::Refer | Effect::NotSuitable) && e.findings.iter().any(|f| f.effect == Effect::Defer) {
                <p class="outcome-view-note-small" data-testid="defer-in-other">{ ctx.t("result.defer_in_other_result") }</p>
            }
            <section class="outcome-view-findings" aria-labelledby="findings-heading">
                { heading("findings-heading", "result.findings") }
                if e.findings.is_empty() {
                    <p>{ ctx.t("result.no_findings") }</p>
                }
                <ul class="outcome-view-list" data-testid="findings">
                    { for e.findings.iter().map(|f| {
                        let badge = if f.effect == Effect::Suitable { "supporting" } else { f.effect.id() };
                        html! {
                        <li class={format!("outcome-view-finding outcome-view-finding--{badge}")} data-rule={f.rule.id()} data-effect={f.effect.id()}>
                            <@{item} class="outcome-view-finding-title">{ title(f.rule.id()) }</@>
                            <p class="outcome-view-finding-meta">
                                <span class={format!("outcome-view-badge outcome-view-badge--{badge}")}>{ ctx.t(&format!("effect.{}", f.effect)) }</span>
                                <span class="outcome-view-rule">{ ctx.f("result.rule", &[("rule", f.rule.id())]) }</span>
                            </p>
                            <p class="outcome-view-finding-detail">{ finding_detail(f, ctx.catalog) }</p>
                            if let Some(r) = f.referral {
                                <p class="outcome-view-finding-referral">{ referral_line(&ReferralGroup { to: r.to, urgency: r.urgency, rules: vec![] }, ctx.catalog) }</p>
                            }
                        </li>
                    }}) }
                </ul>
            </section>
            if !e.drivers.is_empty() {
                <section class="outcome-view-drivers" aria-labelledby="drivers-heading">
                    { heading("drivers-heading", "result.drivers") }
                    <ul data-testid="drivers">
                        { for e.drivers.iter().map(|d| html! {
                            <li>{ ctx.f("driver.line", &[("driver", &ctx.t(&format!("driver.{d}"))), ("explain", &ctx.t(&format!("driver.{d}.explain")))]) }</li>
                        }) }
                    </ul>
                    <p class="outcome-view-note-small">{ ctx.t("result.drivers_note") }</p>
                </section>
            }
            if !e.notes.is_empty() || props.smooth_area_unsure {
                <section class="outcome-view-notes" aria-labelledby="notes-heading">
                    { heading("notes-heading", "result.notes") }
                    <ul class="outcome-view-list" data-testid="notes">
                        if props.smooth_area_unsure {
                            <li class="outcome-view-note" data-rule="smooth_unsure">
                                <@{item} class="outcome-view-finding-title">{ ctx.t("note.smooth_unsure.title") }</@>
                                <p class="outcome-view-finding-detail">{ ctx.t("note.smooth_unsure.detail") }</p>
                            </li>
                        }
                        { for e.notes.iter().map(|n| html! {
                            <li class="outcome-view-note" data-rule={n.id()}>
                                <@{item} class="outcome-view-finding-title">{ ctx.t(&format!("note.{n}.title")) }</@>
                                <p class="outcome-view-finding-detail">{ ctx.t(&format!("note.{n}.detail")) }</p>
                            </li>
                        }) }
                    </ul>
                </section>
            }
            <section class="outcome-view-evidence" aria-labelledby="evidence-heading">
                { heading("evidence-heading", "evidence.title") }
                <p>{ ctx.t("evidence.note") }</p>
                if props.medical_treatments {
                    <p data-testid="medical-treatments">{ ctx.t("evidence.medical_treatments") }</p>
                }
            </section>
            <p class="outcome-view-disclaimer" data-testid="disclaimer">{ ctx.t("disclaimer") }</p>
        </section>
    }
}
