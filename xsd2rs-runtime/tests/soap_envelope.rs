//! Envelope, header block, fault and hostile-input behaviour of the SOAP layer (no network).

#[path = "soap_support.rs"]
mod support;

use support::*;
use xsd2rs_runtime::codec::{AnyElement, DecodeErrorKind};
use xsd2rs_runtime::soap::{
    decode_envelope, decode_fault, encode_envelope, encode_fault, outline, Envelope, Fault,
    FaultCode, Limits, SoapError, SoapVersion, EWS_ERRORS_NS, EWS_MESSAGES_NS, SOAP11_ENV_NS,
    SOAP12_ENV_NS,
};

type Reply = Envelope<GetUserOofSettingsResponse, Option<ServerVersionInfo>>;

fn decode_reply(xml: &str) -> Result<Reply, SoapError> {
    decode_envelope(
        xml.as_bytes(),
        Some(SoapVersion::Soap11),
        &Limits::default(),
    )
    .map(|(_, e)| e)
}

const OK_REPLY: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/">
  <s:Header>
    <h:ServerVersionInfo MajorVersion="15" Version="V2017_07_11" xmlns:h="http://schemas.microsoft.com/exchange/services/2006/types"/>
    <x:Unrelated xmlns:x="urn:other">ignored</x:Unrelated>
  </s:Header>
  <s:Body>
    <GetUserOofSettingsResponse xmlns="http://schemas.microsoft.com/exchange/services/2006/messages">
      <ResponseMessage ResponseClass="Error">
        <MessageText>No mailbox</MessageText>
        <ResponseCode>ErrorMailRecipientNotFound</ResponseCode>
      </ResponseMessage>
    </GetUserOofSettingsResponse>
  </s:Body>
</s:Envelope>"#;

#[test]
fn reply_with_typed_header_and_error_class_is_data() {
    let reply = decode_reply(OK_REPLY).expect("decodes");
    let info = reply.headers.expect("ServerVersionInfo header decoded");
    assert_eq!(info.major_version, Some(15));
    assert_eq!(info.version.as_deref(), Some("V2017_07_11"));
    assert_eq!(reply.body.response_message.response_class, "Error");
    assert_eq!(
        reply.body.response_message.response_code.as_deref(),
        Some("ErrorMailRecipientNotFound")
    );
}

#[test]
fn encode_then_decode_round_trips_with_stable_prefixes() {
    let body = GetUserOofSettingsResponse {
        response_message: ResponseMessage {
            response_class: "Success".into(),
            message_text: None,
            response_code: Some("NoError".into()),
        },
        oof_state: Some("Disabled".into()),
    };
    let headers = Some(ServerVersionInfo {
        major_version: Some(15),
        version: Some("Exchange2013".into()),
    });
    let bytes = encode_envelope(SoapVersion::Soap11, &body, &headers, &[("m", M), ("t", T)])
        .expect("encodes");
    let text = String::from_utf8(bytes.clone()).expect("utf-8");
    assert!(
        text.starts_with(
            r#"<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:m=""#
        ),
        "{text}"
    );
    assert!(text.contains("<soap:Header><t:ServerVersionInfo"), "{text}");
    assert!(
        text.contains("<soap:Body><m:GetUserOofSettingsResponse>"),
        "{text}"
    );
    let (version, back) = decode_envelope::<GetUserOofSettingsResponse, Option<ServerVersionInfo>>(
        &bytes,
        None,
        &Limits::default(),
    )
    .expect("decodes");
    assert_eq!(version, SoapVersion::Soap11);
    assert_eq!(back.body, body);
    assert_eq!(back.headers, headers);
    assert!(back.unknown.is_empty(), "{:?}", back.unknown);
}

#[test]
fn empty_header_set_writes_no_header_element_and_soap12_uses_its_namespace() {
    let bytes =
        encode_envelope(SoapVersion::Soap12, &request_for("a@b"), &(), &[]).expect("encodes");
    let text = String::from_utf8(bytes.clone()).expect("utf-8");
    assert!(!text.contains("Header"), "{text}");
    assert!(text.contains(SOAP12_ENV_NS), "{text}");
    let (v, e) = decode_envelope::<GetUserOofSettingsRequest, ()>(&bytes, None, &Limits::default())
        .expect("decodes");
    assert_eq!(v, SoapVersion::Soap12);
    assert_eq!(e.body, request_for("a@b"));
    // A 1.1 binding refuses a 1.2 envelope.
    let err = decode_envelope::<GetUserOofSettingsRequest, ()>(
        &bytes,
        Some(SoapVersion::Soap11),
        &Limits::default(),
    )
    .expect_err("version mismatch");
    assert!(
        matches!(&err, SoapError::VersionMismatch { expected: SoapVersion::Soap11, found_ns } if found_ns == SOAP12_ENV_NS),
        "{err:?}"
    );
}

#[test]
fn must_understand_unknown_block_fails_and_known_or_optional_blocks_do_not() {
    let with = |attrs: &str, name: &str| {
        OK_REPLY.replace(
            r#"<x:Unrelated xmlns:x="urn:other">ignored</x:Unrelated>"#,
            &format!(r#"<x:{name} xmlns:x="urn:other" {attrs}>v</x:{name}>"#),
        )
    };
    for flag in ["1", "true"] {
        let xml = with(&format!(r#"s:mustUnderstand="{flag}""#), "Security");
        match decode_reply(&xml) {
            Err(SoapError::MustUnderstand { ns, local }) => {
                assert_eq!((ns.as_str(), local.as_str()), ("urn:other", "Security"));
            }
            other => panic!("expected MustUnderstand, got {other:?}"),
        }
    }
    // mustUnderstand="0", or addressed to another actor: ignored.
    assert!(decode_reply(&with(r#"s:mustUnderstand="0""#, "Security")).is_ok());
    assert!(decode_reply(&with(
        r#"s:mustUnderstand="1" s:actor="urn:someone-else""#,
        "Security"
    ))
    .is_ok());
    // A known block with mustUnderstand is understood.
    let xml = OK_REPLY.replace(
        "<h:ServerVersionInfo ",
        r#"<h:ServerVersionInfo s:mustUnderstand="1" "#,
    );
    assert!(decode_reply(&xml).expect("known block").headers.is_some());
}

#[test]
fn unexpected_body_root_is_an_error_naming_it() {
    let xml = OK_REPLY.replace("GetUserOofSettingsResponse", "SetUserOutOfSettingsResponse");
    let err = decode_reply(&xml).expect_err("wrong root");
    let SoapError::Decode(d) = &err else {
        panic!("expected a decode error, got {err:?}")
    };
    assert!(
        matches!(d.kind(), DecodeErrorKind::UnexpectedRoot { found, .. } if found == "SetUserOutOfSettingsResponse")
    );
    assert_eq!(d.path(), "/Envelope/Body/SetUserOutOfSettingsResponse");
}

const EWS_BUSY_FAULT: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/">
  <s:Body>
    <s:Fault>
      <faultcode xmlns:a="http://schemas.microsoft.com/exchange/services/2006/types">a:ErrorServerBusy</faultcode>
      <faultstring xml:lang="en-US">The server cannot service this request right now. Try again later.</faultstring>
      <faultactor>https://mail.example.com/EWS/Exchange.asmx</faultactor>
      <detail>
        <e:ResponseCode xmlns:e="http://schemas.microsoft.com/exchange/services/2006/errors">ErrorServerBusy</e:ResponseCode>
        <e:Message xmlns:e="http://schemas.microsoft.com/exchange/services/2006/errors">The server cannot service this request right now. Try again later.</e:Message>
        <t:MessageXml xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types">
          <t:Value Name="BackOffMilliseconds">297749</t:Value>
        </t:MessageXml>
      </detail>
    </s:Fault>
  </s:Body>
</s:Envelope>"#;

#[test]
fn ews_fault_decodes_with_resolved_code_and_detail_fields() {
    let err = decode_reply(EWS_BUSY_FAULT).expect_err("a fault");
    let f = err.fault().expect("SoapError::Fault");
    assert_eq!(
        f.code,
        FaultCode::new(
            "http://schemas.microsoft.com/exchange/services/2006/types",
            "ErrorServerBusy"
        )
    );
    assert!(f.string.starts_with("The server cannot service"));
    assert_eq!(
        f.actor.as_deref(),
        Some("https://mail.example.com/EWS/Exchange.asmx")
    );
    assert_eq!(f.ews.response_code.as_deref(), Some("ErrorServerBusy"));
    assert!(f
        .ews
        .message
        .as_deref()
        .is_some_and(|m| m.contains("Try again later")));
    assert_eq!(f.ews.back_off_milliseconds(), Some(297_749));
    assert_eq!(f.detail.as_ref().map(Vec::len), Some(3));
    assert!(err.to_string().contains("ErrorServerBusy"), "{err}");
}

#[test]
fn oof_fault_error_code_child_is_read() {
    let xml = r#"<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault>
      <faultcode>soap:Client</faultcode><faultstring>Microsoft.Exchange.InvalidRequest</faultstring>
      <faultactor>https://x/EWS/Exchange.asmx</faultactor>
      <detail><ErrorCode xmlns="http://schemas.microsoft.com/exchange/services/2006/messages">ErrorInvalidRequest</ErrorCode></detail>
    </soap:Fault></soap:Body></soap:Envelope>"#;
    let err = decode_reply(xml).expect_err("fault");
    let f = err.fault().expect("fault");
    assert!(f.code.is_client(), "{:?}", f.code);
    assert_eq!(f.code.ns, SOAP11_ENV_NS);
    assert_eq!(f.ews.error_code.as_deref(), Some("ErrorInvalidRequest"));
}

#[test]
fn soap12_fault_decodes_code_subcode_reason_detail() {
    let xml = r#"<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope" xmlns:e="urn:app">
      <env:Body><env:Fault>
        <env:Code><env:Value>env:Sender</env:Value><env:Subcode><env:Value>e:BadMailbox</env:Value></env:Subcode></env:Code>
        <env:Reason><env:Text xml:lang="en">no such mailbox</env:Text><env:Text xml:lang="de">kein Postfach</env:Text></env:Reason>
        <env:Node>urn:node</env:Node><env:Role>urn:role</env:Role>
        <env:Detail><e:Info>42</e:Info></env:Detail>
      </env:Fault></env:Body></env:Envelope>"#;
    let (version, f) = decode_fault(xml.as_bytes(), &Limits::default())
        .expect("decodes")
        .expect("a fault");
    assert_eq!(version, SoapVersion::Soap12);
    assert_eq!(f.code, FaultCode::new(SOAP12_ENV_NS, "Sender"));
    assert!(f.code.is_client());
    assert_eq!(f.subcodes, vec![FaultCode::new("urn:app", "BadMailbox")]);
    assert_eq!(f.string, "no such mailbox");
    assert_eq!(f.node.as_deref(), Some("urn:node"));
    assert_eq!(f.actor.as_deref(), Some("urn:role"));
    assert_eq!(
        f.detail.as_ref().and_then(|d| d.first()).map(|e| e.local()),
        Some("Info")
    );
    // The second Reason/Text is not kept: reported as skipped (the first's xml:lang is not).
    let skipped: Vec<_> = f
        .unknown
        .iter()
        .map(|u| (u.path.as_str(), u.name.as_str()))
        .collect();
    assert_eq!(skipped, [("/Envelope/Body/Fault/Reason", "Text")]);
    // Re-encoded and decoded again: same fault, nothing skipped this time.
    let again = encode_fault(SoapVersion::Soap12, &f).expect("encodes");
    let (_, back) = decode_fault(&again, &Limits::default())
        .expect("decodes")
        .expect("fault");
    assert!(back.unknown.is_empty(), "{:?}", back.unknown);
    let mut f = f;
    f.unknown.clear();
    assert_eq!(back, f);
}

#[test]
fn faults_round_trip_in_both_versions_with_ews_fields() {
    let detail = AnyElement::parse(r#"<x:Extra xmlns:x="urn:x" a="1">keep <b>me</b></x:Extra>"#)
        .expect("parses");
    let mut fault = Fault::client("bad request")
        .with_actor("urn:actor")
        .with_detail(detail)
        .with_error_code("ErrorInvalidRequest");
    fault.ews.response_code = Some("ErrorServerBusy".into());
    fault.ews.message = Some("busy".into());
    fault.ews.message_xml = vec![("BackOffMilliseconds".into(), "1000".into())];
    for version in [SoapVersion::Soap11, SoapVersion::Soap12] {
        let bytes = encode_fault(version, &fault).expect("encodes");
        let (v, back) = decode_fault(&bytes, &Limits::default())
            .expect("decodes")
            .expect("fault");
        assert_eq!(v, version);
        assert!(back.code.is_client());
        assert_eq!(back.code.ns, version.envelope_ns());
        assert_eq!(back.string, "bad request");
        assert_eq!(back.actor.as_deref(), Some("urn:actor"));
        assert_eq!(back.ews, fault.ews, "{}", String::from_utf8_lossy(&bytes));
        let raw = back.detail.clone().expect("detail");
        assert_eq!(
            raw.first().map(|e| e.xml()),
            Some(r#"<x:Extra xmlns:x="urn:x" a="1">keep <b>me</b></x:Extra>"#)
        );
        // Decoded faults re-encode without duplicating their EWS elements.
        let again = encode_fault(version, &back).expect("encodes");
        let (_, third) = decode_fault(&again, &Limits::default())
            .expect("decodes")
            .expect("fault");
        assert_eq!(third.detail.as_ref().map(|d| d.len()), Some(raw.len()));
        assert_eq!(third, back);
    }
    // EWS-namespaced fault codes get their own prefix.
    let custom = Fault::new(FaultCode::new(EWS_ERRORS_NS, "ErrorServerBusy"), "busy");
    let bytes = encode_fault(SoapVersion::Soap11, &custom).expect("encodes");
    let (_, back) = decode_fault(&bytes, &Limits::default())
        .expect("decodes")
        .expect("fault");
    assert_eq!(back.code, custom.code);
    assert_eq!(EWS_MESSAGES_NS, M);
}

#[test]
fn outline_reports_version_and_body_root() {
    let o = outline(OK_REPLY.as_bytes(), None, &Limits::default()).expect("outline");
    assert_eq!(o.version, SoapVersion::Soap11);
    assert_eq!(
        o.body_root,
        Some((M.to_owned(), "GetUserOofSettingsResponse".to_owned()))
    );
    assert!(!o.is_fault);
    assert!(
        outline(EWS_BUSY_FAULT.as_bytes(), None, &Limits::default())
            .expect("outline")
            .is_fault
    );
}

#[test]
fn hostile_inputs_are_clean_errors() {
    let doctype = format!(
        "<?xml version=\"1.0\"?><!DOCTYPE s:Envelope [<!ENTITY x \"boom\">]>{}",
        OK_REPLY.trim_start_matches(r#"<?xml version="1.0" encoding="utf-8"?>"#)
    );
    match decode_reply(&doctype) {
        Err(SoapError::Decode(d)) => assert_eq!(d.kind(), &DecodeErrorKind::Doctype),
        other => panic!("DOCTYPE must be refused, got {other:?}"),
    }
    // Size bound.
    let small = Limits::default().max_message_bytes(100);
    match decode_envelope::<GetUserOofSettingsResponse, ()>(OK_REPLY.as_bytes(), None, &small) {
        Err(SoapError::TooLarge { limit: 100, .. }) => {}
        other => panic!("expected TooLarge, got {other:?}"),
    }
    // Depth bound.
    let deep = OK_REPLY.replace(
        "<MessageText>No mailbox</MessageText>",
        &format!("{}{}", "<a>".repeat(300), "</a>".repeat(300)),
    );
    match decode_reply(&deep) {
        Err(SoapError::Decode(d)) => {
            assert!(matches!(d.kind(), DecodeErrorKind::TooDeep(_)), "{d}")
        }
        other => panic!("expected TooDeep, got {other:?}"),
    }
    let shallow = Limits::default().max_depth(4);
    assert!(
        decode_envelope::<GetUserOofSettingsResponse, ()>(OK_REPLY.as_bytes(), None, &shallow)
            .is_err()
    );
    // Invalid UTF-8.
    let mut bad = OK_REPLY.as_bytes().to_vec();
    let at = OK_REPLY.find("No mailbox").expect("present");
    bad[at] = 0xFF;
    assert!(matches!(
        decode_envelope::<GetUserOofSettingsResponse, ()>(&bad, None, &Limits::default()),
        Err(SoapError::Decode(_))
    ));
    // Every truncation is an error, never a panic.
    for cut in 0..OK_REPLY.len() {
        if let Some(prefix) = OK_REPLY.get(..cut) {
            assert!(decode_reply(prefix).is_err(), "truncated at {cut} accepted");
        }
    }
    // An empty Body: the missing element is named with its path.
    let empty =
        r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body/></s:Envelope>"#;
    match decode_reply(empty) {
        Err(SoapError::Decode(d)) => {
            assert!(
                matches!(d.kind(), DecodeErrorKind::MissingElement(n) if n == "GetUserOofSettingsResponse"),
                "{d}"
            );
            assert_eq!(d.path(), "/Envelope/Body");
        }
        other => panic!("expected MissingElement, got {other:?}"),
    }
    // Not an envelope at all.
    assert!(matches!(
        decode_reply("<html><body>hi</body></html>"),
        Err(SoapError::Decode(_))
    ));
    assert!(matches!(decode_reply(""), Err(SoapError::Decode(_))));
}

/// Deterministic mutations (byte flips, cuts, insertions of XML-significant bytes) of a reply
/// and of fault envelopes: every decode entry point returns, none panics.
#[test]
fn mutated_envelopes_never_panic() {
    let soap12_fault = r#"<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope"><env:Body><env:Fault><env:Code><env:Value>env:Sender</env:Value><env:Subcode><env:Value>x:y</env:Value></env:Subcode></env:Code><env:Reason><env:Text xml:lang="en">r</env:Text></env:Reason><env:Detail><a xmlns="urn:a">1</a></env:Detail></env:Fault></env:Body></env:Envelope>"#;
    let seeds = [OK_REPLY, EWS_BUSY_FAULT, soap12_fault];
    let alphabet = b"<>/:=\"'&;! ?xmlns\xff\xc3";
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let limits = Limits::default();
    let mut decoded = 0usize;
    for round in 0..3000usize {
        let seed = seeds[round % seeds.len()].as_bytes();
        let mut bytes = seed.to_vec();
        for _ in 0..1 + next() % 4 {
            let len = bytes.len().max(1);
            let at = (next() as usize) % len;
            let pick = alphabet[(next() as usize) % alphabet.len()];
            match next() % 3 {
                0 if at < bytes.len() => bytes[at] = pick,
                1 => bytes.insert(at.min(bytes.len()), pick),
                _ if at < bytes.len() => {
                    bytes.remove(at);
                }
                _ => {}
            }
        }
        let r = decode_envelope::<GetUserOofSettingsResponse, Option<ServerVersionInfo>>(
            &bytes, None, &limits,
        );
        if matches!(r, Ok(_) | Err(SoapError::Fault(_))) {
            decoded += 1;
        }
        let _ = decode_fault(&bytes, &limits);
        let _ = outline(&bytes, Some(SoapVersion::Soap11), &limits);
    }
    // Some mutations are harmless (inside text): the loop exercises the success paths too.
    assert!(decoded > 0);
}
