//! What a lenient read of a fault envelope skips is reported in `Fault::unknown`, by
//! `decode_fault` and by `decode_envelope` (as `SoapError::Fault`), and never written back.

use xsd2rs_runtime::codec::{UnknownKind, XmlRoot};
use xsd2rs_runtime::soap::{
    decode_envelope, decode_fault, encode_fault, Limits, SoapError, SoapVersion,
};

/// A SOAP 1.1 fault with content the fault model does not keep.
const FAULT_WITH_EXTRAS: &str = r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/">
  <s:Header><x:Trace xmlns:x="urn:x">1</x:Trace></s:Header>
  <s:Body>
    <s:Fault>
      <faultcode>s:Server</faultcode>
      <faultstring xml:lang="en-US">boom</faultstring>
      <x:Extra xmlns:x="urn:x">lost</x:Extra>
      <detail><x:Info xmlns:x="urn:x">kept</x:Info></detail>
    </s:Fault>
    <x:After xmlns:x="urn:x"/>
  </s:Body>
  <x:Trailer xmlns:x="urn:x"/>
</s:Envelope>"#;

fn names(f: &xsd2rs_runtime::soap::Fault) -> Vec<(UnknownKind, &str, &str)> {
    f.unknown
        .iter()
        .map(|u| (u.kind, u.path.as_str(), u.name.as_str()))
        .collect()
}

/// (`xml:lang` on faultstring is kept in `fault.lang`, not skipped.)
const EXPECTED: [(UnknownKind, &str, &str); 3] = [
    (UnknownKind::Element, "/Envelope/Body/Fault", "Extra"),
    (UnknownKind::Element, "/Envelope/Body", "After"),
    (UnknownKind::Element, "/Envelope", "Trailer"),
];

#[test]
fn decode_fault_reports_what_it_skipped() {
    let (version, fault) = decode_fault(FAULT_WITH_EXTRAS.as_bytes(), &Limits::default())
        .expect("decodes")
        .expect("a fault");
    assert_eq!(version, SoapVersion::Soap11);
    assert!(fault.code.is_server());
    assert_eq!(fault.string, "boom");
    assert_eq!(fault.detail.as_ref().map(Vec::len), Some(1));
    assert_eq!(names(&fault), EXPECTED);
    assert!(fault.lang.is_some());
    let extra = &fault.unknown[0];
    assert_eq!((extra.ns.as_str(), extra.line), ("urn:x", 7));
    // Not written back: the re-encoded fault decodes with nothing skipped.
    let again = encode_fault(SoapVersion::Soap11, &fault).expect("encodes");
    let (_, back) = decode_fault(&again, &Limits::default())
        .expect("decodes")
        .expect("a fault");
    assert!(back.unknown.is_empty(), "{:?}", back.unknown);
    assert_eq!(back.string, "boom");
}

#[test]
fn a_clean_fault_has_nothing_skipped() {
    let clean = encode_fault(
        SoapVersion::Soap12,
        &xsd2rs_runtime::soap::Fault::client("no"),
    )
    .expect("encodes");
    let (_, fault) = decode_fault(&clean, &Limits::default())
        .expect("decodes")
        .expect("a fault");
    assert!(fault.unknown.is_empty(), "{:?}", fault.unknown);
}

/// Any body type will do: the reply is a fault.
#[derive(Debug)]
struct Anything;

impl xsd2rs_runtime::codec::FromXml for Anything {
    fn from_xml(
        r: &mut xsd2rs_runtime::codec::XmlReader<'_>,
    ) -> Result<Self, xsd2rs_runtime::codec::DecodeError> {
        r.skip()?;
        Ok(Anything)
    }
}

impl xsd2rs_runtime::codec::ToXml for Anything {
    fn to_xml(
        &self,
        _w: &mut xsd2rs_runtime::codec::XmlWriter,
    ) -> Result<(), xsd2rs_runtime::codec::EncodeError> {
        Ok(())
    }
}

impl XmlRoot for Anything {
    const NS: &'static str = "urn:x";
    const NAME: &'static str = "Anything";
}

#[test]
fn a_fault_reply_carries_what_was_skipped() {
    let result = decode_envelope::<Anything, ()>(
        FAULT_WITH_EXTRAS.as_bytes(),
        Some(SoapVersion::Soap11),
        &Limits::default(),
    );
    match result {
        Err(SoapError::Fault(fault)) => assert_eq!(names(&fault), EXPECTED),
        other => panic!("expected a fault, got {other:?}"),
    }
}
