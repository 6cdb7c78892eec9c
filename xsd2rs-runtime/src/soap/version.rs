//! SOAP versions and their namespace constants.

/// SOAP 1.1 envelope namespace.
pub const SOAP11_ENV_NS: &str = "http://schemas.xmlsoap.org/soap/envelope/";
/// SOAP 1.2 envelope namespace.
pub const SOAP12_ENV_NS: &str = "http://www.w3.org/2003/05/soap-envelope";
/// The SOAP 1.1 actor URI meaning "the next SOAP node".
pub const SOAP11_ACTOR_NEXT: &str = "http://schemas.xmlsoap.org/soap/actor/next";
/// The SOAP 1.2 role URI meaning "the next SOAP node".
pub const SOAP12_ROLE_NEXT: &str = "http://www.w3.org/2003/05/soap-envelope/role/next";
/// The SOAP 1.2 role URI meaning "the ultimate receiver".
pub const SOAP12_ROLE_ULTIMATE_RECEIVER: &str =
    "http://www.w3.org/2003/05/soap-envelope/role/ultimateReceiver";
/// The XML namespace (for `xml:lang`).
pub const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";
/// EWS messages namespace (`m:`), home of the OOF fault detail's `ErrorCode`.
pub const EWS_MESSAGES_NS: &str = "http://schemas.microsoft.com/exchange/services/2006/messages";
/// EWS types namespace (`t:`).
pub const EWS_TYPES_NS: &str = "http://schemas.microsoft.com/exchange/services/2006/types";
/// EWS errors namespace, used in fault details (`ResponseCode`, `Message`, `MessageXml`).
pub const EWS_ERRORS_NS: &str = "http://schemas.microsoft.com/exchange/services/2006/errors";

/// A SOAP protocol version, as declared by a WSDL binding (`soap:` = 1.1, `soap12:` = 1.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum SoapVersion {
    /// SOAP 1.1 (`text/xml`, `SOAPAction` header).
    #[default]
    Soap11,
    /// SOAP 1.2 (`application/soap+xml; action=...`).
    Soap12,
}

impl SoapVersion {
    /// The envelope namespace URI.
    pub fn envelope_ns(self) -> &'static str {
        match self {
            SoapVersion::Soap11 => SOAP11_ENV_NS,
            SoapVersion::Soap12 => SOAP12_ENV_NS,
        }
    }

    /// The version whose envelope namespace is `ns`, if any.
    pub fn from_envelope_ns(ns: &str) -> Option<Self> {
        match ns {
            SOAP11_ENV_NS => Some(SoapVersion::Soap11),
            SOAP12_ENV_NS => Some(SoapVersion::Soap12),
            _ => None,
        }
    }

    /// The media type without parameters: `text/xml` or `application/soap+xml`.
    pub fn media_type(self) -> &'static str {
        match self {
            SoapVersion::Soap11 => "text/xml",
            SoapVersion::Soap12 => "application/soap+xml",
        }
    }

    /// The full `Content-Type` for a message with `action` (1.2 carries the action in it).
    pub fn content_type(self, action: &str) -> String {
        match self {
            SoapVersion::Soap11 => "text/xml; charset=utf-8".to_owned(),
            SoapVersion::Soap12 if action.is_empty() => {
                "application/soap+xml; charset=utf-8".to_owned()
            }
            SoapVersion::Soap12 => {
                format!(
                    "application/soap+xml; charset=utf-8; action=\"{}\"",
                    action.replace('"', "")
                )
            }
        }
    }

    /// The version a `Content-Type` header value announces, if it is a SOAP media type.
    pub fn from_content_type(content_type: &str) -> Option<Self> {
        let media = content_type
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        match media.as_str() {
            "text/xml" => Some(SoapVersion::Soap11),
            "application/soap+xml" => Some(SoapVersion::Soap12),
            _ => None,
        }
    }

    /// Whether `value` (of a `mustUnderstand` attribute) means true in this version.
    pub fn is_true(self, value: &str) -> bool {
        matches!(value.trim(), "1" | "true")
    }

    /// Whether a header block with this `actor` (1.1) / `role` (1.2) is addressed to us.
    pub fn targets_us(self, actor: Option<&str>) -> bool {
        match actor.map(str::trim) {
            None | Some("") => true,
            Some(a) => {
                a == SOAP11_ACTOR_NEXT
                    || a == SOAP12_ROLE_NEXT
                    || a == SOAP12_ROLE_ULTIMATE_RECEIVER
            }
        }
    }

    /// The name of the header attribute that addresses a block (`actor` or `role`).
    pub fn actor_attribute(self) -> &'static str {
        match self {
            SoapVersion::Soap11 => "actor",
            SoapVersion::Soap12 => "role",
        }
    }
}

/// Extracts the `action` parameter of a SOAP 1.2 `Content-Type`, if any.
pub fn action_from_content_type(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        if name.trim().eq_ignore_ascii_case("action") {
            Some(value.trim().trim_matches('"').to_owned())
        } else {
            None
        }
    })
}

/// Normalises a `SOAPAction` header value: surrounding quotes and whitespace removed.
pub fn normalize_action(value: &str) -> &str {
    value.trim().trim_matches('"').trim()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_types_and_actions() {
        assert_eq!(
            SoapVersion::Soap11.content_type("urn:a"),
            "text/xml; charset=utf-8"
        );
        let ct = SoapVersion::Soap12.content_type("urn:a");
        assert_eq!(ct, "application/soap+xml; charset=utf-8; action=\"urn:a\"");
        assert_eq!(action_from_content_type(&ct).as_deref(), Some("urn:a"));
        assert_eq!(action_from_content_type("text/xml; charset=utf-8"), None);
        assert_eq!(
            SoapVersion::from_content_type(&ct),
            Some(SoapVersion::Soap12)
        );
        assert_eq!(
            SoapVersion::from_content_type("Text/XML;charset=UTF-8"),
            Some(SoapVersion::Soap11)
        );
        assert_eq!(SoapVersion::from_content_type("text/html"), None);
        assert_eq!(normalize_action(" \"urn:x\" "), "urn:x");
        assert_eq!(normalize_action("\"\""), "");
    }

    #[test]
    fn must_understand_and_actors() {
        let v = SoapVersion::Soap11;
        assert!(v.is_true("1") && v.is_true(" true ") && !v.is_true("0") && !v.is_true("false"));
        assert!(v.targets_us(None) && v.targets_us(Some(SOAP11_ACTOR_NEXT)));
        assert!(SoapVersion::Soap12.targets_us(Some(SOAP12_ROLE_ULTIMATE_RECEIVER)));
        assert!(!v.targets_us(Some("urn:someone-else")));
    }
}
