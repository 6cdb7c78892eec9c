//! Shared helpers for the behaviour tests of xsd2rs (see `tests/tests/`).

pub mod bench_docs;
pub mod canon;
pub mod constructs;
pub mod validate;

use std::path::PathBuf;

/// The workspace root (the folder holding `schemas/`).
pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests crate lives in the workspace root")
        .to_path_buf()
}

/// The `../shared/reference` folder beside the checkout, if present.
///
/// Tests that need it print a notice and skip when this returns `None`.
pub fn shared_reference() -> Option<PathBuf> {
    let p = workspace_root().join("../shared/reference");
    if p.is_dir() {
        Some(p)
    } else {
        eprintln!("notice: ../shared/reference is absent; skipping a test that reads it");
        None
    }
}
