//! The pure core: answers, rules, planner, outcome, clinic settings and message catalog.
//! It must never import yew, web-sys, gloo, js-sys or wasm-bindgen, nor read the clock:
//! `today` is always an argument.
