//! The Out of Office store: settings per mailbox in memory, validated as MS-OXWOOF describes.
//!
//! - Mailboxes are keyed by their SMTP address, compared case-insensitively.
//! - A mailbox that was never set reads as OOF disabled, external audience `All`, no duration
//!   and no replies (MS-OXWOOF describes no "unknown mailbox" error: every SMTP address is a
//!   mailbox of this example server).
//! - An `Address` that is not an SMTP address (§2.2.3.3: it "MUST be" one) is a misuse of the
//!   API: a SOAP Client fault with the `ErrorCode` detail of §2.2.4.
//! - Invalid settings are a response with `ResponseClass="Error"` (§4.5): a `Scheduled` state
//!   without a duration or whose `EndTime` is not after its `StartTime` (§2.2.3.2) is
//!   `ErrorInvalidScheduledOofDuration`; a state or audience the schema does not list, or a
//!   reply over 128000 bytes (§2.2.3.7), is `ErrorInvalidOofParameter`. Rejected settings
//!   leave the stored ones unchanged.

use std::collections::HashMap;
use std::sync::Mutex;

use generated::oof::{
    Duration, EmailAddress, ExternalAudience, GetUserOofSettingsResponse, OofState, ReplyBody,
    ResponseClassType, ResponseCodeType, ResponseMessageType, ResponseMessageTypeMessageXml,
    ServerVersionInfo, SetUserOofSettingsResponse, UserOofSettings,
};
use xsd2rs_runtime::codec::AnyElement;
use xsd2rs_runtime::soap::{Fault, EWS_ERRORS_NS};
use xsd2rs_runtime::types::DateTime;
use xsd2rs_runtime::SimpleValue;

/// Largest OOF reply message accepted, in bytes (MS-OXWOOF §2.2.3.7).
pub const MAX_REPLY_BYTES: usize = 128_000;

/// Why settings were refused: becomes a `ResponseClass="Error"` response message.
#[derive(Debug, Clone, PartialEq)]
pub enum Rejection {
    /// `ErrorInvalidScheduledOofDuration`.
    ScheduledDuration(String),
    /// `ErrorInvalidOofParameter`.
    Parameter(String),
}

impl Rejection {
    /// The response code of the refusal.
    pub fn code(&self) -> ResponseCodeType {
        match self {
            Rejection::ScheduledDuration(_) => ResponseCodeType::ErrorInvalidScheduledOofDuration,
            Rejection::Parameter(_) => ResponseCodeType::ErrorInvalidOofParameter,
        }
    }

    /// The response message carrying the refusal (shaped like MS-OXWOOF §4.5).
    pub fn response_message(&self) -> ResponseMessageType {
        let (text, exception, code) = match self {
            Rejection::ScheduledDuration(why) => (
                format!("The scheduled Out of Office duration is not valid: {why}"),
                "Microsoft.Exchange.InfoWorker.Common.OOF.InvalidScheduledOofDuration",
                "158",
            ),
            Rejection::Parameter(why) => (
                format!("One of the Out of Office parameters is not valid: {why}"),
                "Microsoft.Exchange.InfoWorker.Common.OOF.InvalidOofParameter",
                "157",
            ),
        };
        let any = [("ExceptionType", exception), ("ExceptionCode", code)]
            .iter()
            .filter_map(|(name, value)| {
                AnyElement::parse(&format!(
                    "<{name} xmlns=\"{EWS_ERRORS_NS}\">{value}</{name}>"
                ))
                .ok()
            })
            .collect();
        ResponseMessageType {
            xsi: Default::default(),
            response_class: ResponseClassType::Error,
            message_text: Some(text),
            response_code: Some(self.code()),
            descriptive_link_key: Some(0),
            message_xml: Some(ResponseMessageTypeMessageXml {
                xsi: Default::default(),
                any,
            }),
        }
    }
}

/// A success response message (`ResponseClass="Success"`, `NoError`).
pub fn success() -> ResponseMessageType {
    ResponseMessageType {
        xsi: Default::default(),
        response_class: ResponseClassType::Success,
        message_text: None,
        response_code: Some(ResponseCodeType::NoError),
        descriptive_link_key: None,
        message_xml: None,
    }
}

/// The `ServerVersionInfo` header block every response carries (the values of MS-OXWOOF §4),
/// saying the schema version the client requested (`RequestServerVersion`), if any.
pub fn server_version(requested: Option<&str>) -> ServerVersionInfo {
    ServerVersionInfo {
        xsi: Default::default(),
        major_version: Some(8),
        minor_version: Some(1),
        major_build_number: Some(240),
        minor_build_number: Some(5),
        version: Some(requested.unwrap_or("Exchange2007_SP1").to_owned()),
    }
}

/// The settings of a mailbox that was never set.
pub fn default_settings() -> UserOofSettings {
    UserOofSettings {
        xsi: Default::default(),
        oof_state: OofState::Disabled,
        external_audience: ExternalAudience::All,
        duration: None,
        internal_reply: None,
        external_reply: None,
    }
}

/// The store key of a mailbox, or a Client fault (§2.2.4) when `Address` is not SMTP.
pub fn mailbox_key(mailbox: &EmailAddress) -> Result<String, Fault> {
    let address = mailbox.address.trim();
    if let Some(routing) = mailbox.routing_type.as_deref() {
        if !routing.trim().eq_ignore_ascii_case("SMTP") {
            return Err(invalid_mailbox(&format!(
                "routing type {routing:?} is not SMTP"
            )));
        }
    }
    let valid = match address.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.is_empty()
                && !domain.contains('@')
                && !address.chars().any(|c| c.is_whitespace() || c.is_control())
        }
        None => false,
    };
    if valid {
        Ok(address.to_ascii_lowercase())
    } else {
        Err(invalid_mailbox(&format!(
            "{address:?} is not an SMTP address"
        )))
    }
}

fn invalid_mailbox(why: &str) -> Fault {
    Fault::client(format!("The mailbox is not valid: {why}."))
        .with_actor("/EWS/Exchange.asmx")
        .with_error_code("ErrorInvalidOofParameter")
}

/// The UTC instant of a time; a time without zone is read as UTC (MS-OXWOOF §2.2.3.2).
fn as_utc(t: &DateTime) -> Option<DateTime> {
    if t.has_timezone() {
        Some(t.clone())
    } else {
        DateTime::parse_text(&format!("{}Z", t.as_str())).ok()
    }
}

fn check_duration(duration: Option<&Duration>) -> Result<(), Rejection> {
    let Some(d) = duration else {
        return Err(Rejection::ScheduledDuration(
            "a Scheduled state needs a Duration".to_owned(),
        ));
    };
    let (Some(start), Some(end)) = (as_utc(&d.start_time), as_utc(&d.end_time)) else {
        return Err(Rejection::ScheduledDuration(
            "the duration's times cannot be read".to_owned(),
        ));
    };
    match end.partial_cmp_value(&start) {
        Some(std::cmp::Ordering::Greater) => Ok(()),
        _ => Err(Rejection::ScheduledDuration(format!(
            "EndTime {} is not after StartTime {}",
            d.end_time.as_str(),
            d.start_time.as_str()
        ))),
    }
}

fn check_reply(name: &str, reply: Option<&ReplyBody>) -> Result<(), Rejection> {
    let len = reply.and_then(|r| r.message.as_deref()).map_or(0, str::len);
    if len > MAX_REPLY_BYTES {
        return Err(Rejection::Parameter(format!(
            "{name} is {len} bytes, over {MAX_REPLY_BYTES}"
        )));
    }
    Ok(())
}

/// Checks settings as MS-OXWOOF describes (see the module docs).
pub fn validate(settings: &UserOofSettings) -> Result<(), Rejection> {
    match &settings.oof_state {
        OofState::Scheduled => check_duration(settings.duration.as_ref())?,
        OofState::Enabled | OofState::Disabled => {}
        OofState::Other(s) => {
            return Err(Rejection::Parameter(format!(
                "OofState {s:?} is not listed"
            )))
        }
    }
    if let ExternalAudience::Other(s) = &settings.external_audience {
        return Err(Rejection::Parameter(format!(
            "ExternalAudience {s:?} is not listed"
        )));
    }
    check_reply("InternalReply", settings.internal_reply.as_ref())?;
    check_reply("ExternalReply", settings.external_reply.as_ref())
}

/// OOF settings per mailbox, shared by all requests.
#[derive(Debug, Default)]
pub struct OofStore {
    mailboxes: Mutex<HashMap<String, UserOofSettings>>,
}

impl OofStore {
    /// The `GetUserOofSettings` response for `mailbox`.
    pub fn get(&self, mailbox: &EmailAddress) -> Result<GetUserOofSettingsResponse, Fault> {
        let key = mailbox_key(mailbox)?;
        let settings = self
            .mailboxes
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&key)
            .cloned()
            .unwrap_or_else(default_settings);
        Ok(GetUserOofSettingsResponse {
            xsi: Default::default(),
            response_message: success(),
            oof_settings: Some(settings),
            allow_external_oof: Some(ExternalAudience::All),
        })
    }

    /// The `SetUserOofSettings` response: stores valid settings, refuses invalid ones.
    pub fn set(
        &self,
        mailbox: &EmailAddress,
        settings: &UserOofSettings,
    ) -> Result<SetUserOofSettingsResponse, Fault> {
        let key = mailbox_key(mailbox)?;
        let response_message = match validate(settings) {
            Ok(()) => {
                self.mailboxes
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .insert(key, settings.clone());
                success()
            }
            Err(rejection) => rejection.response_message(),
        };
        Ok(SetUserOofSettingsResponse {
            xsi: Default::default(),
            response_message: Some(response_message),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mailbox(address: &str) -> EmailAddress {
        EmailAddress {
            xsi: Default::default(),
            name: None,
            address: address.to_owned(),
            routing_type: None,
        }
    }

    fn dt(s: &str) -> DateTime {
        DateTime::parse_text(s).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    fn scheduled(start: &str, end: &str) -> UserOofSettings {
        UserOofSettings {
            xsi: Default::default(),
            oof_state: OofState::Scheduled,
            external_audience: ExternalAudience::Known,
            duration: Some(Duration {
                xsi: Default::default(),
                start_time: dt(start),
                end_time: dt(end),
            }),
            internal_reply: Some(ReplyBody {
                xsi: Default::default(),
                lang: None,
                message: Some("away".to_owned()),
            }),
            external_reply: None,
        }
    }

    fn code(r: &SetUserOofSettingsResponse) -> Option<ResponseCodeType> {
        r.response_message
            .as_ref()
            .and_then(|m| m.response_code.clone())
    }

    #[test]
    fn unknown_mailbox_reads_default_settings() {
        let store = OofStore::default();
        let got = store.get(&mailbox("nobody@example.com")).unwrap();
        assert_eq!(
            got.response_message.response_class,
            ResponseClassType::Success
        );
        assert_eq!(got.oof_settings, Some(default_settings()));
    }

    #[test]
    fn set_is_visible_to_get_case_insensitively() {
        let store = OofStore::default();
        let s = scheduled("2024-01-01T00:00:00Z", "2024-01-02T00:00:00Z");
        let r = store.set(&mailbox("Alice@Example.com"), &s).unwrap();
        assert_eq!(code(&r), Some(ResponseCodeType::NoError));
        let got = store.get(&mailbox("alice@example.com")).unwrap();
        assert_eq!(got.oof_settings, Some(s));
        let other = store.get(&mailbox("bob@example.com")).unwrap();
        assert_eq!(other.oof_settings, Some(default_settings()));
    }

    #[test]
    fn scheduled_end_not_after_start_is_refused_and_not_stored() {
        let store = OofStore::default();
        for (start, end) in [
            ("2024-01-02T00:00:00Z", "2024-01-01T00:00:00Z"),
            ("2024-01-01T00:00:00Z", "2024-01-01T00:00:00Z"),
            // Same instant written in two zones.
            ("2024-01-01T02:00:00+02:00", "2024-01-01T00:00:00Z"),
            // No zone: read as UTC.
            ("2024-01-01T10:00:00", "2024-01-01T09:59:59Z"),
        ] {
            let r = store
                .set(&mailbox("a@example.com"), &scheduled(start, end))
                .unwrap();
            let m = r.response_message.clone().unwrap();
            assert_eq!(m.response_class, ResponseClassType::Error, "{start} {end}");
            assert_eq!(
                m.response_code,
                Some(ResponseCodeType::ErrorInvalidScheduledOofDuration)
            );
            assert!(m.message_text.is_some_and(|t| t.contains("not valid")));
            assert_eq!(m.message_xml.map(|x| x.any.len()), Some(2));
        }
        let got = store.get(&mailbox("a@example.com")).unwrap();
        assert_eq!(got.oof_settings, Some(default_settings()));
    }

    #[test]
    fn scheduled_without_duration_is_refused_but_enabled_ignores_bad_duration() {
        let mut s = scheduled("2024-01-02T00:00:00Z", "2024-01-01T00:00:00Z");
        s.duration = None;
        assert!(matches!(validate(&s), Err(Rejection::ScheduledDuration(_))));
        let mut s = scheduled("2024-01-02T00:00:00Z", "2024-01-01T00:00:00Z");
        s.oof_state = OofState::Enabled;
        assert_eq!(validate(&s), Ok(()));
        let ok = scheduled("2024-01-01T10:00:00", "2024-01-01T10:00:01");
        assert_eq!(validate(&ok), Ok(()));
    }

    #[test]
    fn unlisted_values_and_huge_replies_are_invalid_parameters() {
        let mut s = default_settings();
        s.oof_state = OofState::Other("Sometimes".to_owned());
        assert!(matches!(validate(&s), Err(Rejection::Parameter(_))));
        let mut s = default_settings();
        s.external_audience = ExternalAudience::Other("Everyone".to_owned());
        assert!(matches!(validate(&s), Err(Rejection::Parameter(_))));
        let mut s = default_settings();
        s.external_reply = Some(ReplyBody {
            xsi: Default::default(),
            lang: None,
            message: Some("x".repeat(MAX_REPLY_BYTES + 1)),
        });
        let r = validate(&s).unwrap_err();
        assert_eq!(r.code(), ResponseCodeType::ErrorInvalidOofParameter);
    }

    #[test]
    fn non_smtp_mailbox_is_a_client_fault_with_error_code() {
        let store = OofStore::default();
        for bad in [
            "",
            "alice",
            "@example.com",
            "alice@",
            "a@b@c",
            "a b@example.com",
        ] {
            let fault = store.get(&mailbox(bad)).unwrap_err();
            assert!(fault.code.is_client(), "{bad:?}");
            assert_eq!(
                fault.ews.error_code.as_deref(),
                Some("ErrorInvalidOofParameter")
            );
        }
        let mut x500 = mailbox("alice@example.com");
        x500.routing_type = Some("EX".to_owned());
        assert!(store.get(&x500).is_err());
        x500.routing_type = Some("smtp".to_owned());
        assert!(store.get(&x500).is_ok());
    }
}
