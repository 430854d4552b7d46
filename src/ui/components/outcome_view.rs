//! The result of an assessment: verdict, every finding with its plain explanation and rule
//! id, referrals, recheck date, drivers, notes, evidence note and disclaimer. It shows an
//! outcome as computed; it must not evaluate anything.

use yew::prelude::*;

use crate::core::outcome::ReferralEntry;
use crate::core::rules::Effect;
use crate::core::{Catalog, Outcome};
use crate::ui::context::use_app;

use super::verdict_headline::VerdictHeadline;

/// Props of [`OutcomeView`].
#[derive(Properties, PartialEq, Clone)]
pub struct OutcomeViewProps {
    pub outcome: Outcome,
    /// The verdict is the page's `h1` (else an `h2` under the page's own heading).
    #[prop_or(true)]
    pub page_heading: bool,
    /// Mention medical treatments (pattern hair loss only; see
    /// `core::outcome::mentions_medical_treatments`).
    #[prop_or_default]
    pub medical_treatments: bool,
}

/// "See a dermatologist: soon", from the catalog.
pub fn referral_line(r: &ReferralEntry, catalog: &Catalog) -> String {
    catalog.f(
        "referral.line",
        &[
            ("to", &catalog.t(&format!("referral.to.{}", r.to))),
            (
                "urgency",
                &catalog.t(&format!("referral.urgency.{}", r.urgency)),
            ),
        ],
    )
}

/// The result view.
#[component(OutcomeView)]
pub fn outcome_view(props: &OutcomeViewProps) -> Html {
    let ctx = use_app();
    let o = &props.outcome;
    // Section and item heading levels below the verdict.
    let (section, item) = if props.page_heading {
        ("h2", "h3")
    } else {
        ("h3", "h4")
    };
    let heading = |id: &'static str, key: &str| {
        html! { <@{section} id={id}>{ ctx.t(key) }</@> }
    };
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
                    { heading("referrals-heading", "result.referrals") }
                    <ul data-testid="referrals">
                        { for o.referrals.iter().map(|r| html! {
                            <li class={format!("outcome-view-referral outcome-view-referral--{}", r.urgency)}>
                                { referral_line(r, ctx.catalog) }{ " " }
                                <span class="outcome-view-rule">{ ctx.f("result.rule_in_brackets", &[("rule", r.rule.id())]) }</span>
                            </li>
                        }) }
                    </ul>
                </section>
            }
            <section class="outcome-view-findings" aria-labelledby="findings-heading">
                { heading("findings-heading", "result.findings") }
                if o.findings.is_empty() {
                    <p>{ ctx.t("result.no_findings") }</p>
                }
                <ul class="outcome-view-list" data-testid="findings">
                    { for o.findings.iter().map(|f| html! {
                        <li class={format!("outcome-view-finding outcome-view-finding--{}", f.effect)} data-rule={f.rule.id()}>
                            <@{item} class="outcome-view-finding-title">{ f.title.clone() }</@>
                            <p class="outcome-view-finding-meta">
                                <span class={format!("outcome-view-badge outcome-view-badge--{}", f.effect)}>{ ctx.t(&format!("effect.{}", f.effect)) }</span>
                                <span class="outcome-view-rule">{ ctx.f("result.rule", &[("rule", f.rule.id())]) }</span>
                            </p>
                            <p class="outcome-view-finding-detail">{ f.detail.clone() }</p>
                            if let Some(r) = o.referrals.iter().find(|r| r.rule == f.rule) {
                                <p class="outcome-view-finding-referral">{ referral_line(r, ctx.catalog) }</p>
                            }
                        </li>
                    }) }
                </ul>
            </section>
            if !o.drivers.is_empty() {
                <section class="outcome-view-drivers" aria-labelledby="drivers-heading">
                    { heading("drivers-heading", "result.drivers") }
                    <ul data-testid="drivers">
                        { for o.drivers.iter().map(|d| html! {
                            <li><strong>{ ctx.t(&format!("driver.{d}")) }</strong>{ ": " }{ ctx.t(&format!("driver.{d}.explain")) }</li>
                        }) }
                    </ul>
                    <p class="outcome-view-note-small">{ ctx.t("result.drivers_note") }</p>
                </section>
            }
            if !o.notes.is_empty() {
                <section class="outcome-view-notes" aria-labelledby="notes-heading">
                    { heading("notes-heading", "result.notes") }
                    <ul class="outcome-view-list">
                        { for o.notes.iter().map(|n| html! {
                            <li class="outcome-view-note" data-rule={n.rule.id()}>
                                <@{item} class="outcome-view-finding-title">{ n.title.clone() }</@>
                                <p class="outcome-view-finding-detail">{ n.detail.clone() }</p>
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
