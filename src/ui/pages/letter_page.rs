//! The printable letter for the doctor (`#/letter`, verdicts `refer` and `consult`): what the
//! visitor reported, the findings with their rule ids, who to see and how soon, and the
//! clinic's contact. It must inform, never diagnose, and never hold a name (the visitor
//! writes it on the paper).

use yew::prelude::*;

use crate::core::answers::Sex;
use crate::core::outcome::referral_groups;
use crate::core::rules::Effect;
use crate::core::{Answers, Catalog};
use crate::state::route::Route;
use crate::ui::browser;
use crate::ui::components::outcome_view::referral_line;
use crate::ui::context::use_app;

use super::result_page::{use_current_outcome, use_require_complete};

/// Props of [`LetterPage`].
#[derive(Properties, PartialEq, Clone, Default)]
pub struct LetterPageProps {}

/// The catalog labels of a set's values, joined, or "None" for an empty set.
fn labels<'a, T: 'a + Copy + std::fmt::Display>(
    field: &str,
    values: impl IntoIterator<Item = &'a T>,
    catalog: &Catalog,
) -> String {
    let list: Vec<String> = values
        .into_iter()
        .map(|v| catalog.t(&format!("answer.{field}.{v}")))
        .collect();
    if list.is_empty() {
        catalog.t("letter.none")
    } else {
        list.join("; ")
    }
}

/// What the visitor reported, as (label, answer) rows in plain words.
pub fn reported(a: &Answers, catalog: &Catalog) -> Vec<(String, String)> {
    let yes_no = |b: bool| catalog.t(if b { "answer.yes" } else { "answer.no" });
    let one = |field: &str, id: &str| catalog.t(&format!("answer.{field}.{id}"));
    let row = |key: &str, value: String| (catalog.t(&format!("letter.field.{key}")), value);
    let mut rows = vec![
        row("age", a.age.to_string()),
        row("sex", one("sex", a.sex.id())),
        row("pattern", one("pattern", a.pattern.id())),
    ];
    if let Some(s) = a.stage {
        rows.push(row(
            "stage",
            catalog.f(
                "answer.stage.grade",
                &[
                    (
                        "scale",
                        &catalog.t(&format!("answer.stage.{}", s.scale.id())),
                    ),
                    ("grade", &s.grade.to_string()),
                ],
            ),
        ));
    }
    rows.extend([
        row("no_regrowth_visible", yes_no(a.no_regrowth_visible)),
        row("duration", one("duration", a.duration.id())),
        row("onset", one("onset", a.onset.id())),
        row("shedding_increased", yes_no(a.shedding_increased)),
        row(
            "family_history",
            one("family_history", a.family_history.id()),
        ),
        row(
            "scalp_signs",
            labels("scalp_signs", &a.scalp_signs, catalog),
        ),
        row(
            "recent_triggers",
            labels("recent_triggers", &a.recent_triggers, catalog),
        ),
        row("conditions", labels("conditions", &a.conditions, catalog)),
        row("symptoms", labels("symptoms", &a.symptoms, catalog)),
    ]);
    if a.sex != Sex::Male {
        rows.push(row("menopause", yes_no(a.menopause)));
    }
    rows.extend([
        row("lifestyle", labels("lifestyle", &a.lifestyle, catalog)),
        row(
            "previous_treatments",
            labels("previous_treatments", &a.previous_treatments, catalog),
        ),
    ]);
    if a.previous_treatments
        .iter()
        .any(|t| t.id() == "mesotherapy")
    {
        rows.push(row(
            "hair_loss_after_previous_mesotherapy",
            yes_no(a.hair_loss_after_previous_mesotherapy),
        ));
    }
    rows
}

/// The letter page.
#[component(LetterPage)]
pub fn letter_page(_props: &LetterPageProps) -> Html {
    let ctx = use_app();
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
    let back = html! {
        <button class="button" type="button" onclick={to_result}>{ ctx.t("plan.back_to_result") }</button>
    };
    if !matches!(evaluation.verdict, Effect::Refer | Effect::Consult) {
        return html! {
            <div class="letter-page" data-testid="letter-page">
                <h1 id="page-heading" tabindex="-1">{ ctx.t("letter.title") }</h1>
                <p data-testid="letter-not-needed">{ ctx.t("letter.not_needed") }</p>
                <div class="letter-page-actions">{ back }</div>
            </div>
        };
    }
    let catalog = ctx.catalog;
    let groups = referral_groups(&evaluation.findings);
    let to: Vec<String> = groups
        .iter()
        .map(|g| ctx.t(&format!("letter.to.{}", g.to)))
        .collect();
    let to = if to.is_empty() {
        ctx.t("letter.to.default")
    } else {
        to.join("; ")
    };
    let c = &ctx.clinic.contact;
    let date = catalog.date(ctx.today);
    html! {
        <div class="letter-page" data-testid="letter-page">
            <h1 id="page-heading" tabindex="-1" class="letter-page-title">{ ctx.t("letter.title") }</h1>
            <p class="letter-page-intro">{ ctx.t("letter.intro_screen") }</p>
            <div class="letter-page-actions">
                <button class="button button--primary" type="button" onclick={Callback::from(|_: MouseEvent| browser::print())} data-testid="letter-print">{ ctx.t("letter.print") }</button>
                { back }
            </div>
            <article class="letter-page-letter" aria-labelledby="page-heading" data-testid="letter">
                <p class="letter-page-date" data-testid="letter-date">{ date.clone() }</p>
                <p class="letter-page-to" data-testid="letter-to">{ ctx.f("letter.to", &[("to", &to)]) }</p>
                <p>{ ctx.t("letter.greeting") }</p>
                <p>{ ctx.f("letter.opening", &[("clinic", &ctx.clinic.name), ("date", &date)]) }</p>

                <section aria-labelledby="letter-reported-heading">
                    <h2 id="letter-reported-heading">{ ctx.t("letter.reported") }</h2>
                    <dl class="letter-page-answers" data-testid="letter-answers">
                        { for reported(answers, catalog).into_iter().map(|(label, value)| html! {
                            <div class="letter-page-answer">
                                <dt>{ label }</dt>
                                <dd>{ value }</dd>
                            </div>
                        }) }
                    </dl>
                </section>

                <section aria-labelledby="letter-findings-heading">
                    <h2 id="letter-findings-heading">{ ctx.t("letter.findings") }</h2>
                    <ul class="letter-page-findings" data-testid="letter-findings">
                        { for evaluation.findings.iter().map(|f| html! {
                            <li data-rule={f.rule.id()}>
                                { ctx.t(&format!("rule.{}.title", f.rule.id())) }{ " " }
                                <span class="letter-page-rule">{ ctx.f("result.rule_in_brackets", &[("rule", f.rule.id())]) }</span>
                                { " — " }{ ctx.t(&format!("effect.{}", f.effect)) }
                            </li>
                        }) }
                    </ul>
                </section>

                <section aria-labelledby="letter-referrals-heading">
                    <h2 id="letter-referrals-heading">{ ctx.t("letter.who") }</h2>
                    if groups.is_empty() {
                        <p data-testid="letter-no-referral">{ ctx.t("letter.consult_only") }</p>
                    } else {
                        <ul class="letter-page-referrals" data-testid="letter-referrals">
                            { for groups.iter().map(|g| html! {
                                <li data-to={g.to.id()} data-urgency={g.urgency.id()}>
                                    { referral_line(g, catalog) }{ " " }
                                    { for g.rules.iter().map(|r| html! {
                                        <span class="letter-page-rule">{ ctx.f("result.rule_in_brackets", &[("rule", r.id())]) }{ " " }</span>
                                    }) }
                                </li>
                            }) }
                        </ul>
                    }
                </section>

                <section aria-labelledby="letter-clinic-heading">
                    <h2 id="letter-clinic-heading">{ ctx.t("letter.clinic") }</h2>
                    <ul class="letter-page-clinic" data-testid="letter-clinic">
                        <li>{ ctx.clinic.name.clone() }</li>
                        if let Some(address) = &c.address {
                            <li>{ address.clone() }</li>
                        }
                        if let Some(phone) = &c.phone {
                            <li>{ ctx.f("contact.phone", &[("phone", phone)]) }</li>
                        }
                        if let Some(email) = &c.email {
                            <li>{ ctx.f("contact.email", &[("email", email)]) }</li>
                        }
                    </ul>
                </section>

                <p class="letter-page-not-diagnosis" data-testid="letter-not-diagnosis">{ ctx.t("letter.not_diagnosis") }</p>
                <p class="letter-page-name">{ ctx.t("letter.name") }{ " " }<span class="letter-page-blank"></span></p>
            </article>
        </div>
    }
}
