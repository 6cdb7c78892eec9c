//! Content-model constructs read from their fixture instance (`xsd2rs/tests/fixtures/constructs/
//! <name>/instance.xml`) strictly, re-encoded, compared canonically with the input and validated
//! against the fixture schema with xmllint: nothing in a valid document lost, reordered or refused.

use tests::canon::assert_xml_eq;
use tests::constructs::*;
use tests::validate::{assert_valid, SchemaSet};
use tests::workspace_root;
use xsd2rs_runtime::codec::{
    decode_document_with, encode_document, ReadOptions, WriteOptions, XmlRoot,
};

fn fixture(name: &str) -> std::path::PathBuf {
    workspace_root()
        .join("xsd2rs/tests/fixtures/constructs")
        .join(name)
}

/// Decodes `xml` strictly (nothing unknown), re-encodes, compares canonically, validates the
/// output against the construct's schema.
fn round_trip_xml<T: XmlRoot>(name: &str, xml: &str) -> T {
    let strict = ReadOptions {
        strict: true,
        ..ReadOptions::default()
    };
    let d = decode_document_with::<T>(xml.as_bytes(), &strict)
        .unwrap_or_else(|e| panic!("{name}: strict decoding failed: {e}"));
    let out = encode_document(&d.value, &WriteOptions::default()).expect("encodes");
    let out = String::from_utf8(out).expect("UTF-8");
    assert_xml_eq(xml, &out);
    let set = SchemaSet::from_entries(&[fixture(name).join("schema.xsd")]).expect("schema set");
    assert_valid(&set, xml);
    assert_valid(&set, &out);
    d.value
}

/// [`round_trip_xml`] on the fixture's `instance.xml`.
fn round_trip<T: XmlRoot>(name: &str) -> T {
    let xml = std::fs::read_to_string(fixture(name).join("instance.xml")).expect("instance.xml");
    round_trip_xml(name, &xml)
}

#[test]
fn any_attribute_keeps_matched_attributes_in_document_order() {
    use any_attribute::*;
    let v: Open = round_trip("any-attribute");
    let OpenTypeOrDerived::OpenType(v) = v.0 else {
        panic!("declared type expected")
    };
    assert_eq!(v.known.as_deref(), Some("k"));
    let names: Vec<_> = v
        .any_attributes
        .0
        .iter()
        .map(|a| (a.ns.as_str(), a.local.as_str(), a.value.as_str()))
        .collect();
    assert_eq!(
        names,
        [("urn:x", "first", "1"), ("urn:x", "second", "a & b")]
    );
    assert_eq!(v.local[0].any_attributes.get("", "plain"), Some("p"));
    assert_eq!(
        v.local[0]
            .any_attributes
            .get("urn:xsd2rs:test:any-attribute", "Global"),
        Some("3")
    );
    let derived = v.derived.as_ref().expect("Derived");
    assert_eq!(derived.any_attributes.0.len(), 2);
}

#[test]
fn any_attribute_namespace_constraint_holds_on_strict_reads() {
    use any_attribute::*;
    let strict = ReadOptions {
        strict: true,
        ..ReadOptions::default()
    };
    // ##other: an unqualified or target-namespace attribute is not matched.
    for bad in [
        r#"<t:Open xmlns:t="urn:xsd2rs:test:any-attribute" other="1"><t:Value>v</t:Value></t:Open>"#,
        r#"<t:Open xmlns:t="urn:xsd2rs:test:any-attribute" t:Global="1"><t:Value>v</t:Value></t:Open>"#,
        // ##local ##targetNamespace: a foreign namespace is not matched.
        r#"<t:Open xmlns:t="urn:xsd2rs:test:any-attribute"><t:Value>v</t:Value><t:Local xmlns:x="urn:x" x:a="1"/></t:Open>"#,
    ] {
        let err = decode_document_with::<Open>(bad.as_bytes(), &strict)
            .expect_err("not matched by the wildcard");
        assert!(err.to_string().contains("attribute"), "{err}");
        // A lenient read skips and reports it.
        let d =
            decode_document_with::<Open>(bad.as_bytes(), &ReadOptions::default()).expect("lenient");
        assert_eq!(d.unknown.len(), 1, "{:?}", d.unknown);
    }
}

#[test]
fn empty_choice_compiles_and_reads_what_the_schema_allows() {
    use empty_choice::*;
    let v: EmptyType = round_trip("empty-choice");
    assert_eq!(
        (v.before.as_str(), v.choice, v.after.as_deref()),
        ("b", None, Some("a"))
    );
    let v: TextType = round_trip_xml(
        "empty-choice",
        r#"<Text xmlns="urn:xsd2rs:test:empty-choice">only text</Text>"#,
    );
    assert_eq!(v.content.len(), 1);
}

#[test]
fn substitution_group_head_is_a_document_root() {
    use substitution_group::*;
    let v: Message = round_trip_xml(
        "substitution-group",
        r#"<Message xmlns="urn:xsd2rs:test:substitution-group"><Id>1</Id><Subject>s</Subject></Message>"#,
    );
    assert!(matches!(&v.0, MessageTypeOrDerived::MessageType(m) if m.subject == "s"));
}

#[test]
fn children_are_matched_by_position_in_the_content_model() {
    use wildcards::*;
    let v: WildcardsType = round_trip("wildcards");
    // Several wildcards: each by its namespace constraint and position.
    let two = &v.two;
    assert_eq!(
        two.any.iter().map(|e| e.local()).collect::<Vec<_>>(),
        ["E1", "E2"]
    );
    assert_eq!(two.any2.as_ref().map(|e| e.local()), Some("L"));
    // A wildcard that also matches the next element takes the first one.
    assert!(v.overlap.any.xml().contains("first"));
    assert_eq!(v.overlap.c, "second");
    // An element that is no member of the group goes to the later wildcard.
    assert_eq!(
        v.head_then_any.head,
        [
            HeadElement::Head("h".into()),
            HeadElement::Member("m".into())
        ]
    );
    assert_eq!(v.head_then_any.any.len(), 1);
    // The same element at several positions keeps its place.
    assert_eq!((v.repeat.a.as_str(), v.repeat.b.as_str()), ("1", "2"));
    assert_eq!(v.repeat.a2, ["3", "4"]);
}

#[test]
fn wildcard_namespace_constraint_holds_on_strict_reads() {
    use wildcards::*;
    // ##other does not take an unqualified element, ##local takes one only.
    let bad = r#"<Two xmlns="urn:xsd2rs:test:wildcards"><A>a</A><B>b</B><L xmlns="">1</L><M xmlns="">2</M></Two>"#;
    let strict = ReadOptions {
        strict: true,
        ..ReadOptions::default()
    };
    let wrapped = format!(
        r#"<Wildcards xmlns="urn:xsd2rs:test:wildcards">{bad}<Overlap><C>1</C><C>2</C></Overlap><HeadThenAny><Head>h</Head></HeadThenAny><Repeat><A>1</A><B>2</B></Repeat></Wildcards>"#
    );
    let err = decode_document_with::<WildcardsType>(wrapped.as_bytes(), &strict)
        .expect_err("a second unqualified element");
    assert!(err.to_string().contains('M'), "{err}");
}

#[test]
fn any_type_extension_keeps_its_content() {
    use any_type_extension::*;
    use xsd2rs_runtime::codec::Mixed;
    let v: ListType = round_trip("any-type-extension");
    let first = &v.attribute[0];
    assert_eq!(first.any_attributes.get("urn:x", "extra"), Some("1"));
    assert!(matches!(&first.content[0], Mixed::Text(t) if t == "text "));
    assert!(
        matches!(&first.content[1], Mixed::Element(AttributeTypeItem::Any(e)) if e.local() == "Part")
    );
    assert_eq!(v.plain.any.len(), 2);
    assert_eq!(v.plain.any_attributes.get("", "other"), Some("o"));
}
