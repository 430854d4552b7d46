//! The printable letter for the doctor. It must inform, never diagnose.

use yew::prelude::*;

use crate::ui::context::use_app;

/// Props of [`LetterPage`].
#[derive(Properties, PartialEq, Clone, Default)]
pub struct LetterPageProps {}

/// The letter page.
#[component(LetterPage)]
pub fn letter_page(_props: &LetterPageProps) -> Html {
    let ctx = use_app();
    html! {
        <div class="letter-page" data-testid="letter-page">
            <h1 id="page-heading" tabindex="-1">{ ctx.t("notfound.title") }</h1>
        </div>
    }
}
