//! `#/staff/p/<id>`: one patient's course in staff mode: confirm the plan, adjust it (typed
//! adjustments, within the clinic's ranges and on open days or with a reason; the original
//! proposal stays visible), record sessions done (product, lot, notes, side effects) and review
//! visits (scores), the progress chart, and print. It must not show anything while staff mode
//! is locked, and every change goes through the plans reducer (which checks it again).

use chrono::NaiveDate;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::core::parse_iso_date;
use crate::state::plans::{Adjustment, Change, PlansAction, ReviewVisit, SessionDone, StaffChange};
use crate::state::route::Route;
use crate::state::staff::{change_allowed, check_change, course_status, current_plan, next_due};
use crate::ui::browser;
use crate::ui::components::{PlanView, ProgressChart, StoreNotice};
use crate::ui::context::{use_app, use_plans, AppContext, PlansContext};
use crate::ui::pages::saved_plan_page::saved_plan_exports;

/// Props of [`StaffPatientPage`].
#[derive(Properties, PartialEq, Clone)]
pub struct StaffPatientPageProps {
    pub id: String,
}

fn input(r: &NodeRef) -> String {
    if let Some(i) = r.cast::<HtmlInputElement>() {
        return i.value();
    }
    if let Some(s) = r.cast::<HtmlSelectElement>() {
        return s.value();
    }
    r.cast::<HtmlTextAreaElement>()
        .map(|t| t.value())
        .unwrap_or_default()
}

fn opt(s: String) -> Option<String> {
    let t = s.trim().to_string();
    (!t.is_empty()).then_some(t)
}

fn date(r: &NodeRef) -> Option<NaiveDate> {
    parse_iso_date(input(r).trim()).ok()
}

fn dispatch(store: &PlansContext, today: NaiveDate, id: &str, change: StaffChange) {
    store.plans.dispatch(PlansAction::Staff {
        id: id.to_string(),
        change,
        at: browser::now_iso(),
        today,
    });
}

/// A typed adjustment in words, in the current language.
fn describe(ctx: &AppContext, a: &Adjustment) -> String {
    let d = |x: &NaiveDate| ctx.catalog.date(*x);
    let what = match &a.change {
        Change::MoveSession { number, from, to } => ctx.f(
            "staff.adjust.moved",
            &[
                ("n", &number.to_string()),
                ("from", &d(from)),
                ("to", &d(to)),
            ],
        ),
        Change::AddSession { date } => ctx.f("staff.adjust.added", &[("date", &d(date))]),
        Change::RemoveSession { number, date } => ctx.f(
            "staff.adjust.removed",
            &[("n", &number.to_string()), ("date", &d(date))],
        ),
        Change::ChangeInterval {
            from_weeks,
            to_weeks,
        } => ctx.f(
            "staff.adjust.interval",
            &[
                ("from", &from_weeks.to_string()),
                ("to", &to_weeks.to_string()),
            ],
        ),
    };
    let by = ctx.f(
        "staff.adjust.by",
        &[("who", &a.by), ("when", a.at.get(..10).unwrap_or(&a.at))],
    );
    match &a.reason {
        Some(r) => ctx.f(
            "staff.adjust.line_reason",
            &[("what", &what), ("by", &by), ("reason", r)],
        ),
        None => ctx.f("staff.adjust.line", &[("what", &what), ("by", &by)]),
    }
}

/// One patient's course.
#[component(StaffPatientPage)]
pub fn staff_patient_page(props: &StaffPatientPageProps) -> Html {
    let ctx = use_app();
    let store = use_plans();
    let open = !ctx.clinic.kiosk.staff_passcode || *store.staff_open;
    // Form fields (uncontrolled: read on submit).
    let confirm_by = use_node_ref();
    let confirm_on = use_node_ref();
    let adj_kind = use_state(|| "move".to_string());
    let adj_session = use_node_ref();
    let adj_date = use_node_ref();
    let adj_weeks = use_node_ref();
    let adj_reason = use_node_ref();
    let adj_by = use_node_ref();
    let adj_issues = use_state(Vec::new);
    let s_number = use_node_ref();
    let s_date = use_node_ref();
    let s_product = use_node_ref();
    let s_lot = use_node_ref();
    let s_notes = use_node_ref();
    let s_effects = use_node_ref();
    let r_date = use_node_ref();
    let r_gpa = use_node_ref();
    let r_rating = use_node_ref();
    let r_pull = use_node_ref();
    let r_notes = use_node_ref();
    {
        let navigate = ctx.navigate.clone();
        use_effect_with(open, move |open| {
            if !*open {
                navigate.emit(Route::Staff);
            }
        });
    }
    if !open {
        return html! {};
    }
    let Some(p) = store.plans.0.get(&props.id).cloned() else {
        return html! {
            <div class="staff-patient" data-testid="staff-patient-missing">
                <h1 id="page-heading" tabindex="-1">{ ctx.t("saved.missing") }</h1>
                <p><a class="app-link" href="#/staff">{ ctx.t("staff.patients.back") }</a></p>
            </div>
        };
    };
    let id = p.id.clone();
    let clinic = p.clinic_then(&ctx.clinic);
    let status = course_status(&p, &clinic);
    let due = next_due(&p, &clinic, ctx.today);
    let current = current_plan(&p, &clinic);
    let done: Vec<u8> = p.staff.sessions_done.iter().map(|d| d.number).collect();
    let writable = store.plans.0.writable();

    let on_confirm = {
        let ctx = ctx.clone();
        let store = store.clone();
        let id = id.clone();
        let (by, on) = (confirm_by.clone(), confirm_on.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let (Some(name), Some(day)) = (opt(input(&by)), date(&on)) {
                dispatch(
                    &store,
                    ctx.today,
                    &id,
                    StaffChange::Confirm { by: name, on: day },
                );
            }
        })
    };
    // The change the adjust form describes now.
    let read_change = {
        let (kind, session, day, weeks) = (
            adj_kind.clone(),
            adj_session.clone(),
            adj_date.clone(),
            adj_weeks.clone(),
        );
        let current = current.clone();
        move || -> Option<Change> {
            let plan = current.as_ref()?;
            let number: u8 = input(&session).parse().ok().unwrap_or(0);
            let at = |n: u8| plan.sessions.iter().find(|s| s.number == n).map(|s| s.date);
            Some(match kind.as_str() {
                "move" => Change::MoveSession {
                    number,
                    from: at(number)?,
                    to: date(&day)?,
                },
                "add" => Change::AddSession { date: date(&day)? },
                "remove" => Change::RemoveSession {
                    number,
                    date: at(number)?,
                },
                _ => Change::ChangeInterval {
                    from_weeks: plan.interval_weeks.unwrap_or(0),
                    to_weeks: input(&weeks).parse().ok()?,
                },
            })
        }
    };
    let on_adjust_input = {
        let read_change = read_change.clone();
        let issues = adj_issues.clone();
        let (current, clinic, done, today) =
            (current.clone(), clinic.clone(), done.clone(), ctx.today);
        Callback::from(move |_: Event| {
            issues.set(match (read_change(), &current) {
                (Some(c), Some(plan)) => check_change(plan, &c, &clinic, &done, today),
                _ => vec![],
            });
        })
    };
    let on_adjust = {
        let ctx = ctx.clone();
        let store = store.clone();
        let id = id.clone();
        let (reason, by) = (adj_reason.clone(), adj_by.clone());
        let issues = adj_issues.clone();
        let (current, clinic, done) = (current.clone(), clinic.clone(), done.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (Some(change), Some(plan)) = (read_change(), &current) else {
                return;
            };
            let found = check_change(plan, &change, &clinic, &done, ctx.today);
            let reason = opt(input(&reason));
            issues.set(found.clone());
            if !change_allowed(&found, reason.as_deref()) {
                return;
            }
            let who = opt(input(&by)).unwrap_or_else(|| ctx.t("staff.adjust.someone"));
            dispatch(
                &store,
                ctx.today,
                &id,
                StaffChange::Adjust(Adjustment {
                    change,
                    by: who,
                    at: browser::now_iso(),
                    reason,
                }),
            );
            issues.set(vec![]);
        })
    };
    let on_session = {
        let ctx = ctx.clone();
        let store = store.clone();
        let id = id.clone();
        let f = (
            s_number.clone(),
            s_date.clone(),
            s_product.clone(),
            s_lot.clone(),
            s_notes.clone(),
            s_effects.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (Ok(number), Some(day)) = (input(&f.0).parse::<u8>(), date(&f.1)) else {
                return;
            };
            dispatch(
                &store,
                ctx.today,
                &id,
                StaffChange::RecordSession(SessionDone {
                    number,
                    date: day,
                    product: opt(input(&f.2)),
                    lot: opt(input(&f.3)),
                    notes: opt(input(&f.4)),
                    side_effects: opt(input(&f.5)),
                }),
            );
        })
    };
    let on_review = {
        let ctx = ctx.clone();
        let store = store.clone();
        let id = id.clone();
        let f = (
            r_date.clone(),
            r_gpa.clone(),
            r_rating.clone(),
            r_pull.clone(),
            r_notes.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(day) = date(&f.0) else { return };
            dispatch(
                &store,
                ctx.today,
                &id,
                StaffChange::RecordReview(ReviewVisit {
                    date: day,
                    clinician_score: input(&f.1).parse().ok(),
                    patient_rating: input(&f.2).parse().ok(),
                    pull_test_count: input(&f.3).trim().parse().ok(),
                    notes: opt(input(&f.4)),
                }),
            );
        })
    };
    let kind = (*adj_kind).clone();
    let on_kind = {
        let adj_kind = adj_kind.clone();
        let issues = adj_issues.clone();
        Callback::from(move |e: Event| {
            adj_kind.set(e.target_unchecked_into::<HtmlSelectElement>().value());
            issues.set(vec![]);
        })
    };
    let needs_reason = adj_issues.iter().any(|i| i.needs_reason());
    let today = ctx.today.to_string();
    let open_sessions: Vec<_> = current
        .as_ref()
        .map(|c| {
            c.sessions
                .iter()
                .filter(|s| !done.contains(&s.number))
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    html! {
        <div class="staff-patient" data-testid="staff-patient-page">
            <p class="staff-patient-back"><a class="app-link" href="#/staff">{ ctx.t("staff.patients.back") }</a></p>
            <h1 id="page-heading" tabindex="-1">{ p.label.clone() }</h1>
            <p class="staff-patient-meta">
                <span class={format!("patient-list-status patient-list-status--{}", status.id())} data-testid="staff-status">{ ctx.t(&format!("staff.status.{}", status.id())) }</span>
                { " · " }
                { match due { Some(d) => ctx.f("saved.next_date", &[("date", &ctx.catalog.date(d))]), None => ctx.t("saved.no_next_date") } }
            </p>
            <StoreNotice />
            <div class="staff-patient-actions">
                <button class="button" type="button" onclick={Callback::from(|_: MouseEvent| browser::print())}>{ ctx.t("staff.print") }</button>
                { saved_plan_exports(&ctx, &p) }
            </div>
            <div class="staff-patient-top">
            if current.is_none() {
                <p>{ ctx.t(&format!("verdict.{}.headline", p.evaluation.verdict)) }</p>
            }
            if p.staff.confirmation.is_none() && current.is_some() {
                <form class="staff-form" onsubmit={on_confirm} data-testid="confirm-form">
                    <h2>{ ctx.t("staff.confirm.title") }</h2>
                    <label for="confirm-by">{ ctx.t("staff.confirm.by") }</label>
                    <input id="confirm-by" ref={confirm_by} type="text" maxlength="60" required=true autocomplete="name" />
                    <label for="confirm-on">{ ctx.t("staff.confirm.on") }</label>
                    <input id="confirm-on" ref={confirm_on} type="date" value={today.clone()} required=true />
                    <button class="button button--primary" type="submit" disabled={!writable}>{ ctx.t("staff.confirm.button") }</button>
                </form>
            }
            </div>
            if let Some(plan) = &current {
                <PlanView plan={plan.clone()} confirmation={p.staff.confirmation.clone()} page_heading={false}
                          aftercare={clinic.aftercare} aftercare_is_current={p.clinic.is_none()} />
                <div class="staff-patient-proposal">
                if !p.staff.adjustments.is_empty() {
                    <section class="staff-section" aria-labelledby="proposal-heading" data-testid="original-proposal">
                        <h2 id="proposal-heading">{ ctx.t("staff.proposal.title") }</h2>
                        <ol>
                            { for p.evaluation.plan.iter().flat_map(|o| o.sessions.iter()).map(|s| html! {
                                <li>{ ctx.f("plan.row.session", &[("n", &s.number.to_string())]) }{ ": " }{ ctx.catalog.date(s.date) }</li>
                            }) }
                        </ol>
                        <h3>{ ctx.t("staff.adjust.history") }</h3>
                        <ul data-testid="adjustments">
                            { for p.staff.adjustments.iter().map(|a| html! { <li>{ describe(&ctx, a) }</li> }) }
                        </ul>
                    </section>
                }
                </div>
                <form class="staff-form" onsubmit={on_adjust} onchange={on_adjust_input} data-testid="adjust-form">
                    <h2>{ ctx.t("staff.adjust.title") }</h2>
                    <label for="adj-kind">{ ctx.t("staff.adjust.kind") }</label>
                    <select id="adj-kind" onchange={on_kind}>
                        { for ["move", "add", "remove", "interval"].iter().map(|k| html! {
                            <option value={*k} selected={kind == *k}>{ ctx.t(&format!("staff.adjust.kind.{k}")) }</option>
                        }) }
                    </select>
                    if kind == "move" || kind == "remove" {
                        <label for="adj-session">{ ctx.t("staff.adjust.session") }</label>
                        <select id="adj-session" ref={adj_session.clone()}>
                            { for open_sessions.iter().map(|s| html! {
                                <option value={s.number.to_string()}>{ ctx.f("plan.row.session", &[("n", &s.number.to_string())]) }{ " – " }{ ctx.catalog.date(s.date) }</option>
                            }) }
                        </select>
                    }
                    if kind == "move" || kind == "add" {
                        <label for="adj-date">{ ctx.t("staff.adjust.date") }</label>
                        <input id="adj-date" ref={adj_date.clone()} type="date" min={today.clone()} required=true />
                    }
                    if kind == "interval" {
                        <label for="adj-weeks">{ ctx.t("staff.adjust.weeks") }</label>
                        <input id="adj-weeks" ref={adj_weeks.clone()} type="number" min="1" max="12" required=true />
                    }
                    <label for="adj-by">{ ctx.t("staff.adjust.who") }</label>
                    <input id="adj-by" ref={adj_by} type="text" maxlength="60" autocomplete="name" />
                    <div class="staff-form-issues-area">
                    if !adj_issues.is_empty() {
                        <ul class="staff-form-issues" role="alert" data-testid="adjust-issues">
                            { for adj_issues.iter().map(|i| html! { <li>{ ctx.t(i.message_key()) }</li> }) }
                        </ul>
                    }
                    </div>
                    <label for="adj-reason">{ ctx.t(if needs_reason { "staff.adjust.reason_needed" } else { "staff.adjust.reason" }) }</label>
                    <textarea id="adj-reason" ref={adj_reason} rows="2" maxlength="500" />
                    <button class="button button--primary" type="submit" disabled={!writable} data-testid="adjust-submit">{ ctx.t("staff.adjust.button") }</button>
                </form>
                <section class="staff-section" aria-labelledby="sessions-heading">
                    <h2 id="sessions-heading">{ ctx.t("staff.sessions.title") }</h2>
                    if p.staff.sessions_done.is_empty() {
                        <p>{ ctx.t("staff.sessions.none") }</p>
                    }
                    <ul data-testid="sessions-done">
                        { for p.staff.sessions_done.iter().map(|s| html! {
                            <li data-number={s.number.to_string()}>
                                { ctx.f("staff.sessions.line", &[
                                    ("n", &s.number.to_string()),
                                    ("date", &ctx.catalog.date(s.date)),
                                    ("product", s.product.as_deref().unwrap_or("—")),
                                    ("lot", s.lot.as_deref().unwrap_or("—")),
                                ]) }
                                if let Some(x) = &s.side_effects { <br />{ ctx.f("staff.sessions.effects", &[("text", x)]) } }
                                if let Some(x) = &s.notes { <br />{ x.clone() } }
                            </li>
                        }) }
                    </ul>
                    if !open_sessions.is_empty() {
                        <form class="staff-form" onsubmit={on_session} data-testid="session-form">
                            <h3>{ ctx.t("staff.sessions.record") }</h3>
                            <label for="s-number">{ ctx.t("staff.adjust.session") }</label>
                            <select id="s-number" ref={s_number}>
                                { for open_sessions.iter().map(|s| html! {
                                    <option value={s.number.to_string()}>{ ctx.f("plan.row.session", &[("n", &s.number.to_string())]) }</option>
                                }) }
                            </select>
                            <label for="s-date">{ ctx.t("staff.sessions.date") }</label>
                            <input id="s-date" ref={s_date} type="date" value={today.clone()} required=true />
                            <label for="s-product">{ ctx.t("staff.sessions.product") }</label>
                            <input id="s-product" ref={s_product} type="text" maxlength="120" />
                            <label for="s-lot">{ ctx.t("staff.sessions.lot") }</label>
                            <input id="s-lot" ref={s_lot} type="text" maxlength="60" />
                            <label for="s-effects">{ ctx.t("staff.sessions.side_effects") }</label>
                            <input id="s-effects" ref={s_effects} type="text" maxlength="500" />
                            <label for="s-notes">{ ctx.t("staff.sessions.notes") }</label>
                            <textarea id="s-notes" ref={s_notes} rows="2" maxlength="2000" />
                            <button class="button button--primary" type="submit" disabled={!writable} data-testid="session-submit">{ ctx.t("staff.sessions.button") }</button>
                        </form>
                    }
                </section>
            }
            <section class="staff-section" aria-labelledby="progress-heading">
                <h2 id="progress-heading">{ ctx.t("staff.progress.title") }</h2>
                <ProgressChart reviews={p.staff.reviews.clone()} />
                <form class="staff-form" onsubmit={on_review} data-testid="review-form">
                    <h3>{ ctx.t("staff.review.record") }</h3>
                    <label for="r-date">{ ctx.t("staff.review.date") }</label>
                    <input id="r-date" ref={r_date} type="date" value={today.clone()} required=true />
                    <label for="r-gpa">{ ctx.t("staff.progress.clinician") }</label>
                    <select id="r-gpa" ref={r_gpa}>
                        <option value="">{ "—" }</option>
                        { for (-3i8..=3).rev().map(|s| html! { <option value={s.to_string()}>{ if s > 0 { format!("+{s}") } else { s.to_string() } }</option> }) }
                    </select>
                    <label for="r-rating">{ ctx.t("staff.progress.patient") }</label>
                    <select id="r-rating" ref={r_rating}>
                        <option value="">{ "—" }</option>
                        { for (0u8..=10).map(|s| html! { <option value={s.to_string()}>{ s.to_string() }</option> }) }
                    </select>
                    <label for="r-pull">{ ctx.t("staff.review.pull_test") }</label>
                    <input id="r-pull" ref={r_pull} type="number" min="0" max="500" inputmode="numeric" />
                    <label for="r-notes">{ ctx.t("staff.sessions.notes") }</label>
                    <textarea id="r-notes" ref={r_notes} rows="2" maxlength="2000" />
                    <button class="button button--primary" type="submit" disabled={!writable} data-testid="review-submit">{ ctx.t("staff.review.button") }</button>
                </form>
            </section>
        </div>
    }
}
