//! Transports: how SOAP envelopes travel.
//!
//! The [`Transport`] trait is the only thing a SOAP [`Client`](crate::soap::Client) needs: it
//! sends one serialized envelope and returns the raw reply (status, content type, body bytes).
//! The runtime ships [`HttpTransport`] (feature `http-client`, on by default); any other scheme
//! (NTLM, an in-process test double, a message queue) plugs in by implementing the trait.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

#[cfg(feature = "http-client")]
mod blocking;
#[cfg(feature = "http-client")]
mod http;
mod token;
#[cfg(feature = "http-client")]
pub use self::blocking::{BlockingError, BlockingRuntime};
#[cfg(feature = "http-client")]
pub use self::http::{
    Credentials, HttpTransport, HttpTransportBuilder, DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT,
    DEFAULT_TOKEN_MARGIN,
};
pub use self::token::{AccessToken, Secret, TokenError, TokenRefresh, TokenSource};

/// A boxed, `Send` future: what [`Transport::send`] returns, so the trait stays object-safe.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// One outgoing SOAP message, ready to be put on the wire.
#[derive(Clone, PartialEq, Eq)]
pub struct SoapRequest {
    /// Operation name, for tracing only (e.g. `GetUserOofSettings`).
    pub operation: String,
    /// The SOAP action (the `SOAPAction` header in SOAP 1.1, the `action` media-type parameter
    /// in SOAP 1.2). May be empty.
    pub action: String,
    /// Full `Content-Type` header value, e.g. `text/xml; charset=utf-8`.
    pub content_type: String,
    /// The serialized envelope.
    pub body: Vec<u8>,
    /// The largest reply body the caller accepts; a transport stops reading beyond it and
    /// returns [`TransportError::TooLarge`].
    pub max_response_bytes: usize,
}

impl fmt::Debug for SoapRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SoapRequest")
            .field("operation", &self.operation)
            .field("action", &self.action)
            .field("content_type", &self.content_type)
            .field("body_len", &self.body.len())
            .field("max_response_bytes", &self.max_response_bytes)
            .finish()
    }
}

/// The raw reply to a [`SoapRequest`]: whatever came back, SOAP or not.
#[derive(Clone, PartialEq, Eq)]
pub struct SoapResponse {
    /// HTTP status code (transports without one report 200 for success, 500 for a fault).
    pub status: u16,
    /// The `Content-Type` header of the reply, if any.
    pub content_type: Option<String>,
    /// The reply body, at most `max_response_bytes` long.
    pub body: Vec<u8>,
}

impl fmt::Debug for SoapResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SoapResponse")
            .field("status", &self.status)
            .field("content_type", &self.content_type)
            .field("body_len", &self.body.len())
            .finish()
    }
}

/// The ways a transport can fail before a reply body is in hand.
///
/// Messages never contain credentials: transports must strip them before building one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransportError {
    /// No reply within the configured time.
    #[error("timed out after {0:?}")]
    Timeout(Duration),
    /// The connection could not be established (DNS, refused, TLS handshake...).
    #[error("cannot connect to {endpoint}: {message}")]
    Connect {
        /// The endpoint, without any user info.
        endpoint: String,
        /// What went wrong.
        message: String,
    },
    /// The reply body was larger than the accepted maximum.
    #[error("reply body exceeds the limit of {limit} bytes")]
    TooLarge {
        /// The limit in bytes.
        limit: usize,
    },
    /// The connection broke while sending or receiving (including a truncated body).
    #[error("I/O error: {0}")]
    Io(String),
    /// The transport was configured wrongly (bad URL, bad header value...).
    #[error("transport configuration: {0}")]
    Config(String),
    /// No bearer token: the [`TokenSource`] failed or gave no token in time, or gave one that
    /// cannot be sent (the message never contains the token).
    #[error("cannot obtain a bearer token: {0}")]
    Token(String),
    /// Anything else a custom transport wants to report.
    #[error("{0}")]
    Other(String),
}

/// Sends serialized SOAP envelopes and returns raw replies.
///
/// Object-safe: a client holds an `Arc<dyn Transport>`. Implementations must not interpret the
/// reply (an HTTP 500 is a normal reply: it usually carries a SOAP fault).
pub trait Transport: Send + Sync + fmt::Debug {
    /// Sends `request` and resolves to the reply.
    fn send(&self, request: SoapRequest) -> BoxFuture<'_, Result<SoapResponse, TransportError>>;
}

impl<T: Transport + ?Sized> Transport for std::sync::Arc<T> {
    fn send(&self, request: SoapRequest) -> BoxFuture<'_, Result<SoapResponse, TransportError>> {
        (**self).send(request)
    }
}

impl<T: Transport + ?Sized> Transport for Box<T> {
    fn send(&self, request: SoapRequest) -> BoxFuture<'_, Result<SoapResponse, TransportError>> {
        (**self).send(request)
    }
}
