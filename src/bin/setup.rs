//! Entry point of the clinic setup page, its own wasm build (`setup/index.html`, served as
//! `setup/`), so that visitors never download its code. It must not hold any logic of its own.

#[cfg(target_arch = "wasm32")]
fn main() {
    meso_advisor::ui::pages::setup_page::start_setup();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "This binary is the clinic setup page: build it with Trunk (see README.md, \"Clinic setup\").\n\
         The command line checks a clinic file: `cargo run --release --example assess -- --check-clinic FILE`."
    );
    std::process::exit(2);
}
