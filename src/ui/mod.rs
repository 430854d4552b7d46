//! The Yew web app (wasm32 only): pages, components, state machines and browser edges.
//! It must not hold medical rules: everything it decides comes from `crate::core`.

mod app;
pub use app::{App, AppProps};

/// Mounts the app on the document body (called by `main`).
pub fn start() {
    yew::Renderer::<App>::new().render();
}
