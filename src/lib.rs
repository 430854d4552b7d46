//! Hair-mesotherapy advisor library: the pure `core` (rules, planner, catalog, formats,
//! settings) shared by the command line and the web app, and the Yew `ui` (wasm only).
//! It must not put IO or browser code into `core`.

pub mod core;
pub mod state;

#[cfg(target_arch = "wasm32")]
pub mod ui;
