//! `xsd2rs check`: fail with a unified diff when the committed `generated/src/` is stale.

use anyhow::Result;
use similar::TextDiff;
use xsd2rs::builder::project_files;

use crate::generate::workspace_root;

/// Runs `check`; `Ok(false)` when files are stale (the diff is printed to stdout).
pub fn run() -> Result<bool> {
    let root = workspace_root()?;
    let mut fresh = true;
    for (rel, expected) in project_files()? {
        let actual = std::fs::read_to_string(root.join(&rel)).unwrap_or_default();
        if actual != expected {
            fresh = false;
            let name = rel.display().to_string();
            let diff = TextDiff::from_lines(&actual, &expected);
            print!(
                "{}",
                diff.unified_diff()
                    .context_radius(3)
                    .header(&format!("a/{name}"), &format!("b/{name}"))
            );
        }
    }
    if fresh {
        eprintln!("generated/ is up to date");
    } else {
        eprintln!("generated/ is stale: run `cargo run -p xsd2rs -- generate`");
    }
    Ok(fresh)
}
