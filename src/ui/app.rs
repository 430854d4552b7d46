//! The root component: for now the start page (clinic name, purpose, disclaimer, Start).
//! It must not read storage or the clock itself; those come through hooks at the edge.

use yew::prelude::*;

/// Props of [`App`]; empty for now.
#[derive(Properties, PartialEq, Clone, Default)]
pub struct AppProps {}

/// The application root.
#[component(App)]
pub fn app(_props: &AppProps) -> Html {
    html! {
        <main class="app" data-testid="start-page">
            <h1>{ "Demo Hair Clinic" }</h1>
            <p>{ "Check whether scalp mesotherapy may suit you." }</p>
            <button class="app-start" data-testid="start-button">{ "Start" }</button>
        </main>
    }
}
