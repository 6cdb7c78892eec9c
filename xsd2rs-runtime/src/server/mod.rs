//! The server side: a byte-level [`Handler`] contract, the typed [`Dispatcher`] that generated
//! service skeletons build, and (feature `http-server`) an axum adapter that serves any handler.

use std::fmt;

pub use crate::transport::BoxFuture;

mod dispatcher;
#[cfg(feature = "http-server")]
pub mod http;

pub use dispatcher::{fault_response, Dispatcher, Operation};

/// One SOAP request as it came off the wire.
#[derive(Clone, Default)]
pub struct IncomingRequest {
    /// The SOAP action: the `SOAPAction` header (1.1, quotes removed) or the `action`
    /// parameter of the content type (1.2); `None` when absent.
    pub action: Option<String>,
    /// The `Content-Type` header value.
    pub content_type: Option<String>,
    /// Every HTTP header, names lower-cased, values lossily decoded (for authentication
    /// and routing decisions by wrapping handlers).
    pub headers: Vec<(String, String)>,
    /// The request body.
    pub body: Vec<u8>,
}

impl IncomingRequest {
    /// The first value of header `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

impl fmt::Debug for IncomingRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.headers.iter().map(|(n, _)| n.as_str()).collect();
        f.debug_struct("IncomingRequest")
            .field("action", &self.action)
            .field("content_type", &self.content_type)
            .field("headers", &names)
            .field("body_len", &self.body.len())
            .finish()
    }
}

/// The reply to an [`IncomingRequest`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutgoingResponse {
    /// HTTP status (200, or 500 for a SOAP 1.1 fault).
    pub status: u16,
    /// `Content-Type` header value.
    pub content_type: String,
    /// The body.
    pub body: Vec<u8>,
}

/// Anything that answers SOAP requests at the byte level. The [`Dispatcher`] implements it;
/// wrap one in your own handler to add authentication or logging.
pub trait Handler: Send + Sync + 'static {
    /// Answers one request.
    fn handle(&self, request: IncomingRequest) -> BoxFuture<'_, OutgoingResponse>;
}

impl<H: Handler + ?Sized> Handler for std::sync::Arc<H> {
    fn handle(&self, request: IncomingRequest) -> BoxFuture<'_, OutgoingResponse> {
        (**self).handle(request)
    }
}
