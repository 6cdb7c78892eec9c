//! The benchmark documents (`tests::bench_docs`): deterministic, about the sizes the benchmark
//! promises, well-formed with the expected namespaces, and every field of the repeated entry
//! types present in every entry.

use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;
use tests::bench_docs::{
    find_message_tracking_report_response, get_message_tracking_report_response,
    get_user_oof_settings_response, FIND_REPORT_BYTES, GET_REPORT_BYTES, M_NS, SOAP_NS, T_NS,
};
use tests::validate::{validator_or_skip, SchemaSet};
use xsd2rs_runtime::codec::XmlRoot;
use xsd2rs_runtime::soap::{decode_envelope, encode_envelope, Envelope, Limits, SoapVersion};

/// Validates with xmllint, reporting only the validator's messages (the documents are large).
fn check_valid(set: &SchemaSet, what: &str, xml: &str) {
    if let Err(e) = set.validate(xml) {
        panic!("{what} is not valid: {e}");
    }
}

/// Decodes `xml` into the generated types (body `B`, header block `H`) and encodes it back.
fn generated_round_trip<B: XmlRoot, H: XmlRoot>(xml: &str) -> String {
    let (_, env): (_, Envelope<B, Option<H>>) = decode_envelope(
        xml.as_bytes(),
        Some(SoapVersion::Soap11),
        &Limits::default(),
    )
    .expect("the generated code decodes the document");
    assert!(
        env.unknown.is_empty(),
        "unknown content: {:?}",
        env.unknown.first()
    );
    assert!(env.headers.is_some(), "ServerVersionInfo decoded");
    let out = encode_envelope(
        SoapVersion::Soap11,
        &env.body,
        &env.headers,
        &[("m", M_NS), ("t", T_NS)],
    )
    .expect("the generated code encodes the document");
    String::from_utf8(out).expect("UTF-8")
}

/// Namespace URIs of every element of `xml` (parsing it fully), in document order.
fn element_namespaces(xml: &str) -> Vec<String> {
    let mut reader = NsReader::from_str(xml);
    let mut out = Vec::new();
    loop {
        let (ns, event) = reader.read_resolved_event().expect("well-formed");
        match event {
            Event::Start(_) | Event::Empty(_) => match ns {
                ResolveResult::Bound(ns) => {
                    out.push(String::from_utf8(ns.as_ref().to_vec()).expect("UTF-8"))
                }
                other => panic!("element without namespace: {other:?}"),
            },
            Event::Eof => return out,
            _ => {}
        }
    }
}

fn count(xml: &str, needle: &str) -> usize {
    xml.matches(needle).count()
}

/// Every element is in the SOAP, messages or types namespace, except the foreign
/// `MessageXml` content.
fn assert_namespaces(xml: &str) {
    for ns in element_namespaces(xml) {
        assert!(
            [SOAP_NS, M_NS, T_NS, "urn:example:diagnostics"].contains(&ns.as_str()),
            "unexpected namespace {ns}"
        );
    }
}

#[test]
fn builders_are_deterministic() {
    assert_eq!(
        get_message_tracking_report_response(100_000),
        get_message_tracking_report_response(100_000)
    );
    assert_eq!(
        find_message_tracking_report_response(100_000),
        find_message_tracking_report_response(100_000)
    );
    assert_eq!(
        get_user_oof_settings_response(),
        get_user_oof_settings_response()
    );
}

#[test]
fn get_report_has_the_size_and_every_event_field() {
    let xml = get_message_tracking_report_response(GET_REPORT_BYTES);
    assert!(xml.len() <= GET_REPORT_BYTES && xml.len() > GET_REPORT_BYTES * 95 / 100);
    assert_namespaces(&xml);
    let events = count(&xml, "<t:RecipientTrackingEvent>");
    assert!(events > 1000, "thousands of events, got {events}");
    for field in [
        "Date",
        "Recipient",
        "DeliveryStatus",
        "EventDescription",
        "EventData",
        "Server",
        "InternalId",
        "BccRecipient",
        "HiddenRecipient",
        "UniquePathId",
        "RootAddress",
    ] {
        assert_eq!(count(&xml, &format!("<t:{field}>")), events, "{field}");
    }
    // Properties: one per event, one on the report.
    assert_eq!(count(&xml, "<t:Properties>"), events + 1);
    // Every EmailAddressType is complete: recipients, sender, purported sender, 5 originals.
    let addresses = events + 2 + 5;
    // (`Name` also names tracking properties.)
    for field in [
        "EmailAddress",
        "RoutingType",
        "MailboxType",
        "OriginalDisplayName",
    ] {
        assert_eq!(count(&xml, &format!("<t:{field}>")), addresses, "{field}");
    }
    assert_eq!(count(&xml, "<t:ItemId Id=\""), addresses);
    for field in [
        "MessageText",
        "ResponseCode",
        "DescriptiveLinkKey",
        "MessageXml",
    ] {
        assert_eq!(count(&xml, &format!("<m:{field}>")), 1, "{field}");
    }
    assert_eq!(count(&xml, "<t:ServerVersionInfo "), 1);
    // Every dateTime form EWS sends occurs: UTC, an offset, and no zone at all.
    let dates: Vec<&str> = xml
        .split("<t:Date>")
        .skip(1)
        .filter_map(|s| s.split("</t:Date>").next())
        .collect();
    assert_eq!(dates.len(), events);
    assert!(dates.iter().any(|d| d.ends_with('Z')));
    assert!(dates.iter().any(|d| d.ends_with("+05:30")));
    assert!(dates.iter().any(|d| d
        .get(10..)
        .is_some_and(|time| !time.contains(['Z', '+', '-']))));
}

#[test]
fn find_report_has_the_size_and_every_result_field() {
    let xml = find_message_tracking_report_response(FIND_REPORT_BYTES);
    assert!(xml.len() <= FIND_REPORT_BYTES && xml.len() > FIND_REPORT_BYTES * 95 / 100);
    assert_namespaces(&xml);
    let results = count(&xml, "<t:MessageTrackingSearchResult>");
    assert!(results > 500, "many results, got {results}");
    for field in [
        "Subject",
        "Sender",
        "PurportedSender",
        "Recipients",
        "SubmittedTime",
        "MessageTrackingReportId",
        "PreviousHopServer",
        "FirstHopServer",
        "Properties",
    ] {
        assert_eq!(count(&xml, &format!("<t:{field}>")), results, "{field}");
    }
    for field in [
        "Diagnostics",
        "MessageTrackingSearchResults",
        "ExecutedSearchScope",
        "Errors",
    ] {
        assert_eq!(count(&xml, &format!("<m:{field}>")), 1, "{field}");
    }
}

#[test]
fn oof_response_has_every_field() {
    let xml = get_user_oof_settings_response();
    assert!(xml.len() < 4096);
    assert_namespaces(&xml);
    for field in [
        "<m:ResponseMessage ResponseClass=\"Success\">",
        "<m:ResponseCode>",
        "<t:OofSettings>",
        "<t:OofState>",
        "<t:ExternalAudience>",
        "<t:StartTime>",
        "<t:EndTime>",
        "<t:InternalReply xml:lang=",
        "<t:ExternalReply xml:lang=",
        "<m:AllowExternalOof>",
    ] {
        assert_eq!(count(&xml, field), 1, "{field}");
    }
}

#[test]
fn documents_and_their_generated_reencodings_are_valid() {
    use generated::{mtrk, oof};
    if !validator_or_skip() {
        return;
    }
    let mtrk_set = SchemaSet::mtrk().expect("MTRK schema set");
    let oof_set = SchemaSet::oof().expect("OOF schema set");

    let get = get_message_tracking_report_response(GET_REPORT_BYTES);
    check_valid(&mtrk_set, "GetMessageTrackingReportResponse", &get);
    let again = generated_round_trip::<
        mtrk::GetMessageTrackingReportResponseMessageType,
        mtrk::ServerVersionInfo,
    >(&get);
    check_valid(
        &mtrk_set,
        "re-encoded GetMessageTrackingReportResponse",
        &again,
    );

    let find = find_message_tracking_report_response(FIND_REPORT_BYTES);
    check_valid(&mtrk_set, "FindMessageTrackingReportResponse", &find);
    let again = generated_round_trip::<
        mtrk::FindMessageTrackingReportResponseMessageType,
        mtrk::ServerVersionInfo,
    >(&find);
    check_valid(
        &mtrk_set,
        "re-encoded FindMessageTrackingReportResponse",
        &again,
    );

    let oof_xml = get_user_oof_settings_response();
    check_valid(&oof_set, "GetUserOofSettingsResponse", &oof_xml);
    let again =
        generated_round_trip::<oof::GetUserOofSettingsResponse, oof::ServerVersionInfo>(&oof_xml);
    check_valid(&oof_set, "re-encoded GetUserOofSettingsResponse", &again);

    // The validator does catch a broken document of this shape.
    let broken = get.replacen("<t:InternalId>", "<t:InternalId>-", 1);
    assert!(mtrk_set.validate(&broken).is_err());
}
