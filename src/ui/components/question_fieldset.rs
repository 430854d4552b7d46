//! The frame of one question: a fieldset with its legend, optional help and inline error,
//! around the answer controls. It must not know what kind of controls it holds.

use yew::prelude::*;

/// Props of [`QuestionFieldset`].
#[derive(Properties, PartialEq, Clone)]
pub struct QuestionFieldsetProps {
    /// The question's field id: the fieldset is `q-<field>-group`, its help `q-<field>-help`
    /// and its error `q-<field>-error`.
    pub field: AttrValue,
    pub legend: AttrValue,
    #[prop_or_default]
    pub help: Option<AttrValue>,
    #[prop_or_default]
    pub error: Option<AttrValue>,
    /// Extra classes for the fieldset (the controls' own layout).
    #[prop_or_default]
    pub class: Classes,
    pub children: Html,
}

/// The ids the controls of a question point to with `aria-describedby` (help, then error).
pub fn described_by(field: &str, help: bool, error: bool) -> Option<String> {
    let ids: Vec<String> = [
        help.then(|| format!("q-{field}-help")),
        error.then(|| format!("q-{field}-error")),
    ]
    .into_iter()
    .flatten()
    .collect();
    (!ids.is_empty()).then(|| ids.join(" "))
}

/// A question's fieldset.
#[component(QuestionFieldset)]
pub fn question_fieldset(props: &QuestionFieldsetProps) -> Html {
    let field = &props.field;
    let class = classes!(
        "question-fieldset",
        props
            .error
            .is_some()
            .then_some("question-fieldset--invalid"),
        props.class.clone()
    );
    html! {
        <fieldset {class} id={format!("q-{field}-group")} data-testid={format!("q-{field}")}>
            <legend class="question-fieldset-legend">{ props.legend.clone() }</legend>
            if let Some(help) = &props.help {
                <p class="question-fieldset-help" id={format!("q-{field}-help")}>{ help.clone() }</p>
            }
            if let Some(error) = &props.error {
                <p class="question-fieldset-error" id={format!("q-{field}-error")}>{ error.clone() }</p>
            }
            { props.children.clone() }
        </fieldset>
    }
}
