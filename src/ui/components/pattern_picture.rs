//! Inline SVG drawing of one hair-loss pattern (stub: drawn by the pictures work).
//! It must not carry text or meaning by itself: the label beside it does.

use yew::prelude::*;

use crate::core::answers::{Pattern, Sex};

/// Props of [`PatternPicture`].
#[derive(Properties, PartialEq, Clone)]
pub struct PatternPictureProps {
    pub pattern: Pattern,
    pub sex: Sex,
}

/// A decorative picture of a pattern.
#[component(PatternPicture)]
pub fn pattern_picture(props: &PatternPictureProps) -> Html {
    let _ = props;
    html! { <svg class="pattern-picture" viewBox="0 0 120 120" aria-hidden="true" focusable="false"></svg> }
}
