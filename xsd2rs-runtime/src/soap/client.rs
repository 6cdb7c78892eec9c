//! [`Client`]: one SOAP call = encode, send through a [`Transport`], interpret the reply.

use std::fmt;
use std::sync::Arc;

use crate::codec::XmlRoot;
use crate::transport::{SoapRequest, SoapResponse, Transport};

use super::envelope::{decode_envelope, encode_envelope, Envelope};
use super::error::{snippet, SoapError};
use super::headers::HeaderSet;
use super::limits::Limits;
use super::version::SoapVersion;

/// A SOAP client bound to one transport (endpoint) and one SOAP version.
///
/// Cheap to clone (the transport is shared). Generated client stubs hold one and call
/// [`call`](Self::call) once per operation.
#[derive(Clone)]
pub struct Client {
    transport: Arc<dyn Transport>,
    version: SoapVersion,
    limits: Limits,
    prefixes: Vec<(String, String)>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("transport", &self.transport)
            .field("version", &self.version)
            .field("limits", &self.limits)
            .finish()
    }
}

impl Client {
    /// A SOAP 1.1 client over `transport` with default [`Limits`].
    pub fn new(transport: impl Transport + 'static) -> Self {
        Client::from_arc(Arc::new(transport))
    }

    /// A SOAP 1.1 client over a shared transport.
    pub fn from_arc(transport: Arc<dyn Transport>) -> Self {
        Client {
            transport,
            version: SoapVersion::Soap11,
            limits: Limits::default(),
            prefixes: Vec::new(),
        }
    }

    /// Uses `version` (generated stubs set the binding's version).
    pub fn with_version(mut self, version: SoapVersion) -> Self {
        self.version = version;
        self
    }

    /// Uses `limits` for replies.
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// Declares `prefix` for `ns` once on every request envelope (e.g. `m`, `t` for EWS).
    pub fn with_prefix(mut self, prefix: &str, ns: &str) -> Self {
        self.prefixes.push((prefix.to_owned(), ns.to_owned()));
        self
    }

    /// The SOAP version in use.
    pub fn version(&self) -> SoapVersion {
        self.version
    }

    /// The reply limits in use.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// The transport.
    pub fn transport(&self) -> &Arc<dyn Transport> {
        &self.transport
    }

    /// Calls one operation: encodes `body` and `headers` into an envelope, sends it with
    /// `action`, and decodes the reply into the response body and header blocks.
    ///
    /// Outcomes: the decoded response (even when it says `ResponseClass="Error"`: that is data);
    /// [`SoapError::Fault`] for a fault (HTTP 500 or not); [`SoapError::Http`] with status and
    /// snippet for a reply that is not SOAP (HTML login page, empty body);
    /// [`SoapError::Transport`] for timeouts and connection failures;
    /// [`SoapError::Decode`] for malformed, truncated or hostile XML (DOCTYPE, too deep);
    /// [`SoapError::MustUnderstand`] for an unknown mandatory reply header block.
    pub async fn call<Req, ReqH, Resp, RespH>(
        &self,
        operation: &str,
        action: &str,
        body: &Req,
        headers: &ReqH,
    ) -> Result<Envelope<Resp, RespH>, SoapError>
    where
        Req: XmlRoot,
        ReqH: HeaderSet,
        Resp: XmlRoot,
        RespH: HeaderSet,
    {
        let prefixes: Vec<(&str, &str)> = self
            .prefixes
            .iter()
            .map(|(p, n)| (p.as_str(), n.as_str()))
            .collect();
        let bytes = encode_envelope(self.version, body, headers, &prefixes)?;
        let request = SoapRequest {
            operation: operation.to_owned(),
            action: action.to_owned(),
            content_type: self.version.content_type(action),
            body: bytes,
            max_response_bytes: self.limits.max_message_bytes,
        };
        let reply = self.transport.send(request).await?;
        self.interpret(reply)
    }

    /// Interprets a raw reply: SOAP envelope (body or fault) or HTTP-level error.
    pub fn interpret<Resp: XmlRoot, RespH: HeaderSet>(
        &self,
        reply: SoapResponse,
    ) -> Result<Envelope<Resp, RespH>, SoapError> {
        let http_error = |reply: &SoapResponse| SoapError::Http {
            status: reply.status,
            content_type: reply.content_type.clone(),
            snippet: snippet(&reply.body),
        };
        if reply.body.iter().all(u8::is_ascii_whitespace) {
            return Err(http_error(&reply));
        }
        // A mislabelled envelope is still read; anything else under a non-XML content type or
        // an unexpected status is an HTTP-level error with a snippet.
        let xml_like = reply.content_type.as_deref().is_none_or(is_xml_media_type);
        let soap_status = (200..300).contains(&reply.status) || reply.status == 500;
        match decode_envelope::<Resp, RespH>(&reply.body, Some(self.version), &self.limits) {
            Ok((_, envelope)) if (200..300).contains(&reply.status) => Ok(envelope),
            Ok(_) => Err(http_error(&reply)),
            Err(SoapError::Fault(f)) => Err(SoapError::Fault(f)),
            Err(e) if xml_like && soap_status => Err(e),
            Err(_) => Err(http_error(&reply)),
        }
    }
}

/// Whether a `Content-Type` may carry a SOAP envelope.
fn is_xml_media_type(content_type: &str) -> bool {
    let media = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    media == "text/xml" || media == "application/xml" || media.ends_with("+xml")
}
