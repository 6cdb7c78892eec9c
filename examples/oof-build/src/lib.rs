//! The MS-OXWOOF (Out of Office) bindings, generated at build time by `build.rs` with
//! [`xsd2rs::builder::Config`](https://docs.rs/xsd2rs) into `OUT_DIR/oof.rs`.

/// Types and codec impls generated from `schemas/MS-OXWOOF.wsdl`.
#[allow(missing_docs)]
pub mod oof {
    include!(concat!(env!("OUT_DIR"), "/oof.rs"));
}
