//! Round trips of every SOAP example in MS-OXWOOF §4 through the generated `generated::oof`
//! types: decode the envelope's body, re-encode it, compare canonically with the example's body.
//!
//! The examples are the spec's text (MS-OXWOOF.txt §4.1–§4.5, kept in `tests/fixtures/envelopes/oof/`,
//! shared with the round-trip tool's tests) with the PDF page-break
//! artefacts (stray code fences) removed; line breaks inside tags are XML whitespace.

use generated::oof;
use tests::canon::assert_xml_eq;
use tests::validate::{assert_valid, SchemaSet};
use xsd2rs_runtime::codec::{encode_document, WriteOptions, XmlRoot};
use xsd2rs_runtime::soap::{
    decode_envelope, Envelope, HeaderBlock, Limits, SoapError, SoapVersion,
};

const GET_REQUEST: &str =
    include_str!("../fixtures/envelopes/oof/4.1-get-user-oof-settings-request.xml");

const GET_RESPONSE: &str =
    include_str!("../fixtures/envelopes/oof/4.2-get-user-oof-settings-response.xml");

const SET_REQUEST: &str =
    include_str!("../fixtures/envelopes/oof/4.3-set-user-oof-settings-request.xml");

const SET_RESPONSE: &str =
    include_str!("../fixtures/envelopes/oof/4.4-set-user-oof-settings-response.xml");

/// §4.5 as published: its root element `SetUserOutOfSettingsResponse` is not in the schema.
const SET_FAILURE_AS_PUBLISHED: &str =
    include_str!("../fixtures/envelopes/oof/4.5-set-user-oof-settings-failure-as-published.xml");

/// The XML text of the body's root element (the examples declare every namespace the body
/// uses on or below that element, so the slice is a document of its own).
fn body_xml(envelope: &str) -> &str {
    let doc = roxmltree::Document::parse(envelope).expect("example is well-formed");
    let body = doc
        .descendants()
        .find(|n| n.has_tag_name(("http://schemas.xmlsoap.org/soap/envelope/", "Body")))
        .expect("example has a Body");
    let root = body
        .children()
        .find(|n| n.is_element())
        .expect("Body has an element");
    let range = root.range();
    &envelope[range]
}

/// [`round_trip_unvalidated`], and the re-encoded body validates against `schemas/`.
fn round_trip<T: XmlRoot + std::fmt::Debug>(envelope: &str) -> T {
    let (value, xml) = round_trip_unvalidated(envelope);
    let set = SchemaSet::oof().expect("schema set");
    assert_valid(&set, &xml);
    value
}

/// Decodes the envelope's body as `T`, checks nothing was skipped, re-encodes the body and
/// compares it with the example's body canonically. Returns the value and the encoded XML.
fn round_trip_unvalidated<T: XmlRoot + std::fmt::Debug>(envelope: &str) -> (T, String) {
    let (version, env): (_, Envelope<T, Vec<HeaderBlock>>) = decode_envelope(
        envelope.as_bytes(),
        Some(SoapVersion::Soap11),
        &Limits::default(),
    )
    .unwrap_or_else(|e| panic!("decoding {}: {e}", T::NAME));
    assert_eq!(version, SoapVersion::Soap11);
    assert!(
        env.unknown.is_empty(),
        "skipped content in {}: {:?}",
        T::NAME,
        env.unknown
    );
    let options = WriteOptions::default()
        .prefix("m", oof::NS_M)
        .prefix("t", oof::NS_T);
    let bytes = encode_document(&env.body, &options).expect("encodes");
    let text = String::from_utf8(bytes).expect("UTF-8");
    assert_xml_eq(body_xml(envelope), &text);
    (env.body, text)
}

#[test]
fn get_user_oof_settings_request_4_1() {
    let req: oof::GetUserOofSettingsRequest = round_trip(GET_REQUEST);
    assert_eq!(req.mailbox.address, "user@example.com");
    assert_eq!(req.mailbox.routing_type, None);
}

#[test]
fn get_user_oof_settings_response_4_2() {
    let resp: oof::GetUserOofSettingsResponse = round_trip(GET_RESPONSE);
    assert_eq!(
        resp.response_message.response_class,
        oof::ResponseClassType::Success
    );
    assert_eq!(
        resp.response_message.response_code,
        Some(oof::ResponseCodeType::NoError)
    );
    let settings = resp.oof_settings.expect("OofSettings");
    assert_eq!(settings.oof_state, oof::OofState::Enabled);
    assert_eq!(settings.external_audience, oof::ExternalAudience::All);
    let duration = settings.duration.expect("Duration");
    assert_eq!(duration.start_time.to_string(), "2008-02-01T00:00:00");
    assert_eq!(resp.allow_external_oof, Some(oof::ExternalAudience::All));
}

#[test]
fn set_user_oof_settings_request_4_3() {
    let req: oof::SetUserOofSettingsRequest = round_trip(SET_REQUEST);
    assert_eq!(req.mailbox.routing_type.as_deref(), Some("SMTP"));
    assert_eq!(
        req.user_oof_settings
            .internal_reply
            .and_then(|r| r.message)
            .as_deref(),
        Some("I am out of office. This is my internal reply.")
    );
}

#[test]
fn set_user_oof_settings_response_4_4() {
    let resp: oof::SetUserOofSettingsResponse = round_trip(SET_RESPONSE);
    let msg = resp.response_message.expect("ResponseMessage");
    assert_eq!(msg.response_class, oof::ResponseClassType::Success);
}

#[test]
fn failure_response_4_5_as_published_names_the_unknown_root() {
    let result: Result<(SoapVersion, Envelope<oof::SetUserOofSettingsResponse>), _> =
        decode_envelope(
            SET_FAILURE_AS_PUBLISHED.as_bytes(),
            Some(SoapVersion::Soap11),
            &Limits::default(),
        );
    let err = match result {
        Ok(_) => panic!("the misnamed root must not decode as SetUserOofSettingsResponse"),
        Err(e) => e,
    };
    assert!(matches!(err, SoapError::Decode(_)), "{err:?}");
    let text = err.to_string();
    assert!(
        text.contains("SetUserOutOfSettingsResponse"),
        "error does not name the element: {text}"
    );
}

#[test]
fn failure_response_4_5_corrected_keeps_the_unknown_code() {
    let corrected = SET_FAILURE_AS_PUBLISHED
        .replace("SetUserOutOfSettingsResponse", "SetUserOofSettingsResponse");
    // Not validated: the code is not in the schema's enumeration (that is the point).
    let (resp, _): (oof::SetUserOofSettingsResponse, _) = round_trip_unvalidated(&corrected);
    let msg = resp.response_message.expect("ResponseMessage");
    assert_eq!(msg.response_class, oof::ResponseClassType::Error);
    assert_eq!(
        msg.response_code,
        Some(oof::ResponseCodeType::Other(
            "ErrorInvalidScheduledOutOfDuration".into()
        ))
    );
    assert_eq!(msg.descriptive_link_key, Some(0));
    let raw = msg.message_xml.expect("MessageXml").any;
    assert_eq!(raw.len(), 2);
    assert_eq!(raw[0].local(), "ExceptionType");
    assert_eq!(
        raw[1].ns(),
        "http://schemas.microsoft.com/exchange/services/2006/errors"
    );
}

/// SET_REQUEST with `xml:lang="{lang}"` on the internal reply.
fn set_request_with_lang(lang: &str) -> String {
    SET_REQUEST.replacen(
        "<InternalReply>",
        &format!(r#"<InternalReply xml:lang="{lang}">"#),
        1,
    )
}

#[test]
fn reply_xml_lang_empty_and_tag_round_trip() {
    // xml.xsd types xml:lang as xs:language or "" ("no language"); both decode and re-encode.
    for lang in ["", "en-US"] {
        let req: oof::SetUserOofSettingsRequest = round_trip(&set_request_with_lang(lang));
        let reply = req.user_oof_settings.internal_reply.expect("InternalReply");
        assert_eq!(reply.lang, Some(oof::Lang(lang.to_string())), "{lang:?}");
    }
}

#[test]
fn reply_xml_lang_invalid_is_refused_on_read_and_write() {
    let result: Result<(SoapVersion, Envelope<oof::SetUserOofSettingsRequest>), _> =
        decode_envelope(
            set_request_with_lang("en_US!").as_bytes(),
            Some(SoapVersion::Soap11),
            &Limits::default(),
        );
    let err = match result {
        Ok(_) => panic!("xml:lang=\"en_US!\" must not decode"),
        Err(e) => e,
    };
    assert!(err.to_string().contains("en_US!"), "{err}");
    let reply = oof::ReplyBody {
        xsi: Default::default(),
        lang: Some(oof::Lang("en_US!".into())),
        message: None,
    };
    let err = xsd2rs_runtime::codec::encode_document(
        &oof::SetUserOofSettingsRequest {
            xsi: Default::default(),
            mailbox: oof::EmailAddress {
                xsi: Default::default(),
                name: None,
                address: "a@example.com".into(),
                routing_type: None,
            },
            user_oof_settings: oof::UserOofSettings {
                xsi: Default::default(),
                oof_state: oof::OofState::Enabled,
                external_audience: oof::ExternalAudience::All,
                duration: None,
                internal_reply: Some(reply),
                external_reply: None,
            },
        },
        &WriteOptions::default(),
    )
    .expect_err("an invalid xml:lang must not be written");
    assert!(err.to_string().contains("lang"), "{err}");
}
