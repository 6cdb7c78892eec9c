//! The SOAP fault model: one type for SOAP 1.1 and 1.2 faults, with the EWS detail fields.

use std::fmt;

use crate::codec::{AnyElement, DecodeError, Unknown, XmlRoot};

use super::headers::HeaderBlock;

use super::version::{SoapVersion, SOAP11_ENV_NS, SOAP12_ENV_NS};

/// A fault code: a qualified name resolved to its namespace URI (prefixes never matter).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct FaultCode {
    /// Namespace URI (empty when the code is unqualified).
    pub ns: String,
    /// Local name, e.g. `Client`.
    pub local: String,
}

impl FaultCode {
    /// A code in namespace `ns` with local name `local`.
    pub fn new(ns: impl Into<String>, local: impl Into<String>) -> Self {
        FaultCode {
            ns: ns.into(),
            local: local.into(),
        }
    }

    /// The sender's fault: `Client` (1.1) / `Sender` (1.2).
    pub fn client(version: SoapVersion) -> Self {
        match version {
            SoapVersion::Soap11 => FaultCode::new(SOAP11_ENV_NS, "Client"),
            SoapVersion::Soap12 => FaultCode::new(SOAP12_ENV_NS, "Sender"),
        }
    }

    /// The receiver's fault: `Server` (1.1) / `Receiver` (1.2).
    pub fn server(version: SoapVersion) -> Self {
        match version {
            SoapVersion::Soap11 => FaultCode::new(SOAP11_ENV_NS, "Server"),
            SoapVersion::Soap12 => FaultCode::new(SOAP12_ENV_NS, "Receiver"),
        }
    }

    /// A mandatory header block was not understood.
    pub fn must_understand(version: SoapVersion) -> Self {
        FaultCode::new(version.envelope_ns(), "MustUnderstand")
    }

    /// The envelope's namespace is not the expected SOAP version.
    pub fn version_mismatch(version: SoapVersion) -> Self {
        FaultCode::new(version.envelope_ns(), "VersionMismatch")
    }

    /// Whether the code is in a SOAP envelope namespace, or unqualified (servers that write
    /// `<faultcode>Client</faultcode>` without a prefix mean the standard code).
    fn is_standard_ns(&self, envelope_ns: &str) -> bool {
        self.ns == envelope_ns || self.ns.is_empty()
    }

    /// Whether this is the sender's fault (`Client` or `Sender`, either version; also when
    /// written without a prefix).
    pub fn is_client(&self) -> bool {
        (self.is_standard_ns(SOAP11_ENV_NS)
            && (self.local == "Client" || self.local.starts_with("Client.")))
            || (self.is_standard_ns(SOAP12_ENV_NS) && self.local == "Sender")
    }

    /// Whether this is the receiver's fault (`Server` or `Receiver`, either version; also when
    /// written without a prefix).
    pub fn is_server(&self) -> bool {
        (self.is_standard_ns(SOAP11_ENV_NS)
            && (self.local == "Server" || self.local.starts_with("Server.")))
            || (self.is_standard_ns(SOAP12_ENV_NS) && self.local == "Receiver")
    }

    /// Whether this is a `MustUnderstand` fault (either version; also without a prefix).
    pub fn is_must_understand(&self) -> bool {
        (self.ns == SOAP11_ENV_NS || self.ns == SOAP12_ENV_NS || self.ns.is_empty())
            && self.local == "MustUnderstand"
    }

    /// The same standard code expressed for `version` (`Client` ⇄ `Sender`, `Server` ⇄
    /// `Receiver`, envelope namespace switched); other codes are returned unchanged.
    pub fn for_version(&self, version: SoapVersion) -> FaultCode {
        if self.ns != SOAP11_ENV_NS && self.ns != SOAP12_ENV_NS {
            return self.clone();
        }
        if self.is_client() {
            return FaultCode::client(version);
        }
        if self.is_server() {
            return FaultCode::server(version);
        }
        FaultCode::new(version.envelope_ns(), self.local.clone())
    }
}

impl fmt::Display for FaultCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ns.is_empty() {
            f.write_str(&self.local)
        } else {
            write!(f, "{{{}}}{}", self.ns, self.local)
        }
    }
}

/// The EWS fields of a fault `detail`, when the server put them there.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EwsFaultDetail {
    /// `m:ErrorCode` (MS-OXWOOF §2.2.4): the stringized error, e.g. `ErrorInvalidRequest`.
    pub error_code: Option<String>,
    /// `e:ResponseCode` in the EWS errors namespace, e.g. `ErrorServerBusy`.
    pub response_code: Option<String>,
    /// `e:Message` in the EWS errors namespace.
    pub message: Option<String>,
    /// `MessageXml` name/value pairs (`<t:Value Name="BackOffMilliseconds">297749</t:Value>`),
    /// in document order. A child without a `Name` attribute is listed under its local name.
    pub message_xml: Vec<(String, String)>,
}

impl EwsFaultDetail {
    /// The value of the first `MessageXml` entry called `name`.
    pub fn value(&self, name: &str) -> Option<&str> {
        self.message_xml
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The server's back-off time (`BackOffMilliseconds`), when it asks the client to wait.
    pub fn back_off_milliseconds(&self) -> Option<u64> {
        self.value("BackOffMilliseconds")
            .and_then(|v| v.trim().parse().ok())
    }

    /// Whether no field is set.
    pub fn is_empty(&self) -> bool {
        self.error_code.is_none()
            && self.response_code.is_none()
            && self.message.is_none()
            && self.message_xml.is_empty()
    }
}

/// The fields of a [`Fault`].
///
/// SOAP 1.1 `faultcode`/`faultstring`/`faultactor`/`detail` and SOAP 1.2
/// `Code/Value`(+`Subcode`)/`Reason/Text`/`Role`/`Node`/`Detail` map onto the same fields. The
/// detail is kept raw (each child element verbatim); the EWS fields found in it are also
/// parsed into [`ews`](Self::ews).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FaultData {
    /// `faultcode` (1.1) or `Code/Value` (1.2).
    pub code: FaultCode,
    /// SOAP 1.2 `Subcode/Value` chain, outermost first (empty for 1.1).
    pub subcodes: Vec<FaultCode>,
    /// `faultstring` (1.1) or the first `Reason/Text` (1.2).
    pub string: String,
    /// `faultactor` (1.1) or `Role` (1.2).
    pub actor: Option<String>,
    /// `xml:lang` of `faultstring` (1.1) or of the first `Reason/Text` (1.2); SOAP 1.2
    /// requires one, so `None` is written as `en` there.
    pub lang: Option<String>,
    /// SOAP 1.2 `Node`.
    pub node: Option<String>,
    /// The children of `detail` / `Detail`, verbatim; `None` when there is no detail element.
    pub detail: Option<Vec<AnyElement>>,
    /// EWS fields found in the detail (written back on encode when not in `detail` already).
    pub ews: EwsFaultDetail,
    /// The header blocks of the fault's envelope (EWS sends `ServerVersionInfo` there), raw:
    /// decode one with [`Fault::header`]; written back on encode. A service adds blocks to
    /// its fault with [`Fault::with_header`].
    pub headers: Vec<HeaderBlock>,
    /// What a lenient read of the fault's envelope skipped, in document order, as
    /// [`Envelope::unknown`](super::Envelope::unknown) records it for other messages: unknown
    /// `Fault` children, later `Reason/Text`s, later `Body` children, other `Envelope`
    /// children (header blocks are in [`headers`](Self::headers), not here). Empty for
    /// faults built in code; never written on encode.
    pub unknown: Vec<Unknown>,
}

/// A SOAP fault (1.1 or 1.2), as received by a client or returned by a service.
///
/// A small handle (one box) around [`FaultData`], whose fields it derefs to: `fault.code`,
/// `fault.string`, `fault.ews.back_off_milliseconds()`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Fault(Box<FaultData>);

impl std::ops::Deref for Fault {
    type Target = FaultData;

    fn deref(&self) -> &FaultData {
        &self.0
    }
}

impl std::ops::DerefMut for Fault {
    fn deref_mut(&mut self) -> &mut FaultData {
        &mut self.0
    }
}

impl From<FaultData> for Fault {
    fn from(data: FaultData) -> Self {
        Fault(Box::new(data))
    }
}

impl Fault {
    /// A fault with `code` and `string` and nothing else.
    pub fn new(code: FaultCode, string: impl Into<String>) -> Self {
        Fault::from(FaultData {
            code,
            string: string.into(),
            ..FaultData::default()
        })
    }

    /// A `Client`/`Sender` fault: the request was wrong.
    pub fn client(string: impl fmt::Display) -> Self {
        Fault::new(FaultCode::client(SoapVersion::Soap11), string.to_string())
    }

    /// A `Server`/`Receiver` fault: the service failed.
    pub fn server(string: impl fmt::Display) -> Self {
        Fault::new(FaultCode::server(SoapVersion::Soap11), string.to_string())
    }

    /// The `Server`/`Receiver` fault a service answers for an operation it does not implement
    /// (the default body of every generated service method).
    pub fn not_implemented(operation: &str) -> Self {
        Fault::server(format!(
            "the operation {operation} is not implemented by this service"
        ))
    }

    /// Adds a header block to the fault's envelope.
    pub fn with_header(mut self, block: HeaderBlock) -> Self {
        self.headers.push(block);
        self
    }

    /// The first header block of the fault's envelope that is a `T`, decoded (`None` when
    /// there is none).
    pub fn header<T: XmlRoot>(&self) -> Option<Result<T, DecodeError>> {
        self.headers.iter().find_map(HeaderBlock::decode::<T>)
    }

    /// The fields, by value.
    pub fn into_data(self) -> FaultData {
        *self.0
    }

    /// Sets `faultactor` / `Role`.
    pub fn with_actor(mut self, actor: impl Into<String>) -> Self {
        self.actor = Some(actor.into());
        self
    }

    /// Adds a raw detail element (written verbatim; also parsed for EWS fields on decode).
    pub fn with_detail(mut self, element: AnyElement) -> Self {
        self.detail.get_or_insert_with(Vec::new).push(element);
        self
    }

    /// Sets the EWS `m:ErrorCode` detail of MS-OXWOOF §2.2.4 (written on encode).
    pub fn with_error_code(mut self, code: impl Into<String>) -> Self {
        self.ews.error_code = Some(code.into());
        self
    }
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SOAP fault {}: {}", self.code, self.string)?;
        if let Some(code) = self
            .ews
            .response_code
            .as_ref()
            .or(self.ews.error_code.as_ref())
        {
            write!(f, " ({code})")?;
        }
        Ok(())
    }
}

impl std::error::Error for Fault {}

/// The default body of a generated service method: drops `request` and answers
/// [`Fault::not_implemented`] for `operation`.
pub fn not_implemented<Req, Resp>(
    operation: &str,
    request: Req,
) -> std::future::Ready<Result<Resp, Fault>> {
    drop(request);
    std::future::ready(Err(Fault::not_implemented(operation)))
}
