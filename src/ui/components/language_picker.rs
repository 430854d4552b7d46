//! The language picker in the header (spec §10): the languages the clinic offers, each named
//! in its own language; the choice is remembered on this device. It must not change any
//! answer: switching re-renders the same typed data in the new language.

use yew::prelude::*;

use crate::core::catalog::language_name;
use crate::ui::context::use_app;
use crate::ui::locale;

/// Props of [`LanguagePicker`] (none).
#[derive(Properties, PartialEq, Clone, Default)]
pub struct LanguagePickerProps {}

/// The language picker (nothing when the clinic offers one language).
#[component(LanguagePicker)]
pub fn language_picker(_props: &LanguagePickerProps) -> Html {
    let ctx = use_app();
    let offered = &ctx.clinic.languages.offered;
    if offered.len() < 2 {
        return html! {};
    }
    let current = ctx.catalog.lang();
    let on_change = {
        let set_language = ctx.set_language.clone();
        Callback::from(move |e: Event| {
            let Some(select) = e.target_dyn_into::<web_sys::HtmlSelectElement>() else {
                return;
            };
            let lang = select.value();
            locale::remember(&lang);
            set_language.emit(lang);
        })
    };
    html! {
        <div class="language-picker">
            <label class="language-picker-label" for="language-picker">{ ctx.t("language.label") }</label>
            <select id="language-picker" class="language-picker-select" onchange={on_change} data-testid="language-picker">
                { for offered.iter().map(|l| html! {
                    <option value={l.clone()} lang={l.clone()} selected={l == current}>{ language_name(l) }</option>
                }) }
            </select>
        </div>
    }
}
