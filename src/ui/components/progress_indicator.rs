//! "Step 2 of 6" with a bar. It must not navigate by itself.

use yew::prelude::*;

use crate::ui::context::use_app;

/// Props of [`ProgressIndicator`].
#[derive(Properties, PartialEq, Clone)]
pub struct ProgressIndicatorProps {
    pub step: u8,
    pub total: u8,
}

/// The questionnaire's progress.
#[component(ProgressIndicator)]
pub fn progress_indicator(props: &ProgressIndicatorProps) -> Html {
    let ctx = use_app();
    let text = ctx.f(
        "step.progress",
        &[
            ("n", &props.step.to_string()),
            ("total", &props.total.to_string()),
        ],
    );
    html! {
        <div class="progress-indicator" data-testid="progress">
            <p class="progress-indicator-text">{ text.clone() }</p>
            <progress class="progress-indicator-bar" max={props.total.to_string()} value={props.step.to_string()}
                      aria-label={text}></progress>
        </div>
    }
}
