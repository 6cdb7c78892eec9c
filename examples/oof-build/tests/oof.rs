//! The build-script bindings decode and encode an Out of Office message.

use oof_build::oof;
use xsd2rs_runtime::codec::{decode_document, encode_document, WriteOptions};

const RESPONSE: &str = r#"<GetUserOofSettingsResponse xmlns="http://schemas.microsoft.com/exchange/services/2006/messages">
  <ResponseMessage ResponseClass="Success"><ResponseCode>NoError</ResponseCode></ResponseMessage>
  <OofSettings xmlns="http://schemas.microsoft.com/exchange/services/2006/types">
    <OofState>Scheduled</OofState>
    <ExternalAudience>Known</ExternalAudience>
    <Duration><StartTime>2008-02-01T00:00:00Z</StartTime><EndTime>2008-02-02T00:00:00Z</EndTime></Duration>
    <InternalReply xml:lang="en"><Message>Away</Message></InternalReply>
  </OofSettings>
  <AllowExternalOof>All</AllowExternalOof>
</GetUserOofSettingsResponse>"#;

#[test]
fn decodes_and_encodes_an_oof_response() {
    let decoded =
        decode_document::<oof::GetUserOofSettingsResponse>(RESPONSE.as_bytes()).expect("decodes");
    assert!(decoded.unknown.is_empty());
    let value = decoded.value;
    let settings = value.oof_settings.clone().expect("OofSettings");
    assert_eq!(settings.oof_state, oof::OofState::Scheduled);
    assert_eq!(settings.external_audience, oof::ExternalAudience::Known);
    let reply = settings.internal_reply.expect("InternalReply");
    assert_eq!(reply.message.as_deref(), Some("Away"));
    assert!(reply.lang.is_some());

    let options = WriteOptions::default()
        .prefix("m", oof::NS_M)
        .prefix("t", oof::NS_T);
    let bytes = encode_document(&value, &options).expect("encodes");
    let again = decode_document::<oof::GetUserOofSettingsResponse>(&bytes).expect("re-decodes");
    assert_eq!(again.value, value);
}

#[test]
fn builds_a_request_with_default() {
    let request = oof::GetUserOofSettingsRequest {
        mailbox: oof::EmailAddress {
            address: "user@example.com".into(),
            ..Default::default()
        },
        xsi: Default::default(),
    };
    let bytes = encode_document(&request, &WriteOptions::default()).expect("encodes");
    let text = String::from_utf8(bytes).expect("UTF-8");
    assert!(text.contains("user@example.com"), "{text}");
    assert!(
        !text.contains("RoutingType"),
        "an unset optional element was written: {text}"
    );
}
