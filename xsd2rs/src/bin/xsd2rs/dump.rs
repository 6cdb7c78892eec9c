//! `xsd2rs dump`.

use std::path::PathBuf;

pub fn run(_inputs: &[PathBuf]) -> anyhow::Result<()> {
    anyhow::bail!("not yet built")
}
