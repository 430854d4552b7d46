//! Download buttons for taking the assessment along: the plan as a calendar (.ics) and the
//! assessment for the clinic's records (FHIR). It only offers the buttons and reports a
//! failed download; the page makes the files (it reads the clock at the edge), and nothing
//! is sent anywhere.

use yew::prelude::*;

use crate::ui::context::use_app;

/// Props of [`ExportButtons`].
#[derive(Properties, PartialEq, Clone)]
pub struct ExportButtonsProps {
    /// Makes and offers the calendar (absent when there is no plan).
    #[prop_or_default]
    pub on_calendar: Option<Callback<(), Result<(), String>>>,
    /// Makes and offers the FHIR file.
    pub on_fhir: Callback<(), Result<(), String>>,
}

/// The export buttons.
#[component(ExportButtons)]
pub fn export_buttons(props: &ExportButtonsProps) -> Html {
    let ctx = use_app();
    let failed = use_state(|| false);
    let run = |cb: Callback<(), Result<(), String>>| {
        let failed = failed.clone();
        Callback::from(move |_: MouseEvent| failed.set(cb.emit(()).is_err()))
    };
    html! {
        <div class="export-buttons" data-testid="export-buttons">
            if let Some(cb) = &props.on_calendar {
                <button class="button export-buttons-calendar" type="button" onclick={run(cb.clone())} data-testid="download-ics">{ ctx.t("export.calendar.button") }</button>
            }
            <button class="button export-buttons-fhir" type="button" onclick={run(props.on_fhir.clone())} data-testid="download-fhir">{ ctx.t("export.fhir.button") }</button>
            <p class="export-buttons-status" role="status">
                if *failed { { ctx.t("export.failed") } }
            </p>
        </div>
    }
}
