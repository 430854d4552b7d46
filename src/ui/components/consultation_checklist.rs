//! "What to bring to your consultation": a short checklist that helps the clinician check
//! whether treatment suits the visitor. It only informs; it must not ask for or store
//! anything, and must not tell anyone to stop a medicine.

use yew::prelude::*;

use crate::ui::context::use_app;

/// Props of [`ConsultationChecklist`].
#[derive(Properties, PartialEq, Clone)]
pub struct ConsultationChecklistProps {
    /// Level of the section heading (2–6).
    #[prop_or(2)]
    pub heading_level: u8,
}

const ITEMS: [&str; 6] = [
    "bring.medicines",
    "bring.letters",
    "bring.blood_tests",
    "bring.products",
    "bring.allergies",
    "bring.result",
];

/// The checklist.
#[component(ConsultationChecklist)]
pub fn consultation_checklist(props: &ConsultationChecklistProps) -> Html {
    let ctx = use_app();
    let h = format!("h{}", props.heading_level.clamp(2, 6));
    html! {
        <section class="consultation-checklist" aria-labelledby="consultation-checklist-heading" data-testid="consultation-checklist">
            <@{h} id="consultation-checklist-heading" class="consultation-checklist-title">{ ctx.t("bring.title") }</@>
            <p>{ ctx.t("bring.intro") }</p>
            <ul class="consultation-checklist-list">
                { for ITEMS.iter().map(|k| html! { <li>{ ctx.t(k) }</li> }) }
            </ul>
            <p class="consultation-checklist-note">{ ctx.t("bring.medicines_never_stop") }</p>
            <p class="consultation-checklist-note">{ ctx.t("bring.pull_test") }</p>
        </section>
    }
}
