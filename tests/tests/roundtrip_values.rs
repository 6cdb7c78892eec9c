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
    decode_document, decode_document_with, encode_document, ReadOptions, WriteOptions, XmlRoot,
};
use xsd2rs_runtime::SimpleValue;

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
fn round_trip<T: XmlRoot + PartialEq + std::fmt::Debug>(name: &str) -> T {
    round_trip_to(name, &WriteOptions::default(), None)
}

/// [`round_trip`] with write options, compared with `expected` when the output may spell
/// something differently (a QName's prefix), else with the input. The output must decode to
/// the same value.
fn round_trip_to<T: XmlRoot + PartialEq + std::fmt::Debug>(
    name: &str,
    options: &WriteOptions,
    expected: Option<&str>,
) -> T {
    let dir = fixture(name);
    let input = std::fs::read_to_string(dir.join("instance.xml")).expect("instance.xml");
    let strict = ReadOptions {
        strict: true,
        ..ReadOptions::default()
    };
    let d = decode_document_with::<T>(input.as_bytes(), &strict)
        .unwrap_or_else(|e| panic!("{name}: decoding: {e}"));
    let out = encode_document(&d.value, options).expect("encodes");
    let out = String::from_utf8(out).expect("UTF-8");
    assert_xml_eq(expected.unwrap_or(&input), &out);
    assert_valid_against(&dir.join("schema.xsd"), &out);
    let again = decode_document_with::<T>(out.as_bytes(), &strict)
        .unwrap_or_else(|e| panic!("{name}: decoding the output: {e}\n{out}"));
    assert_eq!(again.value, d.value, "{out}");
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

#[test]
fn qname_values_are_read_with_their_namespace_and_written_with_a_declared_prefix() {
    use qname_values::*;
    const F: &str = "urn:xsd2rs:test:qname-values";
    let options = WriteOptions::default()
        .prefix("f", F)
        .prefix("q", "urn:other");
    // The default namespace of `plain` and the prefix `z` get prefixes declared where used;
    // `g:Receiver` is the listed value, written with the prefix of its namespace.
    let expected = r#"<f:Fault xmlns:f="urn:xsd2rs:test:qname-values" xmlns:q="urn:other" ref="q:attr">
  <f:Code>q:Server</f:Code>
  <f:Short xmlns:ns1="urn:default">ns1:plain</f:Short>
  <f:Names>q:a f:b none</f:Names>
  <f:Either>12</f:Either>
  <f:Either xmlns:ns2="urn:z">ns2:x</f:Either>
  <f:Role>f:Sender</f:Role>
  <f:Role>f:Receiver</f:Role>
  <f:ShortRole>f:Sender</f:ShortRole>
</f:Fault>"#;
    let v: FaultType = round_trip_to("qname-values", &options, Some(expected));
    assert_eq!(v.code.namespace(), Some("urn:other"));
    assert_eq!(v.code.local_name(), "Server");
    assert_eq!(
        v.short.0.namespace(),
        Some("urn:default"),
        "the default namespace applies"
    );
    let names: Vec<(Option<&str>, &str)> = v
        .names
        .iter()
        .map(|q| (q.namespace(), q.local_name()))
        .collect();
    assert_eq!(
        names,
        [(Some("urn:other"), "a"), (Some(F), "b"), (Some(""), "none")]
    );
    assert_eq!(v.either[0], NumberOrNameType::Int(12));
    assert!(
        matches!(&v.either[1], NumberOrNameType::QName(q) if q.namespace() == Some("urn:z")),
        "{:?}",
        v.either[1]
    );
    assert_eq!(v.role, [RoleType::TnsSender, RoleType::TnsReceiver]);
    assert_eq!(
        v.r#ref.as_ref().and_then(|q| q.namespace()),
        Some("urn:other")
    );

    // Without preferred prefixes every namespace still gets a declared one.
    let out = encode_document(&v, &WriteOptions::default()).expect("encodes");
    let out = String::from_utf8(out).expect("UTF-8");
    assert_valid_against(&fixture("qname-values").join("schema.xsd"), &out);
    assert_eq!(
        decode_document::<FaultType>(out.as_bytes())
            .expect("decodes")
            .value,
        v
    );

    // An undeclared prefix is an error naming the element.
    let err = decode_document::<FaultType>(
        br#"<Fault xmlns="urn:xsd2rs:test:qname-values"><Code>nope:x</Code></Fault>"#,
    )
    .expect_err("undeclared prefix");
    assert_eq!(err.path(), "/Fault/Code");
    // maxLength does not constrain a QName, nor a restriction of a QName enumeration.
    assert!(<ShortNameType as SimpleValue>::parse_text("longer").is_ok());
    assert_eq!(v.short_role.map(|r| r.0), Some(RoleType::TnsSender));
}

#[test]
fn patterns_match_the_lexical_form_read_and_written() {
    use lexical_pattern::*;
    let v: FlagsType = round_trip("lexical-pattern");
    assert_eq!(v.bit, [BitType(true), BitType(false)]);
    assert_eq!(v.on, Some(BitType(false)));
    // `true` itself does not match `1|0`: read strictly as written.
    assert!(<BitType as SimpleValue>::parse_text("true").is_err());
    let mut out = String::new();
    BitType(true).write_text(&mut out);
    assert_eq!(out, "1");
}
