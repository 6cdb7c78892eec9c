//! The schema validation helper accepts valid OOF and MTRK messages and rejects invalid ones.

use tests::validate::{assert_invalid, assert_valid, validator_or_skip, SchemaSet};

const SOAP: &str = "http://schemas.xmlsoap.org/soap/envelope/";
const M: &str = "http://schemas.microsoft.com/exchange/services/2006/messages";
const T: &str = "http://schemas.microsoft.com/exchange/services/2006/types";

fn envelope(header: &str, body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<s:Envelope xmlns:s="{SOAP}" xmlns:m="{M}" xmlns:t="{T}">
  <s:Header>{header}</s:Header>
  <s:Body>{body}</s:Body>
</s:Envelope>"#
    )
}

fn oof() -> SchemaSet {
    SchemaSet::oof().unwrap_or_else(|e| panic!("building the OOF schema set: {e}"))
}

const GET_REQUEST: &str =
    "<m:GetUserOofSettingsRequest><t:Mailbox><t:Name>Pat</t:Name><t:Address>pat@example.org</t:Address></t:Mailbox></m:GetUserOofSettingsRequest>";

const GET_RESPONSE: &str = r#"<m:GetUserOofSettingsResponse>
  <m:ResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode></m:ResponseMessage>
  <t:OofSettings>
    <t:OofState>Scheduled</t:OofState>
    <t:ExternalAudience>Known</t:ExternalAudience>
    <t:Duration><t:StartTime>2026-11-20T08:00:00Z</t:StartTime><t:EndTime>2026-11-27T17:30:00+01:00</t:EndTime></t:Duration>
    <t:InternalReply xml:lang="en-GB"><t:Message>Back next week.</t:Message></t:InternalReply>
    <t:ExternalReply><t:Message>Away.</t:Message></t:ExternalReply>
  </t:OofSettings>
  <m:AllowExternalOof>None</m:AllowExternalOof>
</m:GetUserOofSettingsResponse>"#;

const VERSION: &str = r#"<t:ServerVersionInfo MajorVersion="15" MinorVersion="1" MajorBuildNumber="2507" MinorBuildNumber="6"/>"#;

#[test]
fn valid_oof_messages_pass() {
    if !validator_or_skip() {
        return;
    }
    let set = oof();
    assert_valid(&set, &envelope("", GET_REQUEST));
    assert_valid(&set, &envelope(VERSION, GET_RESPONSE));
    // A body root alone, without the envelope.
    let bare = GET_REQUEST.replacen(
        "<m:GetUserOofSettingsRequest>",
        &format!(r#"<m:GetUserOofSettingsRequest xmlns:m="{M}" xmlns:t="{T}">"#),
        1,
    );
    assert_valid(&set, &bare);
}

#[test]
fn invalid_oof_messages_fail() {
    if !validator_or_skip() {
        return;
    }
    let set = oof();
    // A required element missing.
    let report = assert_invalid(
        &set,
        &envelope(
            "",
            &GET_REQUEST.replace("<t:Address>pat@example.org</t:Address>", ""),
        ),
    );
    assert!(
        report.contains("Address") || report.contains("Mailbox"),
        "{report}"
    );
    // Each broken document fails for its own reason.
    let cases = [
        (
            GET_RESPONSE.replace(">Scheduled<", ">Sometimes<"),
            "Sometimes",
        ),
        (
            GET_RESPONSE.replace("2026-11-20T08:00:00Z", "2026-11-31T08:00:00Z"),
            "2026-11-31",
        ),
        (
            GET_RESPONSE.replace("en-GB", "not a language"),
            "not a language",
        ),
    ];
    for (body, why) in cases {
        let report = assert_invalid(&set, &envelope(VERSION, &body));
        assert!(report.contains(why), "{why}: {report}");
    }
    // A child in the wrong namespace (prefix right, URI wrong).
    let report = assert_invalid(
        &set,
        &envelope("", &GET_REQUEST.replace("t:Mailbox", "m:Mailbox")),
    );
    assert!(report.contains("Mailbox"), "{report}");
    // A body root the schemas do not declare (as in MS-OXWOOF 4.5).
    let report = assert_invalid(
        &set,
        &envelope(
            VERSION,
            &GET_RESPONSE.replace("GetUserOofSettingsResponse", "SetUserOutOfSettingsResponse"),
        ),
    );
    assert!(report.contains("SetUserOutOfSettingsResponse"), "{report}");
    // An undeclared header block.
    let report = assert_invalid(&set, &envelope("<t:Unknown/>", GET_REQUEST));
    assert!(report.contains("Unknown"), "{report}");
}

#[test]
fn mtrk_request_with_soap_header_attributes() {
    if !validator_or_skip() {
        return;
    }
    let set = SchemaSet::mtrk().unwrap_or_else(|e| panic!("building the MTRK schema set: {e}"));
    let header = r#"<t:RequestServerVersion Version="Exchange2016" s:mustUnderstand="1"/>"#;
    let body = "<m:FindMessageTrackingReport><m:Scope>Forest</m:Scope><m:Domain>example.org</m:Domain><m:Subject>Hi</m:Subject></m:FindMessageTrackingReport>";
    assert_valid(&set, &envelope(header, body));
    // Scope is a NonEmptyStringType (minLength 1).
    let report = assert_invalid(&set, &envelope(header, &body.replace(">Forest<", "><")));
    assert!(report.contains("Scope"), "{report}");
    // mustUnderstand is 0 or 1 only.
    let report = assert_invalid(&set, &envelope(&header.replace("\"1\"", "\"yes\""), body));
    assert!(report.contains("mustUnderstand"), "{report}");
}

#[test]
fn malformed_document_is_invalid_and_broken_schema_is_reported() {
    if !validator_or_skip() {
        return;
    }
    let set = oof();
    assert_invalid(&set, "<m:GetUserOofSettingsRequest");
    let dir = std::env::temp_dir().join(format!("xsd2rs-broken-schema-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let xsd = dir.join("broken.xsd");
    std::fs::write(
        &xsd,
        r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:b"><xs:element name="a" type="xs:nope"/></xs:schema>"#,
    )
    .unwrap();
    let broken = SchemaSet::from_entries(&[xsd]).unwrap();
    let r = broken.validate(r#"<a xmlns="urn:b"/>"#);
    let _ = std::fs::remove_dir_all(&dir);
    if tests::validate::validator_available() {
        assert!(
            matches!(r, Err(tests::validate::ValidateError::Schema(_))),
            "{r:?}"
        );
    }
}
