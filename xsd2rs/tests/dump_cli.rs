//! `xsd2rs dump`: exit codes, stdout and stderr.

use std::process::Command;

fn xsd2rs(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_xsd2rs"))
        .args(args)
        .output()
        .expect("run xsd2rs");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn dump_without_inputs_prints_both_embedded_protocols() {
    let (ok, out, err) = xsd2rs(&["dump"]);
    assert!(ok, "{err}");
    assert!(out.contains("== MS-OXWSMTRK (mtrk) =="));
    assert!(out.contains("== MS-OXWOOF (oof) =="));
    for op in [
        "FindMessageTrackingReport",
        "GetMessageTrackingReport",
        "GetUserOofSettings",
        "SetUserOofSettings",
    ] {
        assert!(out.contains(&format!(
            "soapAction: http://schemas.microsoft.com/exchange/services/2006/messages/{op}"
        )));
    }
    assert!(out.contains("header part RequestVersion: element t:RequestServerVersion"));
}

#[test]
fn dump_of_a_file_with_errors_fails_with_all_errors_on_stderr() {
    let (ok, out, err) = xsd2rs(&["dump", "tests/fixtures/as-published/MS-OXWSMTRK.wsdl"]);
    assert!(!ok);
    assert!(out.is_empty(), "{out}");
    assert_eq!(
        err.matches("did you mean `t:ArrayOfArraysOfTrackingPropertiesType`?")
            .count(),
        2,
        "{err}"
    );
    assert!(err.contains("2 errors"), "{err}");
}

#[test]
fn dump_of_a_missing_file_fails() {
    let (ok, _, err) = xsd2rs(&["dump", "tests/fixtures/does-not-exist.wsdl"]);
    assert!(!ok);
    assert!(
        err.contains("cannot read `tests/fixtures/does-not-exist.wsdl`"),
        "{err}"
    );
}

#[test]
fn dump_of_a_construct_fixture_succeeds() {
    let (ok, out, err) = xsd2rs(&["dump", "tests/fixtures/constructs/choice/schema.xsd"]);
    assert!(ok, "{err}");
    assert!(out.starts_with("counts: 1 types"), "{out}");
}
