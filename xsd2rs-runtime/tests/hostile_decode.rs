//! Hostile input to the reader (issue 9): shapes that used to take super-linear time, the
//! limits that bound them, and characters XML forbids. Each test holds the minimized input of
//! a finding at the size that showed it; the time is measured by the scaling benchmarks, here
//! the run simply has to finish (it used to take minutes).

use xsd2rs_runtime::codec::{
    decode_document, decode_document_with, DecodeError, DecodeErrorKind, FromXml, ReadOptions,
    UnknownKind, XmlReader, XmlRoot, XmlWriter,
};
use xsd2rs_runtime::soap::{decode_envelope, Limits, SoapError};

/// `<doc>` whose attributes and children are all unknown (recorded, then skipped).
#[derive(Debug, PartialEq)]
struct Doc {
    a: Option<String>,
}

impl FromXml for Doc {
    fn from_xml(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
        let a = r.attr("", "a")?;
        while r.next_child()?.is_some() {
            r.unknown()?;
        }
        Ok(Doc { a })
    }
}

impl xsd2rs_runtime::codec::ToXml for Doc {
    fn to_xml(&self, _w: &mut XmlWriter) -> Result<(), xsd2rs_runtime::codec::EncodeError> {
        Ok(())
    }
}

impl XmlRoot for Doc {
    const NS: &'static str = "";
    const NAME: &'static str = "doc";
}

fn options() -> ReadOptions {
    ReadOptions::default()
}

fn many_attributes(n: usize, qualified: bool) -> String {
    let mut xml = String::from("<doc xmlns:p=\"urn:p\"");
    for i in 0..n {
        if qualified {
            xml.push_str(&format!(" p:a{i}=\"{i}\""));
        } else {
            xml.push_str(&format!(" a{i}=\"{i}\""));
        }
    }
    xml.push_str(" a=\"found\"/>");
    xml
}

#[test]
fn many_attributes_are_refused_by_the_limit_or_read_in_linear_time() {
    // 100,000 attributes (1.2 MB): refused by the default limit, at the element.
    let xml = many_attributes(100_000, false);
    let e = decode_document::<Doc>(xml.as_bytes()).unwrap_err();
    assert_eq!(e.kind(), &DecodeErrorKind::TooManyAttributes(1024));
    assert_eq!((e.path(), e.line(), e.column()), ("", 1, 1));
    // With the limit raised they are read; unknown ones recorded up to the record limit.
    let wide = ReadOptions {
        max_attributes: 200_000,
        ..options()
    };
    for qualified in [false, true] {
        let xml = many_attributes(100_000, qualified);
        let d = decode_document_with::<Doc>(xml.as_bytes(), &wide).unwrap();
        assert_eq!(d.value.a.as_deref(), Some("found"));
        assert_eq!(d.unknown.len(), 1024);
        assert!(d.unknown.iter().all(|u| u.kind == UnknownKind::Attribute));
    }
    // The limit counts declarations too.
    let tight = ReadOptions {
        max_attributes: 2,
        ..options()
    };
    let e = decode_document_with::<Doc>(b"<doc xmlns:p='urn:p' a='1' b='2'/>", &tight).unwrap_err();
    assert_eq!(e.kind(), &DecodeErrorKind::TooManyAttributes(2));
}

#[test]
fn duplicates_among_many_attributes_are_found() {
    let wide = ReadOptions {
        max_attributes: 50_000,
        ..options()
    };
    // the same qualified name, far apart
    let mut xml = many_attributes(20_000, false);
    xml.insert_str(xml.len() - 2, " a7=\"again\"");
    let e = decode_document_with::<Doc>(xml.as_bytes(), &wide).unwrap_err();
    assert_eq!(
        e.kind(),
        &DecodeErrorKind::Syntax("duplicate attribute `a7`".into())
    );
    // two prefixes bound to one namespace: the same expanded name
    let mut xml = many_attributes(20_000, true);
    xml.insert_str(xml.len() - 2, " xmlns:q=\"urn:p\" q:a19999=\"again\"");
    let e = decode_document_with::<Doc>(xml.as_bytes(), &wide).unwrap_err();
    assert_eq!(
        e.kind(),
        &DecodeErrorKind::Syntax("duplicate attribute `a19999`".into())
    );
    // few attributes: the pairwise check
    for xml in [
        &b"<doc a='1' a='2'/>"[..],
        b"<doc xmlns:p='urn:p' xmlns:q='urn:p' p:a='1' q:a='2'/>",
    ] {
        let e = decode_document::<Doc>(xml).unwrap_err();
        assert!(matches!(e.kind(), DecodeErrorKind::Syntax(m) if m.starts_with("duplicate")));
    }
    // distinct expanded names with one local name are fine
    let ok = b"<doc xmlns:p='urn:p' xmlns:q='urn:q' p:a='1' q:a='2' a='3'/>";
    assert_eq!(
        decode_document::<Doc>(ok).unwrap().value.a.as_deref(),
        Some("3")
    );
}

/// A SOAP body `{urn:b}Ping`.
#[derive(Debug, PartialEq, Default)]
struct Ping;

impl FromXml for Ping {
    fn from_xml(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
        while r.next_child()?.is_some() {
            r.unknown()?;
        }
        Ok(Ping)
    }
}

impl xsd2rs_runtime::codec::ToXml for Ping {
    fn to_xml(&self, _w: &mut XmlWriter) -> Result<(), xsd2rs_runtime::codec::EncodeError> {
        Ok(())
    }
}

impl XmlRoot for Ping {
    const NS: &'static str = "urn:b";
    const NAME: &'static str = "Ping";
}

const SOAP11: &str = "http://schemas.xmlsoap.org/soap/envelope/";

/// `n` declarations on the envelope, `n` unknown header blocks each using the first prefix.
fn many_namespaces(n: usize) -> String {
    let mut xml = format!("<s:Envelope xmlns:s=\"{SOAP11}\" xmlns:b=\"urn:b\"");
    for i in 0..n {
        xml.push_str(&format!(" xmlns:p{i}=\"urn:p{i}\""));
    }
    xml.push_str("><s:Header>");
    for _ in 0..n {
        xml.push_str("<s:X/>");
    }
    xml.push_str("</s:Header><s:Body><b:Ping/></s:Body></s:Envelope>");
    xml
}

#[test]
fn many_namespace_declarations_are_refused_or_resolved_in_constant_time() {
    let xml = many_namespaces(100_000);
    let wide = Limits::default()
        .max_attributes(200_000)
        .max_namespaces(200_000);
    let (_, env) = decode_envelope::<Ping, ()>(xml.as_bytes(), None, &wide).unwrap();
    assert_eq!(env.body, Ping);
    // the default limits refuse the element (1024 attributes), then the scope (1024 bindings)
    let e = decode_envelope::<Ping, ()>(xml.as_bytes(), None, &Limits::default()).unwrap_err();
    assert!(
        matches!(&e, SoapError::Decode(d) if *d.kind() == DecodeErrorKind::TooManyAttributes(1024)),
        "{e:?}"
    );
    let mut nested = String::new();
    for i in 0..200 {
        nested.push_str(&format!("<e{i} xmlns:a=\"urn:{i}\" xmlns:b=\"urn:b{i}\" xmlns:c=\"urn:c\" xmlns:d=\"urn:d\" xmlns:e=\"urn:e\" xmlns:f=\"urn:f\">"));
    }
    let xml = format!("<doc>{nested}</doc>");
    let e = decode_document::<Doc>(xml.as_bytes()).unwrap_err();
    assert_eq!(e.kind(), &DecodeErrorKind::TooManyNamespaces(1024));
}

#[test]
fn prefixes_resolve_through_deep_scopes_and_shadowing() {
    // More than a short scan's worth of bindings, shadowed and restored at every level.
    let mut xml = String::from("<doc xmlns:x=\"urn:outer\">");
    for i in 0..40 {
        xml.push_str(&format!("<x:e xmlns:x=\"urn:{i}\" xmlns:y{i}=\"urn:y\">"));
    }
    for _ in 0..40 {
        xml.push_str("</x:e>");
    }
    xml.push_str("<x:after/></doc>");
    let d = decode_document::<Doc>(xml.as_bytes()).unwrap();
    // the first unknown child is {urn:0}e, the last one {urn:outer}after (the binding restored)
    assert_eq!(d.unknown.first().map(|u| u.ns.as_str()), Some("urn:0"));
    assert_eq!(d.unknown.last().map(|u| u.ns.as_str()), Some("urn:outer"));
    assert_eq!(d.unknown.len(), 2);
}

fn long_line(spaces: usize) -> String {
    let mut xml = String::with_capacity(spaces + 40_000);
    xml.push_str("<doc>");
    xml.push_str(&" ".repeat(spaces));
    for _ in 0..2000 {
        xml.push_str("<u/>");
    }
    xml.push_str("\n <u/></doc>");
    xml
}

#[test]
fn positions_of_unknown_content_are_not_rescanned() {
    // A 30 MB line of spaces, then 2,000 unknown elements on the same line.
    let spaces = 30 * 1024 * 1024;
    let xml = long_line(spaces);
    let d = decode_document::<Doc>(xml.as_bytes()).unwrap();
    assert_eq!(d.unknown.len(), 1024);
    let first = d.unknown.first().unwrap();
    assert_eq!((first.line, first.column), (1, 6 + spaces as u32));
    let last = d.unknown.last().unwrap();
    assert_eq!((last.line, last.column), (1, 6 + spaces as u32 + 4 * 1023));
}

#[test]
fn unknown_records_are_bounded_and_configurable() {
    let xml = long_line(1000);
    let few = ReadOptions {
        max_unknown_records: 3,
        ..options()
    };
    let d = decode_document_with::<Doc>(xml.as_bytes(), &few).unwrap();
    assert_eq!(d.unknown.len(), 3);
    let none = ReadOptions {
        max_unknown_records: 0,
        ..options()
    };
    assert!(decode_document_with::<Doc>(xml.as_bytes(), &none)
        .unwrap()
        .unknown
        .is_empty());
    let limits = Limits::default().max_unknown_records(5);
    assert_eq!(limits.read_options().max_unknown_records, 5);
}

#[test]
fn positions_count_characters_and_survive_going_back() {
    // multi-byte characters before the unknown element count once each
    let xml = "<doc>\n  ééé<u/>\n<v/></doc>";
    let d = decode_document::<Doc>(xml.as_bytes()).unwrap();
    let at: Vec<(u32, u32)> = d.unknown.iter().map(|u| (u.line, u.column)).collect();
    // the text (from the end of `<doc>`), then `u` (after 2 spaces and 3 characters), `v`
    assert_eq!(at, vec![(1, 6), (2, 6), (3, 1)]);
    // an error after records points back to an earlier element on the same line
    let xml = "<doc><u/><u/><u/><x a='1' a='2'/></doc>";
    let e = decode_document::<Doc>(xml.as_bytes()).unwrap_err();
    assert_eq!((e.line(), e.column()), (1, 18));
}

#[test]
fn literal_characters_xml_forbids_are_refused() {
    let cases: [(&str, u32, (u32, u32)); 5] = [
        ("<doc>a\u{1}b</doc>", 0x1, (1, 7)),
        ("<doc a='\u{FFFE}'/>", 0xFFFE, (1, 9)),
        ("<doc>\n<!-- \u{FFFF} --></doc>", 0xFFFF, (2, 6)),
        ("<doc><![CDATA[\u{1F}]]></doc>", 0x1F, (1, 15)),
        ("<doc/>\u{0}", 0x0, (1, 7)),
    ];
    for (xml, c, (line, column)) in cases {
        let e = decode_document::<Doc>(xml.as_bytes()).unwrap_err();
        assert_eq!(e.kind(), &DecodeErrorKind::ForbiddenChar(c), "{xml:?}");
        assert_eq!((e.line(), e.column()), (line, column), "{xml:?}");
    }
    // allowed neighbours: tab, line ends, U+FFFD, U+E000, U+10000, U+EFBFBD-like bytes
    let ok = "<doc a='\t\u{FFFD}\u{F000}\u{10000}'>\r\n\u{E000}</doc>";
    assert!(decode_document::<Doc>(ok.as_bytes()).is_ok());
}

/// Reads a whole document without a schema (as raw XML is checked before it is written).
fn read_through(xml: &str) -> Result<(), String> {
    let options = xsd2rs_runtime::codec::ReadOptions::default();
    let mut r = xsd2rs_runtime::codec::XmlReader::new(xml.as_bytes(), &options);
    r.root().map_err(|e| e.to_string())?;
    r.skip().map_err(|e| e.to_string())?;
    r.finish().map(|_| ()).map_err(|e| e.to_string())
}

#[test]
fn names_that_are_not_xml_names_and_cdata_ends_in_text_are_refused() {
    // Fuzzing findings (tests/fuzz-regressions/messages_oof/raw-attribute-name-not-a-name,
    // envelopes/raw-text-cdata-end): quick-xml reads both, and xs:any content kept raw was
    // written back as read: not XML.
    for bad in [
        "<a ,=\"1\"/>",
        "<a b,c=\"1\"/>",
        "<a 1b=\"1\"/>",
        "<a p:=\"1\"/>",
        "<a xmlns:,=\"urn:x\"/>",
        "<a xmlns:p:q=\"urn:x\"/>",
        "<1a/>",
        "<a>]]></a>",
        "<a>x]]>y</a>",
    ] {
        let e = read_through(bad).expect_err(bad);
        assert!(
            e.contains("invalid qualified name")
                || e.contains("invalid namespace declaration")
                || e.contains("`]]>` in character data"),
            "{bad}: {e}"
        );
    }
    for good in [
        "<a b-c.d_e=\"1\" xmlns:p=\"urn:p\" p:é=\"2\"/>",
        "<a>]]&gt; ]] ] > </a>",
        "<a><![CDATA[x]]></a>",
    ] {
        read_through(good).unwrap_or_else(|e| panic!("{good}: {e}"));
    }
}
