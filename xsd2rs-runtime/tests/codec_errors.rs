//! Decode errors: kinds, paths and positions, and hostile input that must give clean errors.

use xsd2rs_runtime::codec::{
    decode_document, decode_document_with, DecodeError, DecodeErrorKind, EncodeError, FromXml,
    ReadOptions, ToXml, UnknownKind, XmlReader, XmlRoot, XmlWriter,
};
use xsd2rs_runtime::{SimpleValue, ValueError};

/// Stand-in for `xs:unsignedByte`.
#[derive(Debug, Clone, PartialEq)]
struct Num(u8);

impl SimpleValue for Num {
    fn parse_text(text: &str) -> Result<Self, ValueError> {
        text.trim()
            .parse()
            .map(Num)
            .map_err(|_| ValueError::new("xs:unsignedByte", text))
    }
    fn write_text(&self, out: &mut String) {
        out.push_str(&self.0.to_string());
    }
}

const E: &str = "urn:e";

/// A recursive type: `<Node n="1"><Value>2</Value><Node n="3"/>…</Node>`.
#[derive(Debug, Clone, PartialEq)]
struct Node {
    n: Num,
    value: Option<Num>,
    children: Vec<Node>,
}

impl FromXml for Node {
    fn from_xml(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
        let n = r.req_attr("", "n")?;
        let (mut value, mut children) = (None, Vec::new());
        while let Some(name) = r.next_child()? {
            match name {
                (E, "Value") => r.read(&mut value)?,
                (E, "Node") => r.read_push(&mut children)?,
                _ => r.unknown()?,
            }
        }
        Ok(Node { n, value, children })
    }
}

impl ToXml for Node {
    fn to_xml(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        w.attr("", "n", &self.n)?;
        w.child_opt(E, "Value", &self.value)?;
        w.children(E, "Node", &self.children)
    }
}

/// Root `{urn:e}Doc` with a required `Node`.
#[derive(Debug, Clone, PartialEq)]
struct Doc {
    node: Node,
}

impl FromXml for Doc {
    fn from_xml(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
        let mut node = None;
        while let Some(name) = r.next_child()? {
            match name {
                (E, "Node") => r.read(&mut node)?,
                _ => r.unknown()?,
            }
        }
        Ok(Doc {
            node: r.required(node, "Node")?,
        })
    }
}

impl ToXml for Doc {
    fn to_xml(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        w.child(E, "Node", &self.node)
    }
}

impl XmlRoot for Doc {
    const NS: &'static str = E;
    const NAME: &'static str = "Doc";
}

const GOOD: &str = "<?xml version=\"1.0\"?>\n<e:Doc xmlns:e=\"urn:e\">\n  <e:Node n=\"1\">\n    <e:Value>7</e:Value>\n    <e:Node n=\"2\"><e:Value>8</e:Value></e:Node>\n    <e:Node n=\"3\" />\n  </e:Node>\n</e:Doc>\n";

fn decode(xml: &str) -> Result<Doc, DecodeError> {
    decode_document::<Doc>(xml.as_bytes()).map(|d| d.value)
}

fn err(xml: &str) -> DecodeError {
    match decode(xml) {
        Ok(v) => panic!("expected an error, decoded {v:?}"),
        Err(e) => e,
    }
}

#[test]
fn good_document_decodes() {
    let doc = decode(GOOD).unwrap();
    assert_eq!(doc.node.n, Num(1));
    assert_eq!(doc.node.value, Some(Num(7)));
    assert_eq!(doc.node.children.len(), 2);
    assert_eq!(doc.node.children[0].value, Some(Num(8)));
}

#[test]
fn invalid_value_has_path_line_and_column() {
    let e = err(&GOOD.replace("<e:Value>8</e:Value>", "<e:Value>x8</e:Value>"));
    assert!(
        matches!(e.kind(), DecodeErrorKind::InvalidValue(v) if v.expected == "xs:unsignedByte"),
        "{e}"
    );
    assert_eq!(e.path(), "/Doc/Node/Node/Value");
    assert_eq!((e.line(), e.column()), (5, 19));
    assert_eq!(
        e.to_string(),
        "invalid value: expected xs:unsignedByte, found \"x8\" at /Doc/Node/Node/Value (line 5, column 19)"
    );
}

#[test]
fn invalid_attribute_names_the_attribute() {
    let e = err(&GOOD.replace("n=\"3\"", "n=\"300\""));
    assert_eq!(e.path(), "/Doc/Node/Node/@n");
    assert_eq!((e.line(), e.column()), (6, 5));
}

#[test]
fn missing_required_element_and_attribute() {
    let e = err("<Doc xmlns='urn:e'><Other/></Doc>");
    assert_eq!(e.kind(), &DecodeErrorKind::MissingElement("Node".into()));
    assert_eq!(e.path(), "/Doc");
    let e = err("<Doc xmlns='urn:e'><Node><Node n='1'/></Node></Doc>");
    assert_eq!(e.kind(), &DecodeErrorKind::MissingAttribute("n".into()));
    assert_eq!(e.path(), "/Doc/Node");
}

#[test]
fn unexpected_root_is_named() {
    let e = err("<SetUserOofSettingsResponse xmlns='urn:x'/>");
    assert!(
        e.to_string().contains("{urn:x}SetUserOofSettingsResponse"),
        "{e}"
    );
    assert!(
        matches!(e.kind(), DecodeErrorKind::UnexpectedRoot { found, .. } if found == "SetUserOofSettingsResponse")
    );
}

#[test]
fn mismatched_end_tag() {
    let e = err("<e:Doc xmlns:e=\"urn:e\">\n<e:Node n=\"1\"></e:Nod></e:Doc>");
    assert_eq!(
        e.kind(),
        &DecodeErrorKind::MismatchedEnd {
            expected: "e:Node".into(),
            found: "e:Nod".into()
        }
    );
    assert_eq!(e.path(), "/Doc/Node");
    assert_eq!((e.line(), e.column()), (2, 15));
    // same namespace, other prefix: still a mismatch (XML compares end tags literally)
    let e = err("<e:Doc xmlns:e='urn:e' xmlns:f='urn:e'><e:Node n='1'></f:Node></e:Doc>");
    assert!(
        matches!(e.kind(), DecodeErrorKind::MismatchedEnd { .. }),
        "{e}"
    );
    let e = err("<e:Doc xmlns:e='urn:e'><e:Node n='1'/></e:Doc></extra>");
    assert!(matches!(e.kind(), DecodeErrorKind::Syntax(_)), "{e}");
}

#[test]
fn unbound_prefix() {
    let e = err("<e:Doc xmlns:e='urn:e'><q:Node n='1'/></e:Doc>");
    assert_eq!(e.kind(), &DecodeErrorKind::UnboundPrefix("q".into()));
    let e = err("<e:Doc xmlns:e='urn:e'><e:Node q:n='1'/></e:Doc>");
    assert_eq!(e.kind(), &DecodeErrorKind::UnboundPrefix("q".into()));
    // a declaration goes out of scope with its element
    let e = err("<e:Doc xmlns:e='urn:e'><x xmlns:q='urn:q'/><q:y/></e:Doc>");
    assert_eq!(e.kind(), &DecodeErrorKind::UnboundPrefix("q".into()));
    // undeclaring a prefix is XML 1.1 only; rebinding xml is forbidden
    assert!(matches!(
        err("<e:Doc xmlns:e='urn:e' xmlns:q=''/>").kind(),
        DecodeErrorKind::Syntax(_)
    ));
    assert!(matches!(
        err("<e:Doc xmlns:e='urn:e' xmlns:xml='urn:x'/>").kind(),
        DecodeErrorKind::Syntax(_)
    ));
}

#[test]
fn default_namespace_undeclaring_and_xml_prefix() {
    // xmlns="" puts the child in no namespace: it is not {urn:e}Node, so it is unknown
    let xml = "<Doc xmlns='urn:e'><Node n='1' xml:lang='en'/><Node xmlns='' n='2'/></Doc>";
    let d = decode_document::<Doc>(xml.as_bytes()).unwrap();
    assert_eq!(d.value.node.n, Num(1));
    let unknown: Vec<_> = d
        .unknown
        .iter()
        .map(|u| (u.kind, u.ns.as_str(), u.name.as_str()))
        .collect();
    assert_eq!(
        unknown,
        vec![
            (
                UnknownKind::Attribute,
                "http://www.w3.org/XML/1998/namespace",
                "lang"
            ),
            (UnknownKind::Element, "", "Node"),
        ]
    );
}

#[test]
fn doctype_is_refused() {
    let e =
        err("<!DOCTYPE Doc [<!ENTITY x \"boom\">]><Doc xmlns='urn:e'><Node n='1'>&x;</Node></Doc>");
    assert_eq!(e.kind(), &DecodeErrorKind::Doctype);
    assert_eq!((e.line(), e.column()), (1, 1));
}

#[test]
fn unknown_entities_are_errors() {
    let e = err("<Doc xmlns='urn:e'><Node n='1'><Value>&x;</Value></Node></Doc>");
    assert_eq!(e.kind(), &DecodeErrorKind::UnknownEntity("x".into()));
    let e = err("<Doc xmlns='urn:e'><Node n='&x;'/></Doc>");
    assert_eq!(e.kind(), &DecodeErrorKind::UnknownEntity("x".into()));
    // also inside content that is skipped
    let e = err("<Doc xmlns='urn:e'><Skipped>&nbsp;</Skipped><Node n='1'/></Doc>");
    assert_eq!(e.kind(), &DecodeErrorKind::UnknownEntity("nbsp".into()));
    // predefined and character references are fine
    let d = decode("<Doc xmlns='urn:e'><Node n='&#x31;'><Value>&#50;&#x30;</Value></Node></Doc>")
        .unwrap();
    assert_eq!((d.node.n, d.node.value), (Num(1), Some(Num(20))));
}

#[test]
fn bad_utf8_is_an_error() {
    for bad in [
        &b"<Doc xmlns='urn:e'><Node n='1'><Value>\xff</Value></Node></Doc>"[..],
        b"<Doc xmlns='urn:e'><Node n='\xc3'/></Doc>",
        b"<Doc xmlns='urn:e'><Node\xe2 n='1'/></Doc>",
        b"<Doc xmlns='urn:e'><Node n='1'><Value><![CDATA[\xfe]]></Value></Node></Doc>",
    ] {
        let e = decode_document::<Doc>(bad).unwrap_err();
        assert_eq!(e.kind(), &DecodeErrorKind::Utf8, "{e}");
    }
}

#[test]
fn deep_nesting_is_bounded() {
    let depth = 100_000;
    let mut xml = String::from("<Doc xmlns='urn:e'>");
    for _ in 0..depth {
        xml.push_str("<Node n='1'>");
    }
    for _ in 0..depth {
        xml.push_str("</Node>");
    }
    xml.push_str("</Doc>");
    let e = err(&xml);
    assert_eq!(e.kind(), &DecodeErrorKind::TooDeep(256));
    // the same inside skipped content
    let skipped = xml
        .replace("<Node n='1'>", "<X>")
        .replace("</Node>", "</X>");
    assert_eq!(err(&skipped).kind(), &DecodeErrorKind::TooDeep(256));
    // a configurable limit
    let options = ReadOptions {
        max_depth: 3,
        ..ReadOptions::default()
    };
    let e = decode_document_with::<Doc>(GOOD.as_bytes(), &options).unwrap_err();
    assert_eq!(e.kind(), &DecodeErrorKind::TooDeep(3));
    assert_eq!(e.path(), "/Doc/Node/Node"); // the element whose child is one level too deep
}

#[test]
fn every_truncation_is_a_clean_error() {
    let bytes = GOOD.as_bytes();
    let end = GOOD.find("</e:Doc>").unwrap() + "</e:Doc>".len();
    for cut in 0..end {
        let e = decode_document::<Doc>(&bytes[..cut]).unwrap_err();
        assert!(
            matches!(
                e.kind(),
                DecodeErrorKind::UnexpectedEof | DecodeErrorKind::Syntax(_)
            ),
            "cut at {cut}: {e}"
        );
    }
    assert!(decode_document::<Doc>(&bytes[..end]).is_ok());
}

#[test]
fn mutated_input_never_panics() {
    // A deterministic xorshift walk over byte mutations of a valid document.
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let specials = b"<>&;:/='\"x \n\xff!?[]-#";
    let mut errors = 0;
    for _ in 0..5000 {
        let mut bytes = GOOD.as_bytes().to_vec();
        for _ in 0..(next() % 4 + 1) {
            let i = (next() as usize) % bytes.len();
            match next() % 3 {
                0 => bytes[i] = specials[(next() as usize) % specials.len()],
                1 => {
                    bytes.remove(i);
                }
                _ => bytes.insert(i, specials[(next() as usize) % specials.len()]),
            }
        }
        for strict in [false, true] {
            let options = ReadOptions {
                strict,
                ..ReadOptions::default()
            };
            if decode_document_with::<Doc>(&bytes, &options).is_err() {
                errors += 1;
            }
        }
    }
    assert!(errors > 1000, "mutations should mostly fail: {errors}");
}

#[test]
fn empty_and_extra_content() {
    assert_eq!(err("").kind(), &DecodeErrorKind::UnexpectedEof);
    assert_eq!(
        err("  <!-- c -->  ").kind(),
        &DecodeErrorKind::UnexpectedEof
    );
    assert!(matches!(
        err("text<Doc xmlns='urn:e'/>").kind(),
        DecodeErrorKind::Syntax(_)
    ));
    let two_roots = "<Doc xmlns='urn:e'><Node n='1'/></Doc><Doc xmlns='urn:e'/>";
    assert!(matches!(err(two_roots).kind(), DecodeErrorKind::Syntax(_)));
    let late_decl = "<Doc xmlns='urn:e'><?xml version='1.0'?><Node n='1'/></Doc>";
    assert!(matches!(err(late_decl).kind(), DecodeErrorKind::Syntax(_)));
    // comments and processing instructions are fine anywhere
    let ok = "<!--a--><?pi x?><Doc xmlns='urn:e'><!--b--><Node n='1'><?pi?></Node></Doc><!--c-->\n";
    assert!(decode(ok).is_ok());
}

#[test]
fn lenient_records_and_strict_refuses() {
    let xml = "<Doc xmlns='urn:e' extra='1'>stray<Node n='1' x:y='2' xmlns:x='urn:x' \
               xmlns:xsi='http://www.w3.org/2001/XMLSchema-instance' xsi:type='x:T'><New><Deeper/></New></Node></Doc>";
    let d = decode_document::<Doc>(xml.as_bytes()).unwrap();
    let got: Vec<_> = d
        .unknown
        .iter()
        .map(|u| (u.kind, u.path.as_str(), u.ns.as_str(), u.name.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            (UnknownKind::Attribute, "/Doc", "", "extra"),
            (UnknownKind::Text, "/Doc", "", "stray"),
            (UnknownKind::Attribute, "/Doc/Node", "urn:x", "y"),
            (UnknownKind::Element, "/Doc/Node", "urn:e", "New"),
        ]
    );
    let strict = ReadOptions {
        strict: true,
        ..ReadOptions::default()
    };
    let e = decode_document_with::<Doc>(xml.as_bytes(), &strict).unwrap_err();
    assert_eq!(
        e.kind(),
        &DecodeErrorKind::UnexpectedAttribute {
            ns: "".into(),
            name: "extra".into()
        }
    );
    let xml = "<Doc xmlns='urn:e'><Node n='1'/><Node n='2'/></Doc>";
    let e = decode_document_with::<Doc>(xml.as_bytes(), &strict).unwrap_err();
    assert_eq!(
        e.kind(),
        &DecodeErrorKind::UnexpectedElement {
            ns: "urn:e".into(),
            name: "Node".into()
        }
    );
    assert_eq!(e.path(), "/Doc/Node");
    let e = decode_document_with::<Doc>(b"<Doc xmlns='urn:e'>t<Node n='1'/></Doc>", &strict)
        .unwrap_err();
    assert_eq!(e.kind(), &DecodeErrorKind::UnexpectedText("t".into()));
}

#[test]
fn simple_content_with_child_element() {
    let xml = "<Doc xmlns='urn:e'><Node n='1'><Value>1<b>x</b>2</Value></Node></Doc>";
    let d = decode_document::<Doc>(xml.as_bytes()).unwrap();
    assert_eq!(d.value.node.value, Some(Num(12)));
    assert_eq!(d.unknown.len(), 1);
    assert_eq!(d.unknown[0].path, "/Doc/Node/Value");
}

#[test]
fn line_endings_and_bom() {
    let xml = "\u{FEFF}<Doc xmlns='urn:e'>\r\n<Node n='1'>\r\n<Value>x</Value></Node></Doc>";
    let e = err(xml);
    assert_eq!(e.path(), "/Doc/Node/Value");
    assert_eq!((e.line(), e.column()), (3, 1));
}

/// A QName in text, resolved in the scope of its element (as `xsi:type` or a fault code needs).
#[derive(Debug, PartialEq)]
struct QNameText(String, String);

impl FromXml for QNameText {
    fn from_xml(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
        let text: Name = r.text()?;
        let (prefix, local) = text.0.split_once(':').unwrap_or(("", &text.0));
        match r.lookup_namespace(prefix) {
            Some(ns) => Ok(QNameText(ns.to_owned(), local.to_owned())),
            None => Err(r.error(DecodeErrorKind::UnboundPrefix(prefix.to_owned()))),
        }
    }
}

#[derive(Debug, PartialEq)]
struct Name(String);

impl SimpleValue for Name {
    fn parse_text(text: &str) -> Result<Self, ValueError> {
        Ok(Name(text.trim().to_owned()))
    }
    fn write_text(&self, out: &mut String) {
        out.push_str(&self.0);
    }
}

/// `<r><c>QName</c>…</r>` in no namespace.
#[derive(Debug, PartialEq)]
struct QNames(Vec<QNameText>);

impl FromXml for QNames {
    fn from_xml(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
        let mut items = Vec::new();
        while r.next_child()?.is_some() {
            r.read_push(&mut items)?;
        }
        Ok(QNames(items))
    }
}

fn qnames(xml: &str) -> Result<QNames, DecodeError> {
    let mut r = XmlReader::new(xml.as_bytes(), &ReadOptions::default());
    assert_eq!(r.root()?, ("", "r"));
    let value = r.read_child::<QNames>()?;
    r.finish()?;
    Ok(value)
}

#[test]
fn qname_content_resolves_in_element_scope() {
    let xml = "<r xmlns:p='urn:outer'><c xmlns:p='urn:inner'> p:x </c><c>p:y</c><c>z</c></r>";
    assert_eq!(
        qnames(xml).unwrap().0,
        vec![
            QNameText("urn:inner".into(), "x".into()),
            QNameText("urn:outer".into(), "y".into()),
            QNameText("".into(), "z".into()),
        ]
    );
    let e = qnames("<r><c>q:z</c></r>").unwrap_err();
    assert_eq!(e.kind(), &DecodeErrorKind::UnboundPrefix("q".into()));
    assert_eq!(e.path(), "/r/c");
}

#[test]
fn unknown_records_are_bounded() {
    // 120 nested Nodes (a ~600-byte path), then 5000 unknown children in the deepest one
    let mut xml = String::from("<Doc xmlns='urn:e'>");
    xml.push_str(&"<Node n='1'>".repeat(120));
    xml.push_str(&"<u/>".repeat(5000));
    xml.push_str(&"</Node>".repeat(120));
    xml.push_str("</Doc>");
    let d = decode_document::<Doc>(xml.as_bytes()).unwrap();
    assert_eq!(d.unknown.len(), xsd2rs_runtime::codec::MAX_UNKNOWN_RECORDS);
    let path = &d.unknown[0].path;
    assert!(
        path.starts_with("…/Node/Node") && path.len() <= 520,
        "{path}"
    );
}

/// Records the `xsi:type` of each child.
#[derive(Debug, PartialEq)]
struct Typed(Vec<Option<(String, String)>>);

struct TypeOf(Option<(String, String)>);

impl FromXml for TypeOf {
    fn from_xml(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
        r.xsi_type().map(TypeOf)
    }
}

impl FromXml for Typed {
    fn from_xml(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
        let mut items: Vec<TypeOf> = Vec::new();
        while r.next_child()?.is_some() {
            r.read_push(&mut items)?;
        }
        Ok(Typed(items.into_iter().map(|t| t.0).collect()))
    }
}

#[test]
fn xsi_type_resolves_its_prefix() {
    let xml = "<r xmlns:i='http://www.w3.org/2001/XMLSchema-instance' xmlns:t='urn:t'>\
               <c i:type=' t:Derived '/><c/><c i:type='Plain' xmlns='urn:d'/><c i:type='x:Y'/></r>";
    let mut r = XmlReader::new(xml.as_bytes(), &ReadOptions::default());
    r.root().unwrap();
    let e = r.read_child::<Typed>().unwrap_err();
    assert_eq!(e.kind(), &DecodeErrorKind::UnboundPrefix("x".into()));
    let fixed = xml.replace("x:Y", "t:Z");
    let mut r = XmlReader::new(fixed.as_bytes(), &ReadOptions::default());
    r.root().unwrap();
    let t = r.read_child::<Typed>().unwrap();
    let pair = |a: &str, b: &str| Some((a.to_owned(), b.to_owned()));
    assert_eq!(
        t.0,
        vec![
            pair("urn:t", "Derived"),
            None,
            pair("urn:d", "Plain"),
            pair("urn:t", "Z")
        ]
    );
}
