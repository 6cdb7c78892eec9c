//! Construct fixtures of values and schema loading (`xsd2rs/tests/fixtures/constructs/<name>/`,
//! schema + `instance.xml`): the instance decodes strictly into the generated types (compiled in
//! `tests::constructs`), re-encodes to the same XML (compared canonically), and the output is
//! valid against the fixture's schema (xmllint).

use std::path::{Path, PathBuf};
use std::process::Command;

use tests::canon::assert_xml_eq;
use tests::constructs::*;
use tests::validate::validator_or_skip;
use tests::workspace_root;
use xsd2rs_runtime::codec::{
    decode_document_with, encode_document, ReadOptions, WriteOptions, XmlRoot,
};

fn fixture(name: &str) -> PathBuf {
    workspace_root()
        .join("xsd2rs/tests/fixtures/constructs")
        .join(name)
}

/// Validates `xml` against `schema` with xmllint (skipped as `validator_or_skip` says).
#[track_caller]
fn assert_valid_against(schema: &Path, xml: &str) {
    if !validator_or_skip() {
        return;
    }
    let n = std::process::id();
    let file = std::env::temp_dir().join(format!(
        "xsd2rs-values-{n}-{}.xml",
        schema
            .parent()
            .and_then(|p| p.file_name())
            .and_then(|f| f.to_str())
            .unwrap_or("x")
    ));
    std::fs::write(&file, xml).expect("writes the output");
    let out = Command::new("xmllint")
        .args(["--noout", "--nonet", "--schema"])
        .arg(schema)
        .arg(&file)
        .output()
        .expect("runs xmllint");
    let _ = std::fs::remove_file(&file);
    assert!(
        out.status.success(),
        "output not valid against {}:\n{}\n--- document ---\n{xml}",
        schema.display(),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Decodes the fixture's instance strictly, re-encodes it, compares canonically and validates.
fn round_trip<T: XmlRoot>(name: &str) -> T {
    let dir = fixture(name);
    let input = std::fs::read_to_string(dir.join("instance.xml")).expect("instance.xml");
    let strict = ReadOptions {
        strict: true,
        ..ReadOptions::default()
    };
    let d = decode_document_with::<T>(input.as_bytes(), &strict)
        .unwrap_or_else(|e| panic!("{name}: decoding: {e}"));
    let out = encode_document(&d.value, &WriteOptions::default()).expect("encodes");
    let out = String::from_utf8(out).expect("UTF-8");
    assert_xml_eq(&input, &out);
    assert_valid_against(&dir.join("schema.xsd"), &out);
    d.value
}

#[test]
fn redefine_chain() {
    use redefine_chain::*;
    let v: BoardType = round_trip("redefine-chain");
    assert_eq!(v.note.len(), 2);
    assert_eq!(v.note[1].author, "B");
    assert_eq!(v.tag, ["x", "y"]);
    assert_eq!(v.flag, Some(true));
    assert_eq!(v.kind.as_deref(), Some("pin"));
}

#[test]
fn recursive_group() {
    use recursive_group::*;
    let v: Document = round_trip("recursive-group");
    assert_eq!(v.section.len(), 2);
    assert_eq!(v.section[0].section[0].title, "1.1");
}
