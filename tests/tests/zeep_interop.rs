//! An independent SOAP implementation against our servers: Python's zeep (pinned in
//! `scripts/requirements-test.txt`) loads the project's WSDLs offline, calls all four operations
//! against the `oof-server` and `mtrk-server` examples on 127.0.0.1 and checks the replies
//! (`tests/python/zeep_client.py`; how zeep is kept offline is described there).
//!
//! Without zeep the test fails with the install instruction, unless `XSD2RS_SKIP_ZEEP=1`.

#[path = "examples_common.rs"]
mod common;

use std::path::Path;
use std::process::Command;

use common::{run, Server};
use tests::workspace_root;

/// Whether `python3` can import zeep; `Err` says why not.
fn zeep_available() -> Result<(), String> {
    match Command::new("python3")
        .args(["-c", "import zeep, lxml"])
        .output()
    {
        Ok(out) if out.status.success() => Ok(()),
        Ok(out) => Err(String::from_utf8_lossy(&out.stderr).trim().to_owned()),
        Err(e) => Err(format!("cannot run python3: {e}")),
    }
}

#[test]
fn zeep_calls_all_four_operations_offline() {
    if let Err(why) = zeep_available() {
        if std::env::var("XSD2RS_SKIP_ZEEP").as_deref() == Ok("1") {
            eprintln!("skipping the zeep interop test (XSD2RS_SKIP_ZEEP=1): {why}");
            return;
        }
        panic!(
            "Python's zeep is needed for this test ({why}). Install it with \
             `scripts/install-test-deps.sh` (or `python3 -m pip install -r \
             scripts/requirements-test.txt`), or set XSD2RS_SKIP_ZEEP=1 to skip."
        );
    }
    let oof = Server::start("oof-server");
    let mtrk = Server::start("mtrk-server");
    let script = workspace_root().join("tests/python/zeep_client.py");
    assert!(script.is_file(), "{} is missing", script.display());
    let r = run(
        Path::new("python3"),
        &[
            &script.display().to_string(),
            "--oof-url",
            &oof.url,
            "--mtrk-url",
            &mtrk.url,
        ],
    );
    assert!(
        r.status.success(),
        "zeep interop failed ({:?}):\n{}\n{}",
        r.status,
        r.stdout,
        r.stderr
    );
    assert!(r.stdout.contains("0 failed"), "{}", r.stdout);
}
