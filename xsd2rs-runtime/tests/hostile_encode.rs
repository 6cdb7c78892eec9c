//! Encoders never write malformed XML (issue 9): names, prefixes, characters and raw content
//! are checked, or the result is an error naming the path. Each test holds a finding's
//! minimized input.

#[path = "soap_support.rs"]
mod support;

use support::{exchange_service_dispatcher, TestService, M};
use xsd2rs_runtime::codec::{
    decode_document, encode_document, AnyElement, EncodeError, EncodeErrorKind, ToXml,
    WriteOptions, XmlRoot, XmlWriter, XML_NS,
};
use xsd2rs_runtime::server::{fault_response, IncomingRequest};
use xsd2rs_runtime::soap::{
    decode_fault, encode_envelope, encode_fault, Fault, FaultCode, Limits, SoapVersion,
    SOAP11_ENV_NS,
};

/// `<{urn:t}r>` with one text child, written through the public writer calls.
#[derive(Debug, Clone, PartialEq, Default)]
struct R(String);

impl xsd2rs_runtime::codec::FromXml for R {
    fn from_xml(
        r: &mut xsd2rs_runtime::codec::XmlReader<'_>,
    ) -> Result<Self, xsd2rs_runtime::codec::DecodeError> {
        r.text().map(R)
    }
}

impl ToXml for R {
    fn to_xml(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        w.text_str(&self.0)
    }
}

impl XmlRoot for R {
    const NS: &'static str = "urn:t";
    const NAME: &'static str = "r";
}

fn write(f: impl FnOnce(&mut XmlWriter) -> Result<(), EncodeError>) -> Result<String, EncodeError> {
    let mut w = XmlWriter::new(&WriteOptions::default());
    f(&mut w)?;
    Ok(String::from_utf8(w.finish()).unwrap())
}

#[test]
fn prefixes_given_to_write_options_are_checked() {
    let value = R("x".into());
    for (prefix, uri) in [
        ("", "urn:t"),
        ("xml", "urn:t"),
        ("xmlns", "urn:t"),
        ("XmL", "urn:t"),
        ("a b", "urn:t"),
        ("a:b", "urn:t"),
        ("1a", "urn:t"),
        ("p", ""),
        ("p", XML_NS),
        ("p", "http://www.w3.org/2000/xmlns/"),
    ] {
        let options = WriteOptions::default().prefix(prefix, uri);
        let e = encode_document(&value, &options).unwrap_err();
        assert!(
            matches!(&e.kind, EncodeErrorKind::InvalidPrefix { prefix: p, .. } if p == prefix),
            "{prefix:?} {uri:?}: {e}"
        );
        assert_eq!(e.path, "/r");
    }
    // a prefix bound twice (even to the same namespace) would be a duplicate attribute
    for second in ["urn:t", "urn:u"] {
        let options = WriteOptions::default()
            .prefix("t", "urn:t")
            .prefix("t", second);
        let e = encode_document(&value, &options).unwrap_err();
        assert!(
            matches!(&e.kind, EncodeErrorKind::InvalidPrefix { reason, .. } if reason.contains("twice")),
            "{e}"
        );
    }
    // the xml prefix for its own namespace is accepted (and never declared)
    let options = WriteOptions::default()
        .prefix("xml", XML_NS)
        .prefix("t", "urn:t");
    let out = encode_document(&value, &options).unwrap();
    assert_eq!(
        String::from_utf8(out).unwrap(),
        r#"<t:r xmlns:t="urn:t">x</t:r>"#
    );
}

#[test]
fn element_and_attribute_names_are_checked() {
    for bad in ["", "a b", "x<y", "p:q", "1a", "-a", "a\u{1}"] {
        let e = write(|w| w.start("urn:t", bad)).unwrap_err();
        assert_eq!(e.kind, EncodeErrorKind::InvalidName(bad.into()), "{bad:?}");
        assert_eq!(e.path, format!("/{bad}"));
        let e = write(|w| {
            w.start("", "r")?;
            w.attr_str("", bad, "v")
        })
        .unwrap_err();
        assert_eq!(e.kind, EncodeErrorKind::InvalidName(bad.into()), "{bad:?}");
        assert_eq!(e.path, format!("/r/@{bad}"));
    }
    // reserved: an unqualified `xmlns` attribute, anything in the xmlns namespace
    let e = write(|w| {
        w.start("", "r")?;
        w.attr_str("", "xmlns", "urn:x")
    })
    .unwrap_err();
    assert_eq!(e.kind, EncodeErrorKind::InvalidName("xmlns".into()));
    let e = write(|w| w.start("http://www.w3.org/2000/xmlns/", "r")).unwrap_err();
    assert_eq!(e.kind, EncodeErrorKind::InvalidName("r".into()));
    // non-ASCII names are fine
    let out = write(|w| {
        w.start("", "été")?;
        w.attr_str("", "ĉu", "1")?;
        w.end()
    })
    .unwrap();
    assert_eq!(out, r#"<été ĉu="1"/>"#);
}

#[test]
fn an_attribute_written_twice_is_an_error() {
    let e = write(|w| {
        w.start("", "r")?;
        w.attr_str("", "a", "1")?;
        w.attr_str("urn:p", "a", "2")?; // another expanded name: fine
        w.attr_str(XML_NS, "lang", "en")?;
        w.attr_str("", "a", "3")
    })
    .unwrap_err();
    assert_eq!(e.kind, EncodeErrorKind::DuplicateAttribute("a".into()));
    assert_eq!(e.path, "/r/@a");
    let e = write(|w| {
        w.start("", "r")?;
        w.attr_str(XML_NS, "lang", "en")?;
        w.attr_str(XML_NS, "lang", "fr")
    })
    .unwrap_err();
    assert_eq!(e.kind, EncodeErrorKind::DuplicateAttribute("lang".into()));
    // the same name on the next element is fine
    let out = write(|w| {
        w.start("", "r")?;
        w.attr_str("", "a", "1")?;
        w.start("", "c")?;
        w.attr_str("", "a", "2")?;
        w.end()?;
        w.end()
    })
    .unwrap();
    assert_eq!(out, r#"<r a="1"><c a="2"/></r>"#);
}

#[test]
fn raw_xml_is_checked_when_written() {
    for bad in [
        "<a>",
        "<a></b>",
        "<p:a/>",
        "text",
        "<a/><b/>",
        "<a>\u{FFFE}</a>",
        "<a>\u{1}</a>",
        // a reference to a character XML forbids, in an attribute of the element or of a child
        "<a b=\"&#1;\"/>",
        "<a><c d=\"x&#xFFFE;\"/></a>",
        "<!DOCTYPE a><a/>",
        "",
    ] {
        let e = write(|w| {
            w.start("", "r")?;
            w.raw(bad)
        })
        .unwrap_err();
        assert!(
            matches!(e.kind, EncodeErrorKind::MalformedRaw(_)),
            "{bad:?}: {e}"
        );
        assert_eq!(e.path, "/r");
        let e = write(|w| {
            w.start("", "r")?;
            w.raw_as_current(bad)
        })
        .unwrap_err();
        assert!(
            matches!(e.kind, EncodeErrorKind::MalformedRaw(_)),
            "{bad:?}: {e}"
        );
    }
    let any = AnyElement::parse(r#"<p:a xmlns:p="urn:p"><p:b/>&amp;</p:a>"#).unwrap();
    let out = write(|w| {
        w.start("", "r")?;
        w.content(&any)?;
        w.end()
    })
    .unwrap();
    assert_eq!(out, r#"<r><p:a xmlns:p="urn:p"><p:b/>&amp;</p:a></r>"#);
}

#[test]
fn envelope_prefixes_are_checked() {
    for prefixes in [
        &[("", M)][..],
        &[("xml", M)],
        &[("a b", M)],
        &[("m", M), ("m", "urn:other")],
        &[("x", XML_NS)],
    ] {
        let e = encode_envelope(SoapVersion::Soap11, &R("x".into()), &(), prefixes).unwrap_err();
        assert!(
            matches!(e.kind, EncodeErrorKind::InvalidPrefix { .. }),
            "{prefixes:?}: {e}"
        );
        assert_eq!(e.path, "/Envelope");
    }
}

#[tokio::test]
async fn a_dispatcher_with_a_bad_prefix_answers_a_well_formed_fault() {
    let dispatcher = exchange_service_dispatcher(TestService).with_prefix("a b", "urn:x");
    let body = encode_envelope(
        SoapVersion::Soap11,
        &support::request_for("someone@example.com"),
        &(),
        &[("m", M)],
    )
    .unwrap();
    let reply = dispatcher
        .dispatch(IncomingRequest {
            body,
            ..IncomingRequest::default()
        })
        .await;
    assert_eq!(reply.status, 500);
    let (_, fault) = decode_fault(&reply.body, &Limits::default())
        .unwrap()
        .expect("a fault");
    assert!(fault.code.is_server());
    assert!(fault.string.contains("prefix `a b`"), "{}", fault.string);
}

fn fault_round_trip(version: SoapVersion, fault: &Fault) -> Fault {
    let bytes = encode_fault(version, fault).unwrap();
    let text = String::from_utf8(bytes.clone()).unwrap();
    let (_, back) = decode_fault(&bytes, &Limits::default())
        .unwrap_or_else(|e| panic!("{text}: {e}"))
        .expect("a fault");
    back
}

#[test]
fn fault_codes_in_the_xml_namespace_use_the_xml_prefix() {
    for version in [SoapVersion::Soap11, SoapVersion::Soap12] {
        let mut fault = Fault::new(FaultCode::new(XML_NS, "lang"), "odd");
        fault.subcodes = vec![FaultCode::new(XML_NS, "space")];
        let text = String::from_utf8(encode_fault(version, &fault).unwrap()).unwrap();
        assert!(
            !text.contains("=\"http://www.w3.org/XML/1998/namespace\""),
            "{text}"
        );
        let back = fault_round_trip(version, &fault);
        assert_eq!(back.code, fault.code);
        if version == SoapVersion::Soap12 {
            assert_eq!(back.subcodes, fault.subcodes);
        }
    }
}

#[test]
fn unqualified_codes_that_look_prefixed_round_trip() {
    // `soap:Client` read where `soap` was not bound is the unqualified code `soap:Client`.
    let read = br#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault><faultcode>soap:Client</faultcode><faultstring>x</faultstring></s:Fault></s:Body></s:Envelope>"#;
    let (_, fault) = decode_fault(read, &Limits::default()).unwrap().unwrap();
    assert_eq!(fault.code, FaultCode::new("", "soap:Client"));
    let back = fault_round_trip(SoapVersion::Soap11, &fault);
    assert_eq!(back.code, FaultCode::new("", "soap:Client"));
    // beside a qualified code whose prefix it would take
    for version in [SoapVersion::Soap11, SoapVersion::Soap12] {
        let mut fault = Fault::new(FaultCode::new("", "fc:x"), "y");
        fault.subcodes = vec![FaultCode::new("urn:a", "b"), FaultCode::new("", "env:z")];
        let back = fault_round_trip(version, &fault);
        assert_eq!(back.code, fault.code.for_version(version));
        if version == SoapVersion::Soap12 {
            assert_eq!(back.subcodes, fault.subcodes);
        }
    }
    // the standard codes are unaffected
    let back = fault_round_trip(SoapVersion::Soap11, &Fault::client("c"));
    assert_eq!(back.code, FaultCode::new(SOAP11_ENV_NS, "Client"));
    // an unqualified `xml:…` code cannot read back the same: an error naming it
    let e = encode_fault(
        SoapVersion::Soap11,
        &Fault::new(FaultCode::new("", "xml:x"), "y"),
    )
    .unwrap_err();
    assert_eq!(e.kind, EncodeErrorKind::InvalidQName("xml:x".into()));
    assert_eq!(e.path, "/Envelope/Body/Fault/faultcode");
}

#[test]
fn fault_texts_with_forbidden_characters_are_refused_by_the_encoder() {
    let fault = Fault::client("bad \u{1} input");
    let e = encode_fault(SoapVersion::Soap11, &fault).unwrap_err();
    assert_eq!(e.kind, EncodeErrorKind::InvalidChar(1));
    assert_eq!(e.path, "/Envelope/Body/Fault/faultstring");
    // a detail element cannot hold one: the reader refuses it, so no AnyElement does
    assert!(AnyElement::parse("<d>\u{FFFE}</d>").is_err());
}

#[test]
fn a_server_sends_the_client_fault_it_meant_even_when_it_quotes_a_control_character() {
    for version in [SoapVersion::Soap11, SoapVersion::Soap12] {
        let fault = Fault::client("cannot decode `a\u{1}b\u{FFFE}`").with_actor("x\u{7}");
        let reply = fault_response(version, &fault);
        let (_, sent) = decode_fault(&reply.body, &Limits::default())
            .unwrap()
            .expect("a fault");
        assert!(sent.code.is_client(), "{sent}");
        assert_eq!(sent.string, "cannot decode `a\\u{1}b\\u{fffe}`");
        assert_eq!(sent.actor.as_deref(), Some("x\\u{7}"));
    }
}

#[test]
fn decoded_text_never_holds_a_forbidden_character() {
    // what used to reach the fault writer: a literal U+FFFE in a decoded value
    assert!(decode_document::<R>("<r xmlns='urn:t'>\u{FFFE}</r>".as_bytes()).is_err());
    assert!(decode_document::<R>("<r xmlns='urn:t'>&#xFFFE;</r>".as_bytes()).is_err());
}

#[test]
fn thousands_of_namespaces_keep_their_prefixes_and_stay_well_formed() {
    // Namespace lookups go through a map past a few entries (a linear search per element made
    // writing quadratic: 10,000 namespaces took seconds). Prefixes stay stable: one per
    // namespace, the preferred ones as given, generated ones skipping a preferred `ns2`.
    let options = WriteOptions::default()
        .prefix("m", "urn:m")
        .prefix("ns2", "urn:taken");
    let mut w = XmlWriter::new(&options);
    w.start("urn:m", "Root").unwrap();
    for round in 0..2 {
        for i in 0..2_000 {
            let uri = format!("urn:p{i}");
            w.start(&uri, "E").unwrap();
            w.attr_str(&uri, "a", "1").unwrap();
            w.attr_str("urn:taken", "b", &round.to_string()).unwrap();
            w.end().unwrap();
        }
    }
    w.end().unwrap();
    let out = String::from_utf8(w.finish()).unwrap();
    // Well-formed, every prefix declared: the reader goes through it.
    let options = xsd2rs_runtime::codec::ReadOptions::default();
    let mut r = xsd2rs_runtime::codec::XmlReader::new(out.as_bytes(), &options);
    r.root().unwrap();
    r.skip().unwrap();
    r.finish().unwrap();
    assert_eq!(out.matches("<ns").count(), 4_000);
    // The first namespace got the first generated prefix; `ns2` is the preferred one.
    assert!(
        out.contains("<ns1:E xmlns:ns1=\"urn:p0\" ns1:a=\"1\" ns2:b=\"0\"/>"),
        "{}",
        &out[..400]
    );
    assert!(
        out.contains("<ns3:E xmlns:ns3=\"urn:p1\""),
        "{}",
        &out[..400]
    );
    // The second round reuses each namespace's prefix.
    assert!(
        out.ends_with("<ns2001:E xmlns:ns2001=\"urn:p1999\" ns2001:a=\"1\" ns2:b=\"1\"/></m:Root>"),
        "{}",
        &out[out.len() - 200..]
    );
    assert_eq!(out.matches("xmlns:ns1=").count(), 2);
}
