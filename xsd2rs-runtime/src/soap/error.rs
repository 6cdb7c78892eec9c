//! [`SoapError`]: everything a SOAP call can end with besides a decoded response.

use crate::codec::{DecodeError, EncodeError};
use crate::transport::TransportError;

use super::fault::{Fault, FaultCode};

/// Why a SOAP call did not produce a response body.
///
/// A response whose body says `ResponseClass="Error"` is **not** an error here: it is data in
/// the decoded response. Messages never contain credentials.
#[derive(Debug, thiserror::Error)]
pub enum SoapError {
    /// The server answered with a SOAP fault (whatever the HTTP status).
    #[error("{0}")]
    Fault(Fault),
    /// The reply is not SOAP (an HTML login page, an empty body, a proxy error...).
    #[error("HTTP {status}{}: not a SOAP reply{}", content_type_note(.content_type), snippet_note(.snippet))]
    Http {
        /// HTTP status code.
        status: u16,
        /// The reply's `Content-Type`, if any.
        content_type: Option<String>,
        /// The start of the body (at most 512 characters, lossily decoded).
        snippet: String,
    },
    /// The transport failed (connect, timeout, I/O, size limit).
    #[error("transport: {0}")]
    Transport(#[from] TransportError),
    /// The reply is SOAP-like but cannot be decoded (malformed, hostile, wrong element...).
    #[error("cannot decode the reply: {0}")]
    Decode(#[from] DecodeError),
    /// The request could not be encoded (a value violates its schema facets).
    #[error("cannot encode the request: {0}")]
    Encode(#[from] EncodeError),
    /// A reply header block with `mustUnderstand` that this client does not understand.
    #[error("reply header block {{{ns}}}{local} must be understood but is unknown")]
    MustUnderstand {
        /// Namespace URI of the header block.
        ns: String,
        /// Local name of the header block.
        local: String,
    },
    /// The root is an `Envelope`, but not in the expected SOAP version's namespace.
    #[error("SOAP version mismatch: expected an envelope in {}, found one in {found_ns:?}", .expected.envelope_ns())]
    VersionMismatch {
        /// The version the binding speaks.
        expected: super::SoapVersion,
        /// The namespace URI of the envelope received.
        found_ns: String,
    },
    /// The message is larger than [`Limits::max_message_bytes`](super::Limits).
    #[error("message of {size} bytes exceeds the limit of {limit} bytes")]
    TooLarge {
        /// Size of the message.
        size: usize,
        /// The limit.
        limit: usize,
    },
    /// A blocking call could not run (see [`BlockingRuntime`](crate::transport::BlockingRuntime)).
    #[error("{0}")]
    Blocking(String),
}

impl SoapError {
    /// The fault, if the server sent one.
    pub fn fault(&self) -> Option<&Fault> {
        match self {
            SoapError::Fault(f) => Some(f),
            _ => None,
        }
    }

    /// The HTTP status, when the error carries one.
    pub fn http_status(&self) -> Option<u16> {
        match self {
            SoapError::Http { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// Whether the transport timed out.
    pub fn is_timeout(&self) -> bool {
        matches!(self, SoapError::Transport(TransportError::Timeout(_)))
    }

    /// Turns an error met while reading a request (server side) into the fault to answer with.
    pub fn into_fault(self) -> Fault {
        match self {
            SoapError::Fault(f) => f,
            SoapError::MustUnderstand { ns, local } => Fault::new(
                FaultCode::must_understand(super::SoapVersion::Soap11),
                format!("header block {{{ns}}}{local} must be understood but is not"),
            ),
            SoapError::VersionMismatch { expected, found_ns } => Fault::new(
                FaultCode::version_mismatch(expected),
                format!(
                    "expected an envelope in {}, found one in {found_ns:?}",
                    expected.envelope_ns()
                ),
            ),
            other
            @ (SoapError::Decode(_) | SoapError::TooLarge { .. } | SoapError::Http { .. }) => {
                Fault::client(format!("invalid request: {other}"))
            }
            other => Fault::server(other),
        }
    }
}

impl From<Fault> for SoapError {
    fn from(f: Fault) -> Self {
        SoapError::Fault(f)
    }
}

fn content_type_note(ct: &Option<String>) -> String {
    ct.as_ref().map(|c| format!(" ({c})")).unwrap_or_default()
}

fn snippet_note(snippet: &str) -> String {
    if snippet.trim().is_empty() {
        ", empty body".to_owned()
    } else {
        format!(": {snippet}")
    }
}

/// The first characters of `body` for an error message (at most 512 characters).
pub(crate) fn snippet(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body.get(..2048).unwrap_or(body));
    let mut s: String = text.chars().take(512).collect();
    if s.len() < text.len() || body.len() > 2048 {
        s.push('…');
    }
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
