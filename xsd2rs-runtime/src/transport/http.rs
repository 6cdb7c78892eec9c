//! [`HttpTransport`]: SOAP over HTTP(S) on reqwest, TLS by rustls.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant};

use reqwest::header::{
    HeaderMap, HeaderName, HeaderValue, AUTHORIZATION, CONTENT_LENGTH, CONTENT_TYPE,
};

use super::token::{TokenRefresh, TokenSource};
use super::{BoxFuture, SoapRequest, SoapResponse, Transport, TransportError};

/// Default time allowed for a whole call (connect, send, receive).
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(100);
/// Default time allowed to establish a connection.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(30);
/// Default safety margin before a token's expiry at which a [`TokenSource`] is asked for a new
/// one (so a token does not expire on the way to the server).
pub const DEFAULT_TOKEN_MARGIN: Duration = Duration::from_secs(60);

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
    token_source: Option<SharedSource>,
    token_margin: Duration,
}

/// A token source in a builder (its `Debug` shows nothing of it).
#[derive(Clone)]
struct SharedSource(Arc<dyn TokenSource>);

impl fmt::Debug for SharedSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("TokenSource(..)")
    }
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

    /// Authenticates with HTTP Basic (replaces any other credentials or token source).
    pub fn basic_auth(mut self, user: impl Into<String>, password: impl Into<String>) -> Self {
        self.token_source = None;
        self.credentials = Credentials::Basic {
            user: user.into(),
            password: password.into(),
        };
        self
    }

    /// Authenticates with a fixed OAuth2 bearer token (replaces any other credentials or token
    /// source).
    pub fn bearer_token(mut self, token: impl Into<String>) -> Self {
        self.token_source = None;
        self.credentials = Credentials::Bearer(token.into());
        self
    }

    /// Sets the credentials directly (replaces any token source).
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.token_source = None;
        self.credentials = credentials;
        self
    }

    /// Authenticates with bearer tokens from `source` (replaces any other credentials).
    ///
    /// The transport asks the source for a token on its first call, keeps it until
    /// [`token_refresh_margin`](Self::token_refresh_margin) before it expires, and asks again
    /// then. When the server answers HTTP 401, it asks the source once more
    /// ([`TokenRefresh::Rejected`]) and retries the call once with the new token; a second 401
    /// is the call's reply. One caller at a time asks the source (a burst of concurrent calls
    /// waits for one token), each request bounded by the transport's [`timeout`](Self::timeout);
    /// a failure is [`TransportError::Token`] and is not cached. Clones of the transport share
    /// the token.
    pub fn token_source(self, source: impl TokenSource + 'static) -> Self {
        self.token_source_shared(Arc::new(source))
    }

    /// [`token_source`](Self::token_source) with a source shared with other code.
    pub fn token_source_shared(mut self, source: Arc<dyn TokenSource>) -> Self {
        self.credentials = Credentials::None;
        self.token_source = Some(SharedSource(source));
        self
    }

    /// How long before a token's expiry it is replaced (default [`DEFAULT_TOKEN_MARGIN`]). A
    /// token that lives shorter than the margin serves the call it was fetched for only.
    pub fn token_refresh_margin(mut self, margin: Duration) -> Self {
        self.token_margin = margin;
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
        let tokens = self.token_source.map(|source| {
            Arc::new(TokenCache {
                source: source.0,
                margin: self.token_margin,
                state: tokio::sync::Mutex::new(TokenState::default()),
            })
        });
        Ok(HttpTransport {
            client,
            endpoint: url,
            timeout: self.timeout,
            credentials: self.credentials,
            authorization,
            tokens,
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

/// SOAP over HTTP(S) with reqwest: one POST per call (two when a token from a
/// [`TokenSource`] is refused with 401, see [`HttpTransportBuilder::token_source`]).
///
/// Sends `SOAPAction` (SOAP 1.1) as given in the request, the content type, the credentials and
/// the extra headers. Reads the whole reply, whatever its status, up to the request's
/// `max_response_bytes`. Each call is traced (span `soap_call` with the operation and endpoint;
/// an event with status and duration at DEBUG; bodies at TRACE). Credentials and tokens never
/// appear in logs, errors or `Debug` output.
#[derive(Clone)]
pub struct HttpTransport {
    client: reqwest::Client,
    endpoint: reqwest::Url,
    timeout: Duration,
    credentials: Credentials,
    authorization: Option<HeaderValue>,
    tokens: Option<Arc<TokenCache>>,
    headers: HeaderMap,
}

impl fmt::Debug for HttpTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.headers.keys().map(|k| k.as_str()).collect();
        f.debug_struct("HttpTransport")
            .field("endpoint", &self.endpoint.as_str())
            .field("timeout", &self.timeout)
            .field("credentials", &self.credentials)
            .field("token_source", &self.tokens.is_some())
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
            token_source: None,
            token_margin: DEFAULT_TOKEN_MARGIN,
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
        let SoapRequest {
            operation,
            action,
            content_type,
            body,
            max_response_bytes: limit,
        } = request;
        let head = RequestHead {
            action: &action,
            content_type: &content_type,
        };
        let Some(tokens) = &self.tokens else {
            let response = self.post(head, body, self.authorization.clone()).await?;
            return self.read_reply(response, limit).await;
        };
        let (authorization, generation) = tokens.current(self.timeout).await?;
        let response = self.post(head, body.clone(), Some(authorization)).await?;
        if response.status() != reqwest::StatusCode::UNAUTHORIZED {
            return self.read_reply(response, limit).await;
        }
        drop(response);
        tracing::debug!(
            operation = %operation,
            "HTTP 401 with the current bearer token: asking the token source again"
        );
        let authorization = tokens.rejected(generation, self.timeout).await?;
        let response = self.post(head, body, Some(authorization)).await?;
        self.read_reply(response, limit).await
    }

    /// POSTs `body` with the request's headers and `authorization`.
    async fn post(
        &self,
        head: RequestHead<'_>,
        body: Vec<u8>,
        authorization: Option<HeaderValue>,
    ) -> Result<reqwest::Response, TransportError> {
        let mut builder = self
            .client
            .post(self.endpoint.clone())
            .timeout(self.timeout)
            .headers(self.headers.clone())
            .header(CONTENT_TYPE, head.content_type);
        if head.content_type.starts_with("text/xml") {
            let quoted = format!("\"{}\"", head.action);
            builder = builder.header("SOAPAction", quoted);
        }
        if let Some(auth) = authorization {
            builder = builder.header(AUTHORIZATION, auth);
        }
        tracing::trace!(body = %String::from_utf8_lossy(&body), "SOAP request body");
        builder
            .body(body)
            .send()
            .await
            .map_err(|e| self.map_error(e))
    }

    /// Reads a reply's status, content type and body (at most `limit` bytes).
    async fn read_reply(
        &self,
        mut response: reqwest::Response,
        limit: usize,
    ) -> Result<SoapResponse, TransportError> {
        let status = response.status().as_u16();
        let content_type = response
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
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

/// What [`HttpTransport::post`] needs of a request besides its body.
#[derive(Clone, Copy)]
struct RequestHead<'a> {
    action: &'a str,
    content_type: &'a str,
}

/// The bearer token of a transport with a [`TokenSource`], shared by the transport's clones.
///
/// The lock is held while the source works, so concurrent calls wait for one answer instead of
/// each asking the source.
struct TokenCache {
    source: Arc<dyn TokenSource>,
    margin: Duration,
    state: tokio::sync::Mutex<TokenState>,
}

#[derive(Default)]
struct TokenState {
    current: Option<CachedToken>,
    /// Counts the tokens obtained, so a 401 to an older token does not replace a newer one.
    generation: u64,
}

struct CachedToken {
    /// `Bearer TOKEN`, marked sensitive.
    authorization: HeaderValue,
    /// When to ask for the next one (expiry minus the margin); `None`: only after a 401.
    refresh_at: Option<Instant>,
    generation: u64,
}

impl CachedToken {
    fn is_fresh(&self, now: Instant) -> bool {
        self.refresh_at.is_none_or(|at| now < at)
    }
}

impl TokenCache {
    /// The token to send (and its generation): the cached one while it is fresh, else a new one.
    async fn current(&self, timeout: Duration) -> Result<(HeaderValue, u64), TransportError> {
        let mut state = self.state.lock().await;
        let why = match &state.current {
            Some(token) if token.is_fresh(Instant::now()) => {
                return Ok((token.authorization.clone(), token.generation));
            }
            Some(_) => TokenRefresh::Expired,
            None => TokenRefresh::Initial,
        };
        self.fetch(&mut state, why, timeout).await
    }

    /// The token to retry with after the server refused the token of `generation`: a newer one
    /// if another call already replaced it, else a new one from the source.
    async fn rejected(
        &self,
        generation: u64,
        timeout: Duration,
    ) -> Result<HeaderValue, TransportError> {
        let mut state = self.state.lock().await;
        if let Some(token) = &state.current {
            if token.generation != generation && token.is_fresh(Instant::now()) {
                return Ok(token.authorization.clone());
            }
        }
        Ok(self
            .fetch(&mut state, TokenRefresh::Rejected, timeout)
            .await?
            .0)
    }

    async fn fetch(
        &self,
        state: &mut TokenState,
        why: TokenRefresh,
        timeout: Duration,
    ) -> Result<(HeaderValue, u64), TransportError> {
        state.current = None;
        let token = tokio::time::timeout(timeout, self.source.token(why))
            .await
            .map_err(|_| {
                TransportError::Token(format!("the token source gave no token within {timeout:?}"))
            })?
            .map_err(|e| TransportError::Token(e.message().to_owned()))?;
        if token.token.is_empty() {
            return Err(TransportError::Token(
                "the token source returned an empty token".into(),
            ));
        }
        let mut authorization = HeaderValue::from_str(&format!("Bearer {}", token.token.expose()))
            .map_err(|_| {
                TransportError::Token(
                    "the token holds characters not allowed in an HTTP header".into(),
                )
            })?;
        authorization.set_sensitive(true);
        let now = Instant::now();
        let refresh_at = token
            .expires_in
            .map(|lifetime| now.checked_add(lifetime.saturating_sub(self.margin)));
        state.generation += 1;
        tracing::debug!(
            reason = ?why,
            expires_in_s = token.expires_in.map(|d| d.as_secs()),
            "bearer token obtained from the token source"
        );
        state.current = Some(CachedToken {
            authorization: authorization.clone(),
            // A lifetime too long for `Instant` never expires.
            refresh_at: refresh_at.flatten(),
            generation: state.generation,
        });
        Ok((authorization, state.generation))
    }
}
