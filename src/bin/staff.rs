//! Entry point of staff mode, its own wasm build (`staff/index.html`, served as `staff/`), so
//! that visitors never download its code. It must not hold any logic of its own.

#[cfg(target_arch = "wasm32")]
fn main() {
    meso_advisor::ui::pages::staff::start_staff();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "This binary is staff mode's page: build it with Trunk (see README.md, \"Staff mode\")."
    );
    std::process::exit(2);
}
