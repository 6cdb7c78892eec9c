//! [`Client`]: one SOAP call = encode, send through a [`Transport`], interpret the reply.

use std::fmt;
use std::sync::Arc;

use crate::codec::XmlRoot;
use crate::transport::{SoapRequest, SoapResponse, Transport};

use super::envelope::{decode_envelope_with, encode_envelope_with, Envelope};
use super::error::{snippet, SoapError};
use super::headers::{HeaderBlock, HeaderSet, HeaderSource, SharedHeaderSource};
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
    headers: Vec<HeaderBlock>,
    sources: Vec<SharedHeaderSource>,
    understood: Vec<(String, String)>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("transport", &self.transport)
            .field("version", &self.version)
            .field("limits", &self.limits)
            .field(
                "headers",
                &self
                    .headers
                    .iter()
                    .map(HeaderBlock::local)
                    .collect::<Vec<_>>(),
            )
            .field("sources", &self.sources)
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
            headers: Vec::new(),
            sources: Vec::new(),
            understood: Vec::new(),
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

    /// Adds a header block to every request (after the call's own blocks): an
    /// `ExchangeImpersonation`, a `RequestServerVersion`, any block the WSDL does not declare.
    pub fn with_header(mut self, block: HeaderBlock) -> Self {
        self.headers.push(block);
        self
    }

    /// Adds header blocks computed afresh for every request (a WS-Security
    /// `UsernameToken` with a new nonce each time).
    pub fn with_header_source(mut self, source: impl HeaderSource) -> Self {
        self.sources.push(Arc::new(source));
        self
    }

    /// Declares a reply header block `{ns}local` understood although the binding does not
    /// declare it: marked `mustUnderstand`, it is kept in the reply's extra blocks instead of
    /// failing the call with [`SoapError::MustUnderstand`].
    pub fn understands(mut self, ns: &str, local: &str) -> Self {
        self.understood.push((ns.to_owned(), local.to_owned()));
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
        let mut extra = self.headers.clone();
        for source in &self.sources {
            extra.extend(source.header_blocks(self.version)?);
        }
        let bytes = encode_envelope_with(self.version, body, headers, &extra, &prefixes)?;
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
        let understood: Vec<(&str, &str)> = self
            .understood
            .iter()
            .map(|(n, l)| (n.as_str(), l.as_str()))
            .collect();
        let decoded = decode_envelope_with::<Resp, RespH>(
            &reply.body,
            Some(self.version),
            &self.limits,
            &understood,
        );
        match decoded {
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
