//! Entry point of the web app (built by Trunk for wasm32). Natively it only points to the
//! command line; it must not hold any logic of its own.

#[cfg(target_arch = "wasm32")]
fn main() {
    meso_advisor::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "This binary is the web app: build it with `trunk build` (see README.md).\n\
         The command line is `cargo run --release --example assess -- --help`."
    );
    std::process::exit(2);
}
