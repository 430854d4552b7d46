//! Entry point of the web app's first page (built by Trunk for wasm32): the start page and the
//! questionnaire, which loads the results build (`src/bin/results.rs`) into the page when it
//! is needed. Natively it only points to the command line; it must not hold any logic of its
//! own.

#[cfg(target_arch = "wasm32")]
fn main() {
    use meso_advisor::core::Catalog;
    use meso_advisor::ui::{start, Build, English};
    // The questionnaire's English only: the results build brings the rest.
    start(Build::Visitor, English(Catalog::questionnaire_english));
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "This binary is the web app: build it with `trunk build` (see README.md).\n\
         The command line is `cargo run --release --example assess -- --help`."
    );
    std::process::exit(2);
}
