//! The Yew web app (wasm32 only): pages, components, hooks and browser edges.
//! It must not hold medical rules: everything it decides comes from `crate::core`, and
//! its state changes go through the reducers of `crate::state`.

mod app;
pub mod browser;
pub mod components;
pub mod config;
pub mod context;
pub mod intl;
pub mod locale;
pub mod offline;
pub mod pages;
pub mod sealed_store;
pub mod staff_auth;
pub mod storage;

pub use app::{App, AppProps};

/// Mounts the app on the document body (called by `main`).
pub fn start() {
    yew::Renderer::<App>::new().render();
}
