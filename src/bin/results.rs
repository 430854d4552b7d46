//! Entry point of the results build (`results/`): every visitor page with the saved plans,
//! loaded into the questionnaire's page when it is needed (`ui::results_loader`), so that the
//! first load carries only the questionnaire. It must not hold any logic of its own.

#[cfg(target_arch = "wasm32")]
fn main() {
    meso_advisor::ui::pages::results::start_results();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("This binary is the app's results build: build it with Trunk (see README.md).");
    std::process::exit(2);
}
