//! One-answer question: a fieldset of native radio buttons (keyboard arrows, labels,
//! optional pictures). It must not know what the answer means.

use yew::prelude::*;

use super::question_fieldset::{described_by, QuestionFieldset};

/// One option of a [`ChoiceGroup`].
#[derive(PartialEq, Clone)]
pub struct ChoiceOption {
    /// The value's id (e.g. `female`).
    pub id: AttrValue,
    pub label: AttrValue,
    pub hint: Option<AttrValue>,
    /// A decorative picture shown above the label.
    pub picture: Option<Html>,
}

impl ChoiceOption {
    /// A text-only option.
    pub fn text(id: impl Into<AttrValue>, label: impl Into<AttrValue>) -> Self {
        ChoiceOption {
            id: id.into(),
            label: label.into(),
            hint: None,
            picture: None,
        }
    }
}

/// Props of [`ChoiceGroup`].
#[derive(Properties, PartialEq, Clone)]
pub struct ChoiceGroupProps {
    /// The question's field id: the fieldset is `q-<field>-group`, the first radio `q-<field>`.
    pub field: AttrValue,
    pub legend: AttrValue,
    #[prop_or_default]
    pub help: Option<AttrValue>,
    pub options: Vec<ChoiceOption>,
    pub selected: Option<AttrValue>,
    #[prop_or_default]
    pub error: Option<AttrValue>,
    /// Lay options out as picture cards.
    #[prop_or_default]
    pub pictures: bool,
    pub on_select: Callback<AttrValue>,
}

/// A radio group.
#[component(ChoiceGroup)]
pub fn choice_group(props: &ChoiceGroupProps) -> Html {
    let field = props.field.clone();
    let described = described_by(&field, props.help.is_some(), props.error.is_some());
    let class = classes!(
        "choice-group",
        props.pictures.then_some("choice-group--pictures")
    );
    html! {
        <QuestionFieldset field={field.clone()} legend={props.legend.clone()} help={props.help.clone()} error={props.error.clone()} {class}>
            <div class="choice-group-options">
                { for props.options.iter().enumerate().map(|(i, o)| {
                    let input_id = if i == 0 { format!("q-{field}") } else { format!("q-{field}-{}", o.id) };
                    let checked = props.selected.as_ref() == Some(&o.id);
                    let label_id = format!("q-{field}-{}-label", o.id);
                    let hint_id = format!("q-{field}-{}-hint", o.id);
                    let described_by = match (&o.hint, &described) {
                        (Some(_), Some(d)) => Some(format!("{hint_id} {d}")),
                        (Some(_), None) => Some(hint_id.clone()),
                        (None, d) => d.clone(),
                    };
                    let on_select = props.on_select.clone();
                    let id = o.id.clone();
                    let onchange = Callback::from(move |_: Event| on_select.emit(id.clone()));
                    html! {
                        <label class={classes!("choice-group-option", checked.then_some("choice-group-option--checked"))} for={input_id.clone()}>
                            <input class="choice-group-input" type="radio" id={input_id} name={format!("q-{field}")}
                                   value={o.id.clone()} {checked} {onchange}
                                   aria-labelledby={label_id.clone()} aria-describedby={described_by}
                                   aria-invalid={props.error.is_some().then_some("true")} />
                            if let Some(p) = &o.picture { <span class="choice-group-picture">{ p.clone() }</span> }
                            <span class="choice-group-label" id={label_id}>{ o.label.clone() }</span>
                            if let Some(h) = &o.hint { <span class="choice-group-hint" id={hint_id}>{ h.clone() }</span> }
                        </label>
                    }
                }) }
            </div>
        </QuestionFieldset>
    }
}
