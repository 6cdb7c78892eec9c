//! MS-OXWSMTRK request and response values built in code round-trip through the generated
//! `generated::mtrk` types: encode, validate against `schemas/` (xmllint), decode, compare.

use generated::mtrk::{self as m};
use tests::validate::{assert_valid, SchemaSet};
use xsd2rs_runtime::codec::{decode_document, encode_document, WriteOptions, XmlRoot};
use xsd2rs_runtime::SimpleValue;

fn text(s: &str) -> m::NonEmptyStringType {
    m::NonEmptyStringType(s.to_owned())
}

fn dt(s: &str) -> xsd2rs_runtime::types::DateTime {
    SimpleValue::parse_text(s).expect("valid dateTime")
}

fn mailbox(address: &str) -> m::EmailAddressType {
    m::EmailAddressType {
        name: Some("A User".into()),
        email_address: Some(text(address)),
        routing_type: Some(text("SMTP")),
        mailbox_type: Some(m::MailboxTypeType::Mailbox),
        ..Default::default()
    }
}

fn properties() -> m::ArrayOfTrackingPropertiesType {
    m::ArrayOfTrackingPropertiesType {
        xsi: Default::default(),
        tracking_property_type: vec![
            m::TrackingPropertyType {
                xsi: Default::default(),
                name: "Key".into(),
                value: Some("Value".into()),
            },
            m::TrackingPropertyType {
                xsi: Default::default(),
                name: "Empty".into(),
                value: None,
            },
        ],
    }
}

/// Encodes, validates, decodes and compares; returns the XML.
fn round_trip<T: XmlRoot + PartialEq + std::fmt::Debug>(value: &T) -> String {
    let xml = round_trip_unvalidated(value);
    let set = SchemaSet::mtrk().expect("schema set");
    assert_valid(&set, &xml);
    xml
}

/// Encodes, decodes and compares (for values the schema does not list); returns the XML.
fn round_trip_unvalidated<T: XmlRoot + PartialEq + std::fmt::Debug>(value: &T) -> String {
    let options = WriteOptions::default()
        .prefix("m", m::NS_M)
        .prefix("t", m::NS_T);
    let bytes = encode_document(value, &options).expect("encodes");
    let xml = String::from_utf8(bytes).expect("UTF-8");
    let decoded = decode_document::<T>(xml.as_bytes()).expect("decodes");
    assert!(decoded.unknown.is_empty(), "skipped: {:?}", decoded.unknown);
    assert_eq!(&decoded.value, value);
    xml
}

#[test]
fn find_message_tracking_report_request() {
    let request = m::FindMessageTrackingReportRequestType {
        scope: text("Forest"),
        domain: text("example.com"),
        sender: Some(mailbox("sender@example.com")),
        subject: Some("Quarterly report & <figures>".into()),
        start_date_time: Some(dt("2024-01-01T00:00:00Z")),
        end_date_time: Some(dt("2024-01-02T12:30:00")),
        diagnostics_level: Some("Verbose".into()),
        properties: Some(properties()),
        ..Default::default()
    };
    let xml = round_trip(&request);
    assert!(xml.contains("FindMessageTrackingReport"), "{xml}");
    // Unset optional elements are not written.
    assert!(!xml.contains("PurportedSender"), "{xml}");
    assert!(!xml.contains("ServerHint"), "{xml}");
    // The dateTime without a zone stays without one.
    assert!(xml.contains("2024-01-02T12:30:00<"), "{xml}");
}

#[test]
fn find_message_tracking_report_response() {
    let result = m::FindMessageTrackingSearchResultType {
        order: Default::default(),
        xsi: Default::default(),
        subject: "Hello".into(),
        sender: mailbox("sender@example.com"),
        purported_sender: None,
        recipients: m::ArrayOfRecipientsType {
            xsi: Default::default(),
            mailbox: vec![mailbox("a@example.com"), mailbox("b@example.com")],
        },
        submitted_time: dt("2024-01-01T08:00:00-05:00"),
        message_tracking_report_id: text("report-id-1"),
        previous_hop_server: None,
        first_hop_server: Some(text("mx1.example.com")),
        properties: None,
    };
    let response = m::FindMessageTrackingReportResponseMessageType {
        xsi: Default::default(),
        response_class: m::ResponseClassType::Success,
        message_text: None,
        response_code: Some(m::ResponseCodeType::NoError),
        descriptive_link_key: Some(0),
        message_xml: None,
        diagnostics: Some(m::ArrayOfStringsType {
            xsi: Default::default(),
            string: vec!["step 1".into(), "step 2".into()],
        }),
        message_tracking_search_results: Some(m::ArrayOfFindMessageTrackingSearchResultType {
            xsi: Default::default(),
            message_tracking_search_result: vec![result.clone(), result],
        }),
        executed_search_scope: Some("Forest".into()),
        errors: Some(m::ArrayOfArraysOfTrackingPropertiesType {
            xsi: Default::default(),
            array_of_tracking_properties_type: vec![properties()],
        }),
        properties: Some(properties()),
    };
    round_trip(&response);
}

#[test]
fn get_message_tracking_report_request() {
    let request = m::GetMessageTrackingReportRequestType {
        order: Default::default(),
        xsi: Default::default(),
        scope: text("Site"),
        report_template: m::MessageTrackingReportTemplateType::RecipientPath,
        recipient_filter: Some(mailbox("a@example.com")),
        message_tracking_report_id: text("report-id-1"),
        return_queue_events: Some(true),
        diagnostics_level: None,
        properties: None,
    };
    round_trip(&request);
}

#[test]
fn get_message_tracking_report_response() {
    let event = m::RecipientTrackingEventType {
        order: Default::default(),
        xsi: Default::default(),
        date: dt("2024-01-01T08:00:01.5Z"),
        recipient: mailbox("a@example.com"),
        delivery_status: "Delivered".into(),
        event_description: "Delivered".into(),
        event_data: None,
        server: text("mbx1.example.com"),
        internal_id: SimpleValue::parse_text("18446744073709551616").expect("big integer"),
        bcc_recipient: Some(false),
        hidden_recipient: None,
        unique_path_id: None,
        root_address: None,
        properties: Some(properties()),
    };
    let response = m::GetMessageTrackingReportResponseMessageType {
        xsi: Default::default(),
        response_class: m::ResponseClassType::Warning,
        message_text: Some("partial".into()),
        response_code: Some(m::ResponseCodeType::ErrorMessageTrackingTransientError),
        descriptive_link_key: None,
        message_xml: None,
        message_tracking_report: Some(m::MessageTrackingReportType {
            order: Default::default(),
            sender: Some(mailbox("sender@example.com")),
            subject: Some("Hello".into()),
            submit_time: Some(dt("2024-01-01T08:00:00Z")),
            recipient_tracking_events: m::ArrayOfRecipientTrackingEventType {
                xsi: Default::default(),
                recipient_tracking_event: vec![event.clone(), event],
            },
            ..Default::default()
        }),
        diagnostics: None,
        errors: None,
        properties: None,
    };
    let xml = round_trip(&response);
    assert!(
        xml.contains(">ErrorMessageTrackingTransientError<"),
        "{xml}"
    );
}

#[test]
fn response_code_from_a_newer_server_is_kept() {
    let response = m::GetMessageTrackingReportResponseMessageType {
        xsi: Default::default(),
        response_class: m::ResponseClassType::Error,
        message_text: None,
        response_code: Some(m::ResponseCodeType::Other("ErrorFromAFutureServer".into())),
        descriptive_link_key: None,
        message_xml: None,
        message_tracking_report: None,
        diagnostics: None,
        errors: None,
        properties: None,
    };
    let xml = round_trip_unvalidated(&response);
    assert!(xml.contains(">ErrorFromAFutureServer<"), "{xml}");
}

#[test]
fn facets_are_checked_when_writing() {
    let request = m::FindMessageTrackingReportRequestType {
        scope: text(""),
        domain: text("example.com"),
        ..Default::default()
    };
    let err = encode_document(&request, &WriteOptions::default())
        .expect_err("an empty NonEmptyStringType must not be written");
    assert!(err.to_string().contains("Scope"), "{err}");
}
