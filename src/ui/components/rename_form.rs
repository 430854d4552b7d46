//! Rename a saved plan inline. It must not write storage: it emits the new nickname.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::state::plans::{clean_label, LABEL_MAX_CHARS};
use crate::ui::context::use_app;

/// Props of [`RenameForm`].
#[derive(Properties, PartialEq, Clone)]
pub struct RenameFormProps {
    /// Used to make element ids unique.
    pub id: AttrValue,
    pub current: AttrValue,
    pub on_rename: Callback<String>,
    pub on_cancel: Callback<()>,
}

/// The rename form.
#[component(RenameForm)]
pub fn rename_form(props: &RenameFormProps) -> Html {
    let ctx = use_app();
    let value = use_state(|| props.current.to_string());
    let input_id = format!("rename-{}", props.id);
    {
        let input_id = input_id.clone();
        use_effect_with((), move |_| crate::ui::browser::focus_id(&input_id));
    }
    let oninput = {
        let value = value.clone();
        Callback::from(move |e: InputEvent| {
            value.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let onsubmit = {
        let value = value.clone();
        let on_rename = props.on_rename.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let clean = clean_label(&value);
            if !clean.is_empty() {
                on_rename.emit(clean);
            }
        })
    };
    let on_cancel = props.on_cancel.clone();
    html! {
        <form class="rename-form" {onsubmit} data-testid="rename-form">
            <label class="rename-form-label" for={input_id.clone()}>{ ctx.t("saved.rename_label") }</label>
            <div class="rename-form-row">
                <input class="rename-form-input" id={input_id} type="text" maxlength={LABEL_MAX_CHARS.to_string()}
                       value={(*value).clone()} {oninput} autocomplete="off" />
                <button class="button button--primary" type="submit">{ ctx.t("saved.rename_save") }</button>
                <button class="button" type="button" onclick={Callback::from(move |_: MouseEvent| on_cancel.emit(()))}>{ ctx.t("saved.cancel") }</button>
            </div>
        </form>
    }
}
