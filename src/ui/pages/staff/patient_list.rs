//! Staff mode's patients on this device: the saved plans, searchable by nickname, sortable by
//! next due date, each with its status and next date; lock, change passcode, export and import
//! backups (import shows what it would add, update or keep as a conflict before anything
//! changes). It must not show anything while staff mode is locked (the page checks).

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::state::backup::{preview, BackupError, Preview};
use crate::state::plans::PlansAction;
use crate::state::staff::{course_status, next_due, passcode_ok};
use crate::ui::browser;
use crate::ui::components::{ShowMore, StorageStatus, StoreNotice};
use crate::ui::context::{use_app, use_plans};
use crate::ui::staff_auth;

use super::EncryptionSettings;

/// Props of [`PatientList`] (none).
#[derive(Properties, PartialEq, Clone, Default)]
pub struct PatientListProps {}

/// Patients listed at once (and added by "Show more"): search finds the others.
const PAGE: usize = 100;

/// What the list shows of a patient besides the plan itself.
struct Summary {
    label_lower: String,
    status: crate::state::staff::CourseStatus,
    due: Option<chrono::NaiveDate>,
}

#[derive(Clone, Copy, PartialEq)]
enum Sort {
    NextDue,
    Newest,
}

/// The patient list.
#[component(PatientList)]
pub fn patient_list(_props: &PatientListProps) -> Html {
    let ctx = use_app();
    let store = use_plans();
    let query = use_state(String::new);
    let sort = use_state(|| Sort::NextDue);
    let import = use_state(|| None::<Result<Preview, BackupError>>);
    let notice = use_state(|| None::<String>);
    let changing = use_state(|| false);
    let shown = use_state(|| PAGE);
    let state = &store.plans.0;
    // Each patient's status and next date, worked out once per change of the plans or of
    // the day (not on every key typed in the search): a busy tablet holds thousands.
    let summaries = use_memo(
        (store.plans.clone(), ctx.clinic.clone(), ctx.today),
        |(plans, clinic, today)| {
            plans
                .0
                .plans
                .iter()
                .map(|p| {
                    let then = p.clinic_then(clinic);
                    Summary {
                        label_lower: p.label.to_lowercase(),
                        status: course_status(p, &then),
                        due: next_due(p, &then, *today),
                    }
                })
                .collect::<Vec<_>>()
        },
    );
    let q = query.to_lowercase();
    let mut rows: Vec<_> = state
        .plans
        .iter()
        .zip(summaries.iter())
        .filter(|(_, s)| q.is_empty() || s.label_lower.contains(&q))
        .map(|(p, s)| (p, s.status, s.due))
        .collect();
    if *sort == Sort::NextDue {
        // Due soonest first; plans with nothing due last.
        rows.sort_by_key(|(_, _, due)| (due.is_none(), *due));
    }
    let total = rows.len();
    rows.truncate(*shown);
    let on_query = {
        let query = query.clone();
        let shown = shown.clone();
        Callback::from(move |e: InputEvent| {
            query.set(e.target_unchecked_into::<HtmlInputElement>().value());
            shown.set(PAGE);
        })
    };
    let on_sort = {
        let sort = sort.clone();
        Callback::from(move |e: Event| {
            let v = e
                .target_unchecked_into::<web_sys::HtmlSelectElement>()
                .value();
            sort.set(if v == "newest" {
                Sort::Newest
            } else {
                Sort::NextDue
            });
        })
    };
    let on_lock = {
        let open = store.staff_open.clone();
        Callback::from(move |_: MouseEvent| open.set(false))
    };
    let on_export = {
        let plans = state.plans.clone();
        let unconverted = state.unconverted.clone();
        let notice = notice.clone();
        let catalog = ctx.catalog;
        Callback::from(move |_: MouseEvent| {
            let ok = browser::download_backup(&plans, &unconverted);
            notice.set(Some(catalog.t(if ok.is_ok() {
                "backup.exported"
            } else {
                "saved.backup_failed"
            })));
        })
    };
    let on_file = {
        let import = import.clone();
        let current = state.plans.clone();
        let clinic = (*ctx.clinic).clone();
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<HtmlInputElement>();
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            input.set_value("");
            let import = import.clone();
            let current = current.clone();
            let clinic = clinic.clone();
            if file.size() > crate::state::backup::MAX_BACKUP_BYTES as f64 {
                import.set(Some(Err(BackupError::TooLarge(file.size() as usize))));
                return;
            }
            wasm_bindgen_futures::spawn_local(async move {
                let text = wasm_bindgen_futures::JsFuture::from(file.text())
                    .await
                    .ok()
                    .and_then(|v| v.as_string())
                    .unwrap_or_default();
                let clinics = [clinic, crate::core::Clinic::default()];
                import.set(Some(preview(&text, &current, &clinics, browser::new_id)));
            });
        })
    };
    let on_import = {
        let import = import.clone();
        let plans = store.plans.clone();
        let notice = notice.clone();
        let catalog = ctx.catalog;
        Callback::from(move |_: MouseEvent| {
            if let Some(Ok(p)) = &*import {
                plans.dispatch(PlansAction::Import(p.records()));
                notice.set(Some(catalog.t("backup.imported")));
            }
            import.set(None);
        })
    };
    let on_cancel_import = {
        let import = import.clone();
        Callback::from(move |_: MouseEvent| import.set(None))
    };
    let needs_passcode = ctx.clinic.kiosk.staff_passcode;
    html! {
        <div class="patient-list" data-testid="staff-patients">
            <h1 id="page-heading" tabindex="-1">{ ctx.t("staff.patients.title") }</h1>
            <div class="patient-list-actions">
                if needs_passcode {
                    <button class="button" type="button" onclick={on_lock} data-testid="staff-lock">{ ctx.t("staff.lock") }</button>
                    <button class="button" type="button" onclick={{ let c = changing.clone(); Callback::from(move |_: MouseEvent| c.set(!*c)) }}>{ ctx.t("staff.passcode.change") }</button>
                }
                <button class="button" type="button" onclick={on_export} data-testid="backup-export">{ ctx.t("saved.backup") }</button>
                <label class="button patient-list-file">
                    { ctx.t("backup.import") }
                    <input class="visually-hidden" type="file" accept="application/json,.json" onchange={on_file} data-testid="backup-import" />
                </label>
            </div>
            <div class="patient-list-messages">
                if *changing { <ChangePasscode on_done={{ let c = changing.clone(); Callback::from(move |_| c.set(false)) }} /> }
                if let Some(n) = &*notice { <p class="app-notice" role="status">{ n.clone() }</p> }
                <StoreNotice />
            </div>
            <div class="patient-list-import-area">
                { match &*import {
                    None => html! {},
                    Some(Err(e)) => html! { <p class="store-notice" role="alert" data-testid="import-error">{ ctx.t(e.message_key()) }</p> },
                    Some(Ok(p)) => html! {
                        <section class="patient-list-import" aria-labelledby="import-heading" data-testid="import-preview">
                            <h2 id="import-heading">{ ctx.t("backup.preview") }</h2>
                            <ul>
                                <li data-testid="import-add">{ ctx.catalog.count("backup.add", p.add.len()) }</li>
                                <li data-testid="import-update">{ ctx.catalog.count("backup.update", p.update.len()) }</li>
                                <li data-testid="import-conflict">{ ctx.catalog.count("backup.conflict", p.conflict.len()) }</li>
                                <li>{ ctx.catalog.count("backup.unchanged", p.unchanged) }</li>
                            </ul>
                            <button class="button button--primary" type="button" onclick={on_import} disabled={p.is_empty() || !state.writable()} data-testid="import-confirm">{ ctx.t("backup.confirm") }</button>
                            <button class="button" type="button" onclick={on_cancel_import}>{ ctx.t("saved.cancel") }</button>
                        </section>
                    },
                } }
            </div>
            <div class="patient-list-tools">
                <label for="patient-search">{ ctx.t("staff.search") }</label>
                <input id="patient-search" type="search" value={(*query).clone()} oninput={on_query} autocomplete="off" />
                <label for="patient-sort">{ ctx.t("staff.sort") }</label>
                <select id="patient-sort" onchange={on_sort}>
                    <option value="due" selected={*sort == Sort::NextDue}>{ ctx.t("staff.sort.due") }</option>
                    <option value="newest" selected={*sort == Sort::Newest}>{ ctx.t("staff.sort.newest") }</option>
                </select>
            </div>
            <div class="patient-list-empty">
                if rows.is_empty() {
                    <p data-testid="staff-empty">{ ctx.t("staff.patients.none") }</p>
                }
            </div>
            <ul class="patient-list-items" id="patient-list-items">
                { for rows.iter().map(|(p, status, due)| html! {
                    <li class="patient-list-item" key={p.id.clone()} data-testid="staff-patient" data-id={p.id.clone()} data-status={status.id()}>
                        <a class="patient-list-name" href={format!("#/staff/p/{}", p.id)}>{ p.label.clone() }</a>
                        <span class={format!("patient-list-status patient-list-status--{}", status.id())}>{ ctx.t(&format!("staff.status.{}", status.id())) }</span>
                        <span class="patient-list-due">
                            { match due { Some(d) => ctx.f("saved.next_date", &[("date", &ctx.catalog.date(*d))]), None => ctx.t("saved.no_next_date") } }
                        </span>
                    </li>
                }) }
            </ul>
            <ShowMore listed={rows.len()} {total} page={PAGE} status_key="staff.patients.shown"
                      more_key="staff.patients.more" list_id="patient-list-items" testid="staff"
                      on_more={{ let shown = shown.clone(); Callback::from(move |_| shown.set(*shown + PAGE)) }} />
            <StorageStatus />
            <EncryptionSettings />
        </div>
    }
}

/// Props of `ChangePasscode`.
#[derive(Properties, PartialEq, Clone)]
struct ChangePasscodeProps {
    on_done: Callback<()>,
}

/// Change the passcode: the current one, then the new one twice.
#[component(ChangePasscode)]
fn change_passcode(props: &ChangePasscodeProps) -> Html {
    let ctx = use_app();
    let store = use_plans();
    let (cur, new, again) = (use_node_ref(), use_node_ref(), use_node_ref());
    let message = use_state(|| None::<String>);
    let onsubmit = {
        let (cur, new, again) = (cur.clone(), new.clone(), again.clone());
        let message = message.clone();
        let on_done = props.on_done.clone();
        let catalog = ctx.catalog;
        let sealed = store.sealed.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let v = |r: &NodeRef| {
                r.cast::<HtmlInputElement>()
                    .map(|i| i.value())
                    .unwrap_or_default()
            };
            let (c, n, a) = (v(&cur), v(&new), v(&again));
            if !passcode_ok(&n) {
                message.set(Some(catalog.t("staff.passcode.too_short")));
                return;
            }
            if n != a {
                message.set(Some(catalog.t("staff.passcode.mismatch")));
                return;
            }
            let message = message.clone();
            let on_done = on_done.clone();
            let sealed = sealed.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let ok = match staff_auth::stored() {
                    Ok(Some(s)) => staff_auth::check(&c, &s).await.unwrap_or(false),
                    _ => false,
                };
                if !ok {
                    message.set(Some(catalog.t("staff.passcode.wrong")));
                    return;
                }
                // Encrypted plans first go under the new passcode's key; only then does the
                // passcode change (and if it cannot, they go back under the old one): the
                // plans always open with the passcode that unlocks staff mode.
                if let Err(e) = sealed.change_passcode(&n).await {
                    message.set(Some(catalog.t(e.message_key())));
                    return;
                }
                match staff_auth::set_passcode(&n).await {
                    Ok(()) => on_done.emit(()),
                    Err(why) => {
                        let _ = sealed.change_passcode(&c).await;
                        message.set(Some(catalog.f("staff.passcode.error", &[("why", &why)])))
                    }
                }
            });
        })
    };
    html! {
        <form class="staff-unlock-form" {onsubmit} novalidate=true data-testid="change-passcode">
            <label for="cp-current">{ ctx.t("staff.passcode.current") }</label>
            <input id="cp-current" ref={cur} type="password" autocomplete="current-password" required=true />
            <label for="cp-new">{ ctx.t("staff.passcode.new") }</label>
            <input id="cp-new" ref={new} type="password" autocomplete="new-password" minlength="6" required=true />
            <label for="cp-again">{ ctx.t("staff.passcode.again") }</label>
            <input id="cp-again" ref={again} type="password" autocomplete="new-password" minlength="6" required=true />
            <p role="status">{ (*message).clone().unwrap_or_default() }</p>
            <button class="button button--primary" type="submit">{ ctx.t("staff.passcode.save") }</button>
        </form>
    }
}
