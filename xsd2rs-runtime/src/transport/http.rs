//! [`HttpTransport`]: SOAP over HTTP(S) on reqwest, TLS by rustls.

use std::fmt;
use std::time::{Duration, Instant};

use reqwest::header::{
    HeaderMap, HeaderName, HeaderValue, AUTHORIZATION, CONTENT_LENGTH, CONTENT_TYPE,
};

use super::{BoxFuture, SoapRequest, SoapResponse, Transport, TransportError};

/// Default time allowed for a whole call (connect, send, receive).
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(100);
/// Default time allowed to establish a connection.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(30);

/// How the transport authenticates. Debug output never shows secrets.
#[derive(Clone, PartialEq, Eq, Default)]
pub enum Credentials {
    /// No `Authorization` header.
    #[default]
    None,
    /// HTTP Basic: `Authorization: Basic base64(user:password)`.
    Basic {
        /// User name (e.g. `user@example.com` or `DOMAIN\user`).
        user: String,
        /// Password.
        password: String,
    },
    /// OAuth2 bearer token: `Authorization: Bearer TOKEN`.
    Bearer(String),
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Credentials::None => f.write_str("None"),
            Credentials::Basic { user, .. } => f
                .debug_struct("Basic")
                .field("user", user)
                .field("password", &"<redacted>")
                .finish(),
            Credentials::Bearer(_) => f.write_str("Bearer(<redacted>)"),
        }
    }
}

/// Builds an [`HttpTransport`]; see [`HttpTransport::builder`].
#[derive(Debug)]
pub struct HttpTransportBuilder {
    endpoint: String,
    timeout: Duration,
    connect_timeout: Duration,
    credentials: Credentials,
    headers: Vec<(String, String)>,
    client: Option<reqwest::Client>,
}

impl HttpTransportBuilder {
    /// Total time allowed per call (default [`DEFAULT_TIMEOUT`]).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Time allowed to connect (default [`DEFAULT_CONNECT_TIMEOUT`]).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Authenticates with HTTP Basic.
    pub fn basic_auth(mut self, user: impl Into<String>, password: impl Into<String>) -> Self {
        self.credentials = Credentials::Basic {
            user: user.into(),
            password: password.into(),
        };
        self
    }

    /// Authenticates with an OAuth2 bearer token.
    pub fn bearer_token(mut self, token: impl Into<String>) -> Self {
        self.credentials = Credentials::Bearer(token.into());
        self
    }

    /// Sets the credentials directly.
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = credentials;
        self
    }

    /// Adds a header sent with every call, e.g. `X-AnchorMailbox: user@example.com`.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Uses a preconfigured reqwest client (proxies, custom roots...). The timeouts set on this
    /// builder still apply per request; the connect timeout is then the client's own.
    pub fn client(mut self, client: reqwest::Client) -> Self {
        self.client = Some(client);
        self
    }

    /// Validates the settings and builds the transport.
    pub fn build(self) -> Result<HttpTransport, TransportError> {
        let url = reqwest::Url::parse(&self.endpoint)
            .map_err(|e| TransportError::Config(format!("invalid endpoint URL: {e}")))?;
        if !url.username().is_empty() || url.password().is_some() {
            return Err(TransportError::Config(
                "the endpoint URL must not carry user info; use basic_auth() instead".into(),
            ));
        }
        if url.scheme() != "http" && url.scheme() != "https" {
            return Err(TransportError::Config(format!(
                "unsupported URL scheme {:?} (expected http or https)",
                url.scheme()
            )));
        }
        let mut headers = HeaderMap::new();
        for (name, value) in &self.headers {
            let name = HeaderName::from_bytes(name.as_bytes())
                .map_err(|_| TransportError::Config(format!("invalid header name {name:?}")))?;
            let mut value = HeaderValue::from_str(value)
                .map_err(|_| TransportError::Config(format!("invalid value for header {name}")))?;
            value.set_sensitive(true);
            headers.append(name, value);
        }
        let authorization = match &self.credentials {
            Credentials::None => None,
            Credentials::Basic { user, password } => {
                use base64::Engine as _;
                let raw = format!("{user}:{password}");
                let encoded = base64::engine::general_purpose::STANDARD.encode(raw.as_bytes());
                Some(sensitive_header(&format!("Basic {encoded}"))?)
            }
            Credentials::Bearer(token) => Some(sensitive_header(&format!("Bearer {token}"))?),
        };
        let client = match self.client {
            Some(client) => client,
            // Redirects are not followed: a POST must not silently turn into a GET or carry
            // credentials elsewhere; a 3xx is reported to the caller with its status.
            None => reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .connect_timeout(self.connect_timeout)
                .build()
                .map_err(|e| TransportError::Config(error_chain(&e.without_url())))?,
        };
        Ok(HttpTransport {
            client,
            endpoint: url,
            timeout: self.timeout,
            credentials: self.credentials,
            authorization,
            headers,
        })
    }
}

fn sensitive_header(value: &str) -> Result<HeaderValue, TransportError> {
    let mut v = HeaderValue::from_str(value).map_err(|_| {
        TransportError::Config("credentials contain characters not allowed in a header".into())
    })?;
    v.set_sensitive(true);
    Ok(v)
}

/// SOAP over HTTP(S) with reqwest: one POST per call.
///
/// Sends `SOAPAction` (SOAP 1.1) as given in the request, the content type, the credentials and
/// the extra headers. Reads the whole reply, whatever its status, up to the request's
/// `max_response_bytes`. Each call is traced (span `soap_call` with the operation and endpoint;
/// an event with status and duration at DEBUG; bodies at TRACE). Credentials never appear in
/// logs, errors or `Debug` output.
#[derive(Clone)]
pub struct HttpTransport {
    client: reqwest::Client,
    endpoint: reqwest::Url,
    timeout: Duration,
    credentials: Credentials,
    authorization: Option<HeaderValue>,
    headers: HeaderMap,
}

impl fmt::Debug for HttpTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.headers.keys().map(|k| k.as_str()).collect();
        f.debug_struct("HttpTransport")
            .field("endpoint", &self.endpoint.as_str())
            .field("timeout", &self.timeout)
            .field("credentials", &self.credentials)
            .field("extra_headers", &names)
            .finish()
    }
}

impl HttpTransport {
    /// Starts a builder for `endpoint` (e.g. `https://mail.example.com/EWS/Exchange.asmx`).
    pub fn builder(endpoint: impl Into<String>) -> HttpTransportBuilder {
        HttpTransportBuilder {
            endpoint: endpoint.into(),
            timeout: DEFAULT_TIMEOUT,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            credentials: Credentials::None,
            headers: Vec::new(),
            client: None,
        }
    }

    /// A transport with default settings and no credentials.
    pub fn new(endpoint: impl Into<String>) -> Result<Self, TransportError> {
        Self::builder(endpoint).build()
    }

    /// The endpoint URL.
    pub fn endpoint(&self) -> &str {
        self.endpoint.as_str()
    }

    async fn send_inner(&self, request: SoapRequest) -> Result<SoapResponse, TransportError> {
        let mut builder = self
            .client
            .post(self.endpoint.clone())
            .timeout(self.timeout)
            .headers(self.headers.clone())
            .header(CONTENT_TYPE, request.content_type.as_str());
        if request.content_type.starts_with("text/xml") {
            let quoted = format!("\"{}\"", request.action);
            builder = builder.header("SOAPAction", quoted);
        }
        if let Some(auth) = &self.authorization {
            builder = builder.header(AUTHORIZATION, auth.clone());
        }
        tracing::trace!(body = %String::from_utf8_lossy(&request.body), "SOAP request body");
        let mut response = builder
            .body(request.body)
            .send()
            .await
            .map_err(|e| self.map_error(e))?;
        let status = response.status().as_u16();
        let content_type = response
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let limit = request.max_response_bytes;
        let declared = response
            .headers()
            .get(CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<u64>().ok());
        if declared.is_some_and(|n| n > limit as u64) {
            return Err(TransportError::TooLarge { limit });
        }
        let mut body = Vec::with_capacity(declared.map_or(0, |n| n as usize).min(limit));
        while let Some(chunk) = response.chunk().await.map_err(|e| self.map_error(e))? {
            if body.len().saturating_add(chunk.len()) > limit {
                return Err(TransportError::TooLarge { limit });
            }
            body.extend_from_slice(&chunk);
        }
        tracing::trace!(body = %String::from_utf8_lossy(&body), "SOAP response body");
        Ok(SoapResponse {
            status,
            content_type,
            body,
        })
    }

    fn map_error(&self, e: reqwest::Error) -> TransportError {
        let e = e.without_url();
        if e.is_timeout() {
            TransportError::Timeout(self.timeout)
        } else if e.is_connect() {
            TransportError::Connect {
                endpoint: self.endpoint.to_string(),
                message: error_chain(&e),
            }
        } else if e.is_builder() {
            TransportError::Config(error_chain(&e))
        } else {
            TransportError::Io(error_chain(&e))
        }
    }
}

/// Renders an error and its sources on one line.
fn error_chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut source = e.source();
    while let Some(inner) = source {
        let text = inner.to_string();
        if !s.contains(&text) {
            s.push_str(": ");
            s.push_str(&text);
        }
        source = inner.source();
    }
    s
}

impl Transport for HttpTransport {
    fn send(&self, request: SoapRequest) -> BoxFuture<'_, Result<SoapResponse, TransportError>> {
        Box::pin(async move {
            let span = tracing::info_span!(
                "soap_call",
                operation = %request.operation,
                endpoint = %self.endpoint,
            );
            let start = Instant::now();
            let operation = request.operation.clone();
            let result = tracing::Instrument::instrument(self.send_inner(request), span).await;
            let elapsed_ms = start.elapsed().as_millis() as u64;
            match &result {
                Ok(r) => tracing::debug!(
                    operation = %operation,
                    endpoint = %self.endpoint,
                    status = r.status,
                    duration_ms = elapsed_ms,
                    "SOAP call finished"
                ),
                Err(e) => tracing::warn!(
                    operation = %operation,
                    endpoint = %self.endpoint,
                    duration_ms = elapsed_ms,
                    error = %e,
                    "SOAP call failed"
                ),
            }
            result
        })
    }
}
