//! Inline SVG drawing of one stage of the Norwood or Ludwig scale (stub: drawn by the
//! pictures work). It must not carry text or meaning by itself: the label beside it does.

use yew::prelude::*;

use crate::core::answers::Stage;

/// Props of [`StagePicture`].
#[derive(Properties, PartialEq, Clone)]
pub struct StagePictureProps {
    pub stage: Stage,
}

/// A decorative picture of a stage.
#[component(StagePicture)]
pub fn stage_picture(props: &StagePictureProps) -> Html {
    let _ = props;
    html! { <svg class="stage-picture" viewBox="0 0 120 120" aria-hidden="true" focusable="false"></svg> }
}
