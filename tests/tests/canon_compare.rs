//! The canonical XML comparison ignores what must not count and catches what must.

use std::panic::{catch_unwind, AssertUnwindSafe};

use tests::canon::{assert_xml_eq, canonicalize};

fn same(a: &str, b: &str) {
    assert_xml_eq(a, b);
    assert_eq!(canonicalize(a).unwrap(), canonicalize(b).unwrap());
}

fn differ(a: &str, b: &str) {
    assert_ne!(
        canonicalize(a).unwrap(),
        canonicalize(b).unwrap(),
        "\n{a}\n{b}"
    );
    let r = catch_unwind(AssertUnwindSafe(|| assert_xml_eq(a, b)));
    assert!(r.is_err(), "assert_xml_eq accepted:\n{a}\n{b}");
}

const BASE: &str = r#"<m:Req xmlns:m="urn:m" xmlns:t="urn:t" a="1" b="2"><t:Item t:k="v">text</t:Item><t:Empty/></m:Req>"#;

#[test]
fn prefixes_and_declarations_do_not_count() {
    same(
        BASE,
        r#"<Req xmlns="urn:m" b="2" a="1"><x:Item xmlns:x="urn:t" x:k="v">text</x:Item><Empty xmlns="urn:t"></Empty></Req>"#,
    );
    same(
        BASE,
        r#"<?xml version="1.0"?>
<!-- a comment -->
<m:Req xmlns:m="urn:m" xmlns:t="urn:t" xmlns:unused="urn:unused" b="2" a="1">
    <t:Item t:k="v"><![CDATA[text]]></t:Item>
    <?pi data?>
    <t:Empty></t:Empty>
</m:Req>"#,
    );
}

#[test]
fn xsi_type_prefix_does_not_count() {
    same(
        r#"<r xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:t="urn:t" xsi:type="t:Foo"/>"#,
        r#"<r xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns:q="urn:t" i:type="q:Foo"/>"#,
    );
    differ(
        r#"<r xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:t="urn:t" xsi:type="t:Foo"/>"#,
        r#"<r xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:t="urn:other" xsi:type="t:Foo"/>"#,
    );
}

#[test]
fn each_significant_difference_fails() {
    // Element namespace.
    differ(
        BASE,
        &BASE.replace(r#"xmlns:t="urn:t""#, r#"xmlns:t="urn:T""#),
    );
    // Element local name.
    differ(BASE, &BASE.replace("t:Empty", "t:Empt"));
    // Attribute value.
    differ(BASE, &BASE.replace(r#"a="1""#, r#"a="one""#));
    // Missing attribute.
    differ(BASE, &BASE.replace(r#" a="1""#, ""));
    // Attribute namespace (qualified vs unqualified).
    differ(BASE, &BASE.replace(r#"t:k="v""#, r#"k="v""#));
    // Text content.
    differ(BASE, &BASE.replace(">text<", ">texts<"));
    // Whitespace inside a text-only element.
    differ(BASE, &BASE.replace(">text<", "> text<"));
    // Element order.
    differ(r#"<r><a/><b/></r>"#, r#"<r><b/><a/></r>"#);
    // Extra element.
    differ(r#"<r><a/></r>"#, r#"<r><a/><a/></r>"#);
    // Whitespace-only text in an element without children is a value.
    differ(r#"<r><a> </a></r>"#, r#"<r><a/></r>"#);
    // Mixed content order.
    differ(r#"<r>x<a/>y</r>"#, r#"<r>y<a/>x</r>"#);
}

#[test]
fn failure_message_is_a_line_diff() {
    let r = catch_unwind(|| assert_xml_eq(r#"<r a="1"><x/></r>"#, r#"<r a="2"><x/></r>"#));
    let msg = match r {
        Err(e) => e.downcast_ref::<String>().cloned().unwrap_or_default(),
        Ok(()) => panic!("no failure"),
    };
    assert!(msg.contains("-   @{}a = \"1\""), "{msg}");
    assert!(msg.contains("+   @{}a = \"2\""), "{msg}");
    assert!(msg.contains("  {}x"), "{msg}");
}

#[test]
fn malformed_xml_is_reported() {
    assert!(canonicalize("<a><b></a>").is_err());
    let r = catch_unwind(|| assert_xml_eq("<a/>", "<a>"));
    assert!(r.is_err());
}
