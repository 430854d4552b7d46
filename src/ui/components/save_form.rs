//! Save an assessment under a nickname. It must not write storage itself: it emits the
//! nickname and the page dispatches to the saved-plans store.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::state::plans::{clean_label, SaveState, LABEL_MAX_CHARS};
use crate::ui::context::use_app;

/// Props of [`SaveForm`].
#[derive(Properties, PartialEq, Clone)]
pub struct SaveFormProps {
    /// Whether saving is possible (the store is readable and writable).
    pub enabled: bool,
    /// Once this assessment was saved: its id and whether it is in storage.
    #[prop_or_default]
    pub saved: Option<(String, SaveState)>,
    pub on_save: Callback<String>,
    /// Try writing again after a failed write.
    pub on_retry: Callback<()>,
}

/// The save form.
#[component(SaveForm)]
pub fn save_form(props: &SaveFormProps) -> Html {
    let ctx = use_app();
    let label = use_state(String::new);
    let error = use_state(|| false);
    let oninput = {
        let label = label.clone();
        Callback::from(move |e: InputEvent| {
            label.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let onsubmit = {
        let label = label.clone();
        let error = error.clone();
        let on_save = props.on_save.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let clean = clean_label(&label);
            if clean.is_empty() {
                error.set(true);
                crate::ui::browser::focus_id("save-label");
            } else {
                error.set(false);
                on_save.emit(clean);
            }
        })
    };
    match &props.saved {
        Some((id, SaveState::Saved)) => {
            return html! {
                <p class="save-form-done" role="status" data-testid="saved-status">
                    if ctx.kiosk {
                        // A shared tablet: the plan is kept for the clinic, not shown to the next visitor.
                        { ctx.t("kiosk.saved_for_clinic") }
                    } else {
                        { ctx.t("save.done") }{ " " }
                        <a class="app-link" href={format!("#/saved/{id}")}>{ ctx.t("save.open") }</a>
                    }
                </p>
            };
        }
        Some((_, SaveState::Saving)) => {
            return html! { <p class="save-form-done" role="status">{ ctx.t("save.saving") }</p> };
        }
        Some((_, SaveState::Failed)) => {
            let on_retry = props.on_retry.clone();
            return html! {
                <p class="save-form-failed" role="status" data-testid="save-failed">
                    { ctx.t("save.failed") }{ " " }
                    <button class="button" type="button" onclick={Callback::from(move |_: MouseEvent| on_retry.emit(()))}>
                        { ctx.t("save.retry") }
                    </button>
                </p>
            };
        }
        Some((_, SaveState::Gone)) | None => {}
    }
    html! {
        <form class="save-form" {onsubmit} data-testid="save-form">
            <label class="save-form-label" for="save-label">{ ctx.t("save.label") }</label>
            <p class="save-form-help" id="save-label-help">{ ctx.t("save.help") }</p>
            if *error {
                <p class="save-form-error" id="save-label-error">{ ctx.t("save.label_missing") }</p>
            }
            <div class="save-form-row">
                <input class="save-form-input" id="save-label" type="text" maxlength={LABEL_MAX_CHARS.to_string()}
                       value={(*label).clone()} {oninput} disabled={!props.enabled} autocomplete="off"
                       aria-describedby={if *error { "save-label-help save-label-error" } else { "save-label-help" }}
                       aria-invalid={(*error).then_some("true")} />
                <button class="button button--primary" type="submit" disabled={!props.enabled}>{ ctx.t("save.button") }</button>
            </div>
        </form>
    }
}
