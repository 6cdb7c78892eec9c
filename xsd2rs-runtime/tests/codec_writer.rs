//! The writer: prefixes, escaping that round-trips, strictness; raw XML re-emitted elsewhere.

use xsd2rs_runtime::codec::{
    decode_document, encode_document, AnyElement, DecodeError, EncodeError, EncodeErrorKind,
    FromXml, ToXml, WriteOptions, XmlReader, XmlRoot, XmlWriter, XSI_NS,
};
use xsd2rs_runtime::{SimpleValue, ValueError};

/// Stand-in for `xs:string`.
#[derive(Debug, Clone, PartialEq, Default)]
struct Text(String);

impl SimpleValue for Text {
    fn parse_text(text: &str) -> Result<Self, ValueError> {
        Ok(Text(text.to_owned()))
    }
    fn write_text(&self, out: &mut String) {
        out.push_str(&self.0);
    }
}

const A: &str = "urn:a";
const B: &str = "urn:b";

/// `{urn:a}Holder` with an attribute in `urn:b`, text children in both namespaces and raw ones.
#[derive(Debug, Clone, PartialEq, Default)]
struct Holder {
    note: Option<Text>,
    a: Vec<Text>,
    b: Vec<Text>,
    plain: Option<Text>,
    raw: Vec<AnyElement>,
}

impl FromXml for Holder {
    fn from_xml(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
        let note = r.attr(B, "note")?;
        let mut h = Holder {
            note,
            ..Holder::default()
        };
        while let Some(name) = r.next_child()? {
            match name {
                (A, "A") => r.read_push(&mut h.a)?,
                (B, "B") => r.read_push(&mut h.b)?,
                ("", "Plain") => r.read(&mut h.plain)?,
                _ => r.read_push(&mut h.raw)?,
            }
        }
        Ok(h)
    }
}

impl ToXml for Holder {
    fn to_xml(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        w.attr_opt(B, "note", &self.note)?;
        w.children(A, "A", &self.a)?;
        w.children(B, "B", &self.b)?;
        w.child_opt("", "Plain", &self.plain)?;
        w.contents(&self.raw)
    }
}

impl XmlRoot for Holder {
    const NS: &'static str = A;
    const NAME: &'static str = "Holder";
}

fn encode(h: &Holder, options: &WriteOptions) -> String {
    String::from_utf8(encode_document(h, options).unwrap()).unwrap()
}

#[test]
fn generated_prefixes_are_declared_where_used() {
    let h = Holder {
        a: vec![Text("1".into())],
        b: vec![Text("2".into()), Text("3".into())],
        ..Holder::default()
    };
    assert_eq!(
        encode(&h, &WriteOptions::default()),
        concat!(
            r#"<ns1:Holder xmlns:ns1="urn:a"><ns1:A>1</ns1:A>"#,
            r#"<ns2:B xmlns:ns2="urn:b">2</ns2:B><ns2:B xmlns:ns2="urn:b">3</ns2:B></ns1:Holder>"#
        )
    );
    // preferred prefixes: declared once on the root, whether or not the root uses them
    let options = WriteOptions::default()
        .prefix("b", B)
        .prefix("a", A)
        .xml_declaration(true);
    assert_eq!(
        encode(&h, &options),
        concat!(
            r#"<?xml version="1.0" encoding="utf-8"?><a:Holder xmlns:b="urn:b" xmlns:a="urn:a">"#,
            r#"<a:A>1</a:A><b:B>2</b:B><b:B>3</b:B></a:Holder>"#
        )
    );
}

#[test]
fn qualified_attributes_and_unqualified_elements() {
    let h = Holder {
        note: Some(Text("n".into())),
        plain: Some(Text("p".into())),
        ..Holder::default()
    };
    let xml = encode(&h, &WriteOptions::default().prefix("a", A));
    assert_eq!(
        xml,
        r#"<a:Holder xmlns:a="urn:a" ns1:note="n" xmlns:ns1="urn:b"><Plain>p</Plain></a:Holder>"#
    );
    assert_eq!(decode_document::<Holder>(xml.as_bytes()).unwrap().value, h);
}

#[test]
fn escaping_round_trips_every_character() {
    let tricky = "a<b>c&d\"e'f]]>g\th\ni\rj\r\nk  l\u{e9}\u{1F600}";
    let h = Holder {
        note: Some(Text(tricky.into())),
        a: vec![Text(tricky.into())],
        ..Holder::default()
    };
    let xml = encode(&h, &WriteOptions::default().prefix("a", A).prefix("b", B));
    assert!(
        xml.contains(r#"b:note="a&lt;b&gt;c&amp;d&quot;e'f]]&gt;g&#9;h&#10;i&#13;j&#13;&#10;k  l"#),
        "{xml}"
    );
    assert!(
        xml.contains("<a:A>a&lt;b&gt;c&amp;d\"e'f]]&gt;g\th\ni&#13;j&#13;\nk  l"),
        "{xml}"
    );
    assert_eq!(decode_document::<Holder>(xml.as_bytes()).unwrap().value, h);
}

#[test]
fn characters_xml_cannot_carry_are_errors() {
    let h = Holder {
        a: vec![Text("ok".into()), Text("bell\u{7}".into())],
        ..Holder::default()
    };
    let e = encode_document(&h, &WriteOptions::default()).unwrap_err();
    assert_eq!(e.kind(), &EncodeErrorKind::InvalidChar(7));
    assert_eq!(e.path(), "/Holder/A");
    let h = Holder {
        note: Some(Text("\u{0}".into())),
        ..Holder::default()
    };
    let e = encode_document(&h, &WriteOptions::default()).unwrap_err();
    assert_eq!(e.path(), "/Holder/@note");
}

#[test]
fn writer_misuse_is_an_error() {
    let mut w = XmlWriter::new(&WriteOptions::default());
    w.start(A, "x").unwrap();
    w.text_str("t").unwrap();
    let e = w.attr(A, "late", &Text("v".into())).unwrap_err();
    assert!(matches!(e.kind(), EncodeErrorKind::Misuse(_)));
    assert_eq!(e.path(), "/x/@late");
    w.end().unwrap();
    assert!(w.end().is_err());
    assert!(w.start(A, "second").is_err());
    assert_eq!(w.finish(), br#"<ns1:x xmlns:ns1="urn:a">t</ns1:x>"#);
}

#[test]
fn xsi_is_declared_only_when_nil_is_written() {
    let mut w = XmlWriter::new(&WriteOptions::default().prefix("a", A));
    w.start(A, "r").unwrap();
    w.start(A, "n").unwrap();
    w.nil().unwrap();
    w.end().unwrap();
    w.start(A, "m").unwrap();
    w.attr_str(XSI_NS, "nil", "true").unwrap();
    w.end().unwrap();
    w.end().unwrap();
    assert_eq!(
        String::from_utf8(w.finish()).unwrap(),
        concat!(
            r#"<a:r xmlns:a="urn:a"><a:n xsi:nil="true" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/>"#,
            r#"<a:m xsi:nil="true" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/></a:r>"#
        )
    );
}

#[test]
fn raw_xml_is_self_contained_and_keeps_its_infoset() {
    let input = concat!(
        r#"<a:Holder xmlns:a="urn:a" xmlns:x="urn:x" xmlns="urn:default">"#,
        r#"<x:Item x:at="1" plain="2" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="x:Derived">"#,
        r#"<Child>text &amp; &#x41;<![CDATA[<cdata>]]></Child><!-- kept --><x:Other/></x:Item></a:Holder>"#
    );
    let h = decode_document::<Holder>(input.as_bytes()).unwrap().value;
    assert_eq!(h.raw.len(), 1);
    let raw = &h.raw[0];
    assert_eq!((raw.ns(), raw.local()), ("urn:x", "Item"));
    assert_eq!(
        raw.xml(),
        concat!(
            r#"<x:Item xmlns="urn:default" xmlns:x="urn:x" x:at="1" plain="2" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="x:Derived">"#,
            r#"<Child>text &amp; &#x41;<![CDATA[<cdata>]]></Child><!-- kept --><x:Other/></x:Item>"#
        )
    );
    // Re-emitted where `x` means something else, it still decodes to the same element.
    let options = WriteOptions::default()
        .prefix("x", "urn:not-x")
        .prefix("a", A);
    let xml = encode(&h, &options);
    let again = decode_document::<Holder>(xml.as_bytes()).unwrap().value;
    assert_eq!(again, h);
    let parsed = AnyElement::parse(raw.xml()).unwrap();
    assert_eq!(&parsed, raw);
}

#[test]
fn raw_empty_element_gets_its_outer_declaration() {
    let input = r#"<a:Holder xmlns:a="urn:a" xmlns:x="urn:x" xmlns:unused="urn:u"><x:E x:k="v"/></a:Holder>"#;
    let h = decode_document::<Holder>(input.as_bytes()).unwrap().value;
    assert_eq!(h.raw[0].xml(), r#"<x:E xmlns:x="urn:x" x:k="v"/>"#);
    assert_eq!(
        encode(&h, &WriteOptions::default()),
        r#"<ns1:Holder xmlns:ns1="urn:a"><x:E xmlns:x="urn:x" x:k="v"/></ns1:Holder>"#
    );
}

#[test]
fn raw_parse_rejects_unbound_prefixes_and_garbage() {
    assert!(AnyElement::parse("<x:a/>").is_err());
    assert!(AnyElement::parse("<a>").is_err());
    assert!(AnyElement::parse("<a/><b/>").is_err());
    let a = AnyElement::parse("<a xmlns='urn:q'><b/></a>").unwrap();
    assert_eq!(
        (a.ns(), a.local(), a.xml()),
        ("urn:q", "a", "<a xmlns='urn:q'><b/></a>")
    );
}
