//! The saved plans, newest first, with verdict and next date; open, rename, delete with
//! undo, and a backup download. It must never hide a storage problem.

use yew::prelude::*;

use crate::state::plans::{PlansAction, StoreStatus};
use crate::ui::browser;
use crate::ui::components::{RenameForm, ShowMore, StorageStatus, StoreNotice, UndoBar};
use crate::ui::context::{use_app, use_plans};

/// Plans listed at once (and added by "Show more"), so a device holding many still opens
/// the list at once.
const PAGE: usize = 100;

/// Props of [`SavedListPage`] (none).
#[derive(Properties, PartialEq, Clone, Default)]
pub struct SavedListPageProps {}

/// The saved-plans list.
#[component(SavedListPage)]
pub fn saved_list_page(_props: &SavedListPageProps) -> Html {
    let ctx = use_app();
    let store = use_plans();
    let renaming = use_state(|| None::<String>);
    let shown = use_state(|| PAGE);
    let backup_failed = use_state(|| false);
    // After a rename or cancel, focus returns to that plan's Rename button.
    let focus_after = use_state(|| None::<String>);
    {
        let focus_after = focus_after.clone();
        use_effect_with((*focus_after).clone(), move |target| {
            if let Some(id) = target {
                browser::focus_id(id);
                focus_after.set(None);
            }
        });
    }
    let state = &store.plans.0;
    let on_backup = {
        let plans = state.plans.clone();
        let unconverted = state.unconverted.clone();
        let backup_failed = backup_failed.clone();
        Callback::from(move |_: MouseEvent| {
            backup_failed.set(browser::download_backup(&plans, &unconverted).is_err());
        })
    };
    let total = state.plans.len();
    let listed = total.min(*shown);
    let items = state.plans.iter().take(listed).map(|p| {
        let id = p.id.clone();
        let next = p.next_date(ctx.today).map(|d| ctx.catalog.date(d));
        let plans = store.plans.clone();
        let del_id = id.clone();
        let on_delete = Callback::from(move |_: MouseEvent| plans.dispatch(PlansAction::Delete { id: del_id.clone() }));
        let r = renaming.clone();
        let ren_id = id.clone();
        let on_rename_open = Callback::from(move |_: MouseEvent| r.set(Some(ren_id.clone())));
        let plans = store.plans.clone();
        let r = renaming.clone();
        let ren_id = id.clone();
        let fa = focus_after.clone();
        let on_rename = Callback::from(move |label: String| {
            plans.dispatch(PlansAction::Rename { id: ren_id.clone(), label, at: browser::now_iso() });
            r.set(None);
            fa.set(Some(format!("rename-button-{ren_id}")));
        });
        let r = renaming.clone();
        let fa = focus_after.clone();
        let cancel_id = id.clone();
        let on_cancel = Callback::from(move |_| {
            r.set(None);
            fa.set(Some(format!("rename-button-{cancel_id}")));
        });
        let is_renaming = renaming.as_deref() == Some(id.as_str());
        html! {
            <li class="saved-list-item" key={id.clone()} data-testid="saved-item" data-id={id.clone()}>
                <h2 class="saved-list-title"><a href={format!("#/saved/{id}")}>{ p.label.clone() }</a></h2>
                <p class="saved-list-meta">
                    <span class={format!("saved-list-verdict saved-list-verdict--{}", p.evaluation.verdict)}>{ ctx.t(&format!("verdict.{}.headline", p.evaluation.verdict)) }</span>
                    { " · " }{ ctx.f("saved.assessed_on", &[("date", &ctx.catalog.date_short(p.assessed_on))]) }
                </p>
                <p class="saved-list-next">
                    { match next { Some(d) => ctx.f("saved.next_date", &[("date", &d)]), None => ctx.t("saved.no_next_date") } }
                </p>
                if is_renaming {
                    <RenameForm id={id.clone()} current={p.label.clone()} {on_rename} {on_cancel} />
                } else {
                    <div class="saved-list-actions">
                        <a class="button" href={format!("#/saved/{id}")}>{ ctx.t("saved.open") }</a>
                        <button class="button" type="button" id={format!("rename-button-{id}")} onclick={on_rename_open} disabled={!state.writable()}
                                aria-label={ctx.f("saved.rename_named", &[("label", &p.label)])}>{ ctx.t("saved.rename") }</button>
                        <button class="button button--danger" type="button" onclick={on_delete} disabled={!state.writable()}
                                aria-label={ctx.f("saved.delete_named", &[("label", &p.label)])}>{ ctx.t("saved.delete") }</button>
                    </div>
                }
            </li>
        }
    });
    if ctx.kiosk {
        return html! {
            <div class="saved-list-page" data-testid="saved-kiosk">
                <h1 id="page-heading" tabindex="-1">{ ctx.t("saved.title") }</h1>
                <p>{ ctx.t("kiosk.saved_hidden") }</p>
            </div>
        };
    }
    html! {
        <div class="saved-list-page" data-testid="saved-page">
            <h1 id="page-heading" tabindex="-1">{ ctx.t("saved.title") }</h1>
            <p>{ ctx.t("saved.intro") }</p>
            <StoreNotice />
            <UndoBar />
            if state.plans.is_empty() && state.status == StoreStatus::Ready {
                <p data-testid="saved-empty">{ ctx.t("saved.empty") }</p>
            }
            <ul class="saved-list" id="saved-list">{ for items }</ul>
            <ShowMore {listed} {total} page={PAGE} status_key="saved.shown" more_key="saved.more"
                      list_id="saved-list" testid="saved"
                      on_more={{ let shown = shown.clone(); Callback::from(move |_| shown.set(*shown + PAGE)) }} />
            if !state.plans.is_empty() {
                <p><button class="button" type="button" onclick={on_backup}>{ ctx.t("saved.backup") }</button></p>
                if *backup_failed { <p class="store-notice" role="alert">{ ctx.t("saved.backup_failed") }</p> }
            }
            <StorageStatus />
        </div>
    }
}
