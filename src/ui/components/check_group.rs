//! Several-answers question: native checkboxes with one-line hints and an exclusive
//! "None of these". It must not know what the answers mean.

use yew::prelude::*;

use super::choice_group::ChoiceOption;
use super::question_fieldset::{described_by, QuestionFieldset};

/// Props of [`CheckGroup`].
#[derive(Properties, PartialEq, Clone)]
pub struct CheckGroupProps {
    /// The question's field id: the fieldset is `q-<field>-group`, the first box `q-<field>`.
    pub field: AttrValue,
    pub legend: AttrValue,
    #[prop_or_default]
    pub help: Option<AttrValue>,
    pub options: Vec<ChoiceOption>,
    pub checked: Vec<AttrValue>,
    pub none_checked: bool,
    pub none_label: AttrValue,
    #[prop_or_default]
    pub error: Option<AttrValue>,
    pub on_toggle: Callback<AttrValue>,
    pub on_none: Callback<()>,
}

/// A checkbox group with "None of these".
#[component(CheckGroup)]
pub fn check_group(props: &CheckGroupProps) -> Html {
    let field = props.field.clone();
    let described = described_by(&field, props.help.is_some(), props.error.is_some());
    let invalid = props.error.is_some().then_some("true");
    let none_id = format!("q-{field}-none");
    let on_none = props.on_none.clone();
    html! {
        <QuestionFieldset field={field.clone()} legend={props.legend.clone()} help={props.help.clone()} error={props.error.clone()}
                          class={classes!("check-group")}>
            <div class="check-group-options">
                { for props.options.iter().enumerate().map(|(i, o)| {
                    let input_id = if i == 0 { format!("q-{field}") } else { format!("q-{field}-{}", o.id) };
                    let hint_id = format!("q-{field}-{}-hint", o.id);
                    let label_id = format!("q-{field}-{}-label", o.id);
                    let checked = props.checked.contains(&o.id);
                    let on_toggle = props.on_toggle.clone();
                    let id = o.id.clone();
                    let onchange = Callback::from(move |_: Event| on_toggle.emit(id.clone()));
                    let described_by = match (&o.hint, &described) {
                        (Some(_), Some(d)) => Some(format!("{hint_id} {d}")),
                        (Some(_), None) => Some(hint_id.clone()),
                        (None, d) => d.clone(),
                    };
                    html! {
                        <label class={classes!("check-group-option", checked.then_some("check-group-option--checked"))} for={input_id.clone()}>
                            <input class="check-group-input" type="checkbox" id={input_id} value={o.id.clone()}
                                   {checked} {onchange} aria-labelledby={label_id.clone()} aria-describedby={described_by} aria-invalid={invalid} />
                            <span class="check-group-text">
                                <span class="check-group-label" id={label_id}>{ o.label.clone() }</span>
                                if let Some(h) = &o.hint { <span class="check-group-hint" id={hint_id}>{ h.clone() }</span> }
                            </span>
                        </label>
                    }
                }) }
                <label class={classes!("check-group-option", "check-group-option--none", props.none_checked.then_some("check-group-option--checked"))} for={none_id.clone()}>
                    <input class="check-group-input" type="checkbox" id={none_id} checked={props.none_checked}
                           onchange={Callback::from(move |_: Event| on_none.emit(()))}
                           aria-describedby={described.clone()} aria-invalid={invalid} />
                    <span class="check-group-text"><span class="check-group-label">{ props.none_label.clone() }</span></span>
                </label>
            </div>
        </QuestionFieldset>
    }
}
