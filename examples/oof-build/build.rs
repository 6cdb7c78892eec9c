//! Generates the Out of Office bindings into `OUT_DIR/oof.rs`.
//!
//! `compile()` prints `cargo:rerun-if-changed` for the WSDL and everything it includes or
//! imports; once it does, Cargo no longer reruns this script for other file changes, so
//! `build.rs` itself is listed too.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    if let Err(e) = xsd2rs::builder::Config::new()
        .input("../../schemas/MS-OXWOOF.wsdl")
        .module_name("oof")
        .compile()
    {
        // The diagnostics were already printed as `cargo:warning=` lines.
        eprintln!("xsd2rs: {e}");
        std::process::exit(1);
    }
}
